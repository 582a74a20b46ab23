package io.clientele.customer.impl.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clientele.customer.api.Address;
import io.clientele.customer.api.Complementary;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerEvents;
import io.clientele.customer.api.CustomerVisibilityContributor;
import io.clientele.customer.api.LookupKind;
import io.clientele.customer.api.PersonType;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.RowMapper;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.MergePatch;
import io.clientele.platform.api.rest.Formats;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The customer registry. Every read applies the restricted-customer rule: ADMIN and FINANCE see every
 * customer; others see unrestricted ones plus those they serve, assist or follow (and those a module's
 * {@link CustomerVisibilityContributor} opens to them). A customer the caller may not see reads as missing.
 */
@Component(service = {CustomerDirectory.class, CustomerStore.class})
public class CustomerStore implements CustomerDirectory {

    static final String ROOT = "customer";
    /** A search word starting at most this many words is looked up through the index (see narrowToSearchCandidates). */
    static final int SEARCH_CANDIDATE_LIMIT = 1000;
    /** What a client may change of a customer (archived only through DELETE). */
    private static final MergePatch PATCH = MergePatch.of("customer", Set.of("id", "version", "createdAt", "updatedAt", "archived"));
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database database;
    private final EntityWork work;
    private final TenantTable customers;
    private final TenantTable followers;
    private final TenantTable searchTerms;
    private final LookupStore lookups;
    private final SettingsStore settings;
    private final UserDirectory users;
    private final HistoryService history;
    private final DomainEvents events;
    private final List<CustomerVisibilityContributor> contributors = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Activate
    public CustomerStore(@Reference Database database, @Reference(target = "(osgi.unit.name=customer)") EntityManagerFactory unit,
                         @Reference CustomerSchema schema, @Reference LookupStore lookups, @Reference SettingsStore settings,
                         @Reference UserDirectory users, @Reference HistoryService history, @Reference DomainEvents events) {
        this.database = database;
        this.work = new EntityWork(database, unit);
        this.customers = new TenantTable(database, "customer");
        this.followers = new TenantTable(database, "customer_follower");
        this.searchTerms = new TenantTable(database, "customer_search_term");
        this.lookups = lookups;
        this.settings = settings;
        this.users = users;
        this.history = history;
        this.events = events;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(CustomerVisibilityContributor contributor) {
        contributors.add(contributor);
    }

    void removeContributor(CustomerVisibilityContributor contributor) {
        contributors.remove(contributor);
    }

    // ---- reads

    @Override
    public java.util.Optional<Customer> find(String id) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        return work.inTransaction(em -> java.util.Optional.ofNullable(visible(em.find(CustomerRecord.class, id))));
    }

    /** The stored customer as the API shows it, or null when there is none or the caller may not see it. */
    private Customer visible(CustomerRecord record) {
        if (record == null) {
            return null;
        }
        Customer customer = withFollowers(List.of(record.toApi(List.of()))).get(0);
        return sees(RequestContext.principal(), customer) ? customer : null;
    }

    /**
     * The restricted-customer rule for one customer, as {@link #visibility()} states it for queries: the roles and
     * assignments of {@link RoleRules#sees}, and what modules' contributors open to the caller.
     */
    private boolean sees(Principal p, Customer customer) {
        if (!customer.restricted() || p.kind() == PrincipalKind.SYSTEM || p.hasAnyRole(Role.ADMIN, Role.FINANCE)) {
            return true;
        }
        if (p.id() == null) {
            return false;
        }
        return RoleRules.sees(p, customer)
                || contributors.stream().anyMatch(c -> c.restrictedCustomersVisibleTo(p.id()).contains(customer.id()));
    }

    /** A customer about to change in this transaction: the managed record and the customer as it was. */
    private record Changing(CustomerRecord record, Customer before) {
    }

    /** The customer to change in this transaction: 404 when missing or not visible, 412 on another version. */
    private Changing changing(EntityManager em, String id, Long expectedVersion) {
        CustomerRecord record = em.find(CustomerRecord.class, id);
        Customer before = visible(record);
        if (before == null) {
            throw ProblemException.notFound("Customer " + id);
        }
        record.requireVersion(expectedVersion, "customer");
        return new Changing(record, before);
    }

    public Customer get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Customer " + id));
    }

    public Page<HistoryEntry> history(String id, int limit, String cursor) {
        get(id);
        return history.page(ROOT, id, limit, cursor);
    }

    /** One page of the list, filtered, sorted and keyset-paged (no OFFSET). */
    public Page<Customer> list(CustomerFilter filter, CustomerSort sort, int limit, String cursor) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        visibleMatching(filter, where, params);
        if (!narrowToSearchCandidates(filter.q(), where, params)) {
            return new Page<>(List.of(), null);
        }
        Keyset<Customer> keyset = sort.keyset();
        String orderBy = keyset.orderBy(c -> c);
        Page<Customer> page = keyset.page(limit, cursor, (after, max) -> {
            if (after == null) {
                return customers.find(where.toString(), params, orderBy, max, positional());
            }
            // After the cursor come first the rows that share its sort value with a later id, then the rows past its
            // value: two index ranges with exact start keys (the keyset's ranges). One "col > ? OR (col = ? AND id > ?)"
            // condition gives the database (Derby) a start key on the sort value only, so a page deep inside a run of
            // equal values (an import's rows share their timestamps) re-read every earlier row of that run.
            List<Keyset.Condition> ranges = keyset.ranges(after, c -> c, i -> "?");
            Keyset.Condition same = ranges.get(0);
            Keyset.Condition past = ranges.get(1);
            List<Object> sameValue = new ArrayList<>(params);
            sameValue.addAll(same.params());
            // Derby's optimizer has been seen to read that first range through the other direction's index and sort it
            // (100,000 imported rows sharing a timestamp: 1.6 s a page instead of milliseconds), so without a text search
            // (whose candidates are better found by id) it is told the index
            String sameCondition = where + " AND " + same.text();
            List<Customer> rows = new ArrayList<>(filter.q() == null || filter.q().isBlank()
                    ? customers.findThroughIndex(sort.index(), sameCondition, sameValue, orderBy, max, positional())
                    : customers.find(sameCondition, sameValue, orderBy, max, positional()));
            if (rows.size() < max) {
                List<Object> pastValue = new ArrayList<>(params);
                pastValue.addAll(past.params());
                rows.addAll(customers.find(where + " AND " + past.text(), pastValue, orderBy, max - rows.size(), positional()));
            }
            return rows;
        }, null);
        return new Page<>(withFollowers(page.items()), page.nextCursor());
    }

    /** The condition of the list and the export: archived or not, the filter, and the restricted-customer rule. */
    private void visibleMatching(CustomerFilter filter, StringBuilder where, List<Object> params) {
        where.append("archived = ?");
        params.add(Boolean.TRUE.equals(filter.archived()));
        filter.appendTo(where, params);
        Visibility v = visibility();
        where.append(" AND ").append(v.condition());
        params.addAll(v.params());
    }

    /**
     * Finds the customers a text search can match through the indexed words of {@link CustomerSearch}: when a
     * query word starts few customers' words, the list is narrowed to those customers (the filter's own
     * condition still decides); when every word is common, the list walks in sort order and meets matches
     * soon. Returns false when some word matches nobody, so nothing can match.
     */
    private boolean narrowToSearchCandidates(String q, StringBuilder where, List<Object> params) {
        for (String word : CustomerSearch.queryWords(q)) {
            List<String> rows = searchTerms.find("term LIKE ?", List.of(word + "%"), null, SEARCH_CANDIDATE_LIMIT + 1,
                    rs -> rs.getString("customer_id"));
            if (rows.isEmpty()) {
                return false;
            }
            if (rows.size() <= SEARCH_CANDIDATE_LIMIT) {
                Set<String> ids = new LinkedHashSet<>(rows);
                where.append(" AND id IN (").append(String.join(", ", Collections.nCopies(ids.size(), "?"))).append(')');
                params.addAll(ids);
                return true;
            }
        }
        return true;
    }

    /**
     * Every customer matching the filter that the caller may see, in sort order, handed over in chunks from one
     * streaming query (exports: memory stays flat, no repeated keyset searches). Followers are filled when asked;
     * the profile (a CLOB) is read only when asked.
     */
    void forEach(CustomerFilter filter, CustomerSort sort, int chunk, boolean withFollowers, boolean withProfile,
                 java.util.function.Consumer<List<Customer>> each) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        visibleMatching(filter, where, params);
        Chunks<Customer> chunks = new Chunks<>(chunk, withFollowers, Function.identity(), (rows, c) -> c, each);
        customers.forEach(streamColumns(withProfile, null), where.toString(), params, sort.keyset().orderBy(c -> c),
                chunk, positional(), chunks::add);
        chunks.finish();
    }

    /** A customer with the value of its sort column ({@link CustomerSort#column()}): a String or a Timestamp. */
    record Keyed(Object key, Customer customer) {
    }

    /**
     * Like {@link #forEach(CustomerFilter, CustomerSort, int, boolean, boolean, java.util.function.Consumer)} but in no
     * particular order, each customer with its sort key so the caller can sort: the table is read in storage order
     * (see {@link #readsBetterInStorageOrder}).
     */
    void forEachInStorageOrder(CustomerFilter filter, CustomerSort sort, int chunk, boolean withFollowers, boolean withProfile,
                               java.util.function.Consumer<List<Keyed>> each) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        visibleMatching(filter, where, params);
        String keyColumn = sort.column();
        RowMapper<Customer> customer = positional();
        RowMapper<Keyed> keyed = rs -> new Keyed("name_lower".equals(keyColumn) ? rs.getString(keyColumn) : rs.getTimestamp(keyColumn),
                customer.map(rs));
        Chunks<Keyed> chunks = new Chunks<>(chunk, withFollowers, Keyed::customer, (k, c) -> new Keyed(k.key(), c), each);
        customers.forEachInStorageOrder(streamColumns(withProfile, keyColumn), where.toString(), params, chunk, keyed, chunks::add);
        chunks.finish();
    }

    /** An agency's rows from which on reading the whole table in storage order is considered (see below). */
    static final long STORAGE_ORDER_MIN_ROWS = 20_000;

    /**
     * Whether an export should read in storage order and sort itself rather than walk the sort index. The index walk
     * fetches every row from a random page of the table: on Derby, once the table outgrows the page cache, that is a
     * disk page read per row (≈ 40,000 rows/s), while one pass over the table reads ≈ 300,000 rows/s. The pass reads
     * every agency's rows, so it is chosen only on Derby (PostgreSQL's planner makes this choice itself), when no filter
     * can be answered from an index (group, date ranges), and when the agency holds at least
     * {@link #STORAGE_ORDER_MIN_ROWS} such rows and at least an eighth of the table.
     */
    boolean readsBetterInStorageOrder(CustomerFilter filter) {
        if (database.dialect() != Dialect.DERBY || filter.groupId() != null || filter.createdFrom() != null
                || filter.createdBefore() != null || filter.updatedSince() != null || filter.updatedBefore() != null) {
            return false;
        }
        // does the agency hold that many? its index is walked up to that row only, not counted to its end; a small
        // agency is answered here, without counting the whole table
        List<Object> archived = List.of(Boolean.TRUE.equals(filter.archived()));
        if (!customers.hasAtLeast("archived = ?", archived, STORAGE_ORDER_MIN_ROWS)) {
            return false;
        }
        // every agency's rows, only counted: the cost of a pass over the table
        long tableRows = database.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM customer"));
        long needed = (tableRows + 7) / 8;
        return needed <= STORAGE_ORDER_MIN_ROWS || customers.hasAtLeast("archived = ?", archived, needed);
    }

    /** Gathers streamed rows into chunks and hands each over, followers filled when asked. */
    private final class Chunks<T> {
        private final int size;
        private final boolean withFollowers;
        private final Function<T, Customer> customerOf;
        private final java.util.function.BiFunction<T, Customer, T> withCustomer;
        private final java.util.function.Consumer<List<T>> each;
        private final List<T> pending;

        Chunks(int size, boolean withFollowers, Function<T, Customer> customerOf, java.util.function.BiFunction<T, Customer, T> withCustomer,
               java.util.function.Consumer<List<T>> each) {
            this.size = size;
            this.withFollowers = withFollowers;
            this.customerOf = customerOf;
            this.withCustomer = withCustomer;
            this.each = each;
            this.pending = new ArrayList<>(size);
        }

        void add(T row) {
            pending.add(row);
            if (pending.size() == size) {
                handOver();
            }
        }

        void finish() {
            if (!pending.isEmpty()) {
                handOver();
            }
        }

        private void handOver() {
            List<T> rows = new ArrayList<>(pending);
            pending.clear();
            if (withFollowers) {
                List<Customer> filled = withFollowers(rows.stream().map(customerOf).toList());
                for (int i = 0; i < rows.size(); i++) {
                    rows.set(i, withCustomer.apply(rows.get(i), filled.get(i)));
                }
            }
            each.accept(rows);
        }
    }

    /** The columns {@link #map} reads (no search words; the profile only when asked), plus {@code extra} when not null. */
    private static List<String> streamColumns(boolean withProfile, String extra) {
        List<String> columns = new ArrayList<>(STREAM_COLUMNS);
        if (withProfile) {
            columns.add("profile");
        }
        if (extra != null && !columns.contains(extra)) {
            columns.add(extra);
        }
        return columns;
    }

    private static final List<String> STREAM_COLUMNS = List.of("id", "name", "company_name", "person_type", "document_number",
            "email", "phone", "website", "segment_id", "status_id", "attraction_channel_id", "sector_id", "responsible_manager_id",
            "service_manager_id", "assistant_id", "group_id", "project_template_id", "restricted", "supplier",
            "receive_promotional_emails", "publish_digital_media", "portal_access", "postal_code", "street", "address_number",
            "complement", "district", "city", "state", "country", "bank_name", "bank_branch", "bank_account", "discount_percent",
            "billing_type_id", "payment_condition_id", "payment_day", "product_service_ids", "invoice_type_ids", "version",
            "created_at", "updated_at", "archived");

    /**
     * A mapper for one streamed query: it looks each column's position up once, on the first row, instead of by
     * name on every row (Derby upper-cases and hashes the name on each call). A column the query did not select
     * reads as null.
     */
    private RowMapper<Customer> positional() {
        return new RowMapper<>() {
            private ResultSet seen;
            private Columns columns;

            @Override
            public Customer map(ResultSet rs) throws SQLException {
                if (rs != seen) {
                    seen = rs;
                    columns = new Columns(rs);
                }
                return CustomerStore.this.map(columns);
            }
        };
    }

    // ---- writes

    public Customer create(Customer input) {
        Customer normalized = normalize(input);
        if (!RoleRules.sees(RequestContext.principal(), normalized)) {
            throw ProblemException.forbidden("A restricted customer you register must name you as its service manager, assistant "
                    + "or a follower; otherwise you could not see it.");
        }
        String id = Jdbc.newId();
        Instant now = EntityWork.now();
        return work.inTransaction(em -> {
            // inside the write's transaction: the settings and lookups it reads share its EntityManager and connection
            validate(null, normalized);
            CustomerRecord record = new CustomerRecord(id, normalized, now);
            em.persist(record);
            if (!normalized.followerIds().isEmpty()) {
                em.flush(); // its followers' rows reference it; otherwise the insert waits for the work's end (one flush)
            }
            writeFollowers(id, normalized.followerIds());
            writeSearchTerms(id, normalized);
            Customer created = record.toApi(sorted(normalized.followerIds()));
            history.record(ROOT, id, ROOT, id, "CREATED", HistoryService.diff(Map.of(), snapshot(created)));
            events.publish(CustomerEvents.CUSTOMER_CREATED, Map.of("customerId", id));
            return created;
        });
    }

    /** Applies a JSON merge patch (RFC 7386) to the customer, then validates the whole result. */
    public Customer patch(String id, Long expectedVersion, Map<String, Object> patch) {
        PATCH.check(patch);
        return work.inTransaction(em -> {
            Changing changing = changing(em, id, expectedVersion);
            CustomerRecord record = changing.record();
            Customer before = changing.before();
            Customer after;
            try {
                after = normalize(json.convertValue(MergePatch.merge(json.convertValue(before, MAP), patch), Customer.class));
            } catch (IllegalArgumentException e) {
                String field = e.getCause() instanceof JsonMappingException m ? path(m) : null;
                throw ProblemException.malformed(field == null ? "The patch does not fit a customer."
                        : "Field '" + field + "' has the wrong type or format.", field);
            }
            if (RoleRules.changesAssignment(before, after)) {
                RoleRules.refusal(RequestContext.principal(), CustomerAction.ASSIGN, before).ifPresent(reason -> {
                    throw ProblemException.forbidden(reason);
                });
            }
            validate(before, after);
            record.change(after, EntityWork.now());
            em.flush(); // a row another request changed first fails here (412); the version is the new one after it
            followers.delete("customer_id = ?", List.of(id));
            writeFollowers(id, after.followerIds());
            deleteSearchTerms(id, before);
            writeSearchTerms(id, after);
            Customer saved = record.toApi(sorted(after.followerIds()));
            history.record(ROOT, id, ROOT, id, "UPDATED", HistoryService.diff(snapshot(before), snapshot(saved)));
            events.publish(CustomerEvents.CUSTOMER_UPDATED, Map.of("customerId", id));
            return saved;
        });
    }

    /** Archives (soft-deletes) a customer: it leaves lists unless asked for, and stays in history. */
    public void archive(String id, Long expectedVersion) {
        work.inTransaction(em -> {
            CustomerRecord record = changing(em, id, expectedVersion).record();
            if (!record.archived()) {
                record.archive(EntityWork.now());
                history.record(ROOT, id, ROOT, id, "ARCHIVED", List.of(new io.clientele.platform.api.history.FieldChange("archived", "false", "true")));
                events.publish(CustomerEvents.CUSTOMER_ARCHIVED, Map.of("customerId", id));
            }
            return null;
        });
    }

    // ---- validation

    static Customer normalize(Customer c) {
        Address a = c.address() == null ? new Address(null, null, null, null, null, null, null, null) : c.address();
        Address address = new Address(trim(a.postalCode()), trim(a.street()), trim(a.number()), trim(a.complement()),
                trim(a.district()), trim(a.city()), trim(a.state()), a.country() == null ? null : a.country().trim().toUpperCase(Locale.ROOT));
        Complementary m = c.complementary() == null ? new Complementary(null, null, null, null, null, null, null, List.of()) : c.complementary();
        return new Customer(c.id(), trim(c.name()), trim(c.companyName()), c.personType() == null ? PersonType.COMPANY : c.personType(),
                trim(c.documentNumber()), trim(c.email()), trim(c.phone()), trim(c.website()), c.segmentId(), c.statusId(),
                c.attractionChannelId(), c.sectorId(), c.responsibleManagerId(), c.serviceManagerId(), c.assistantId(),
                distinct(c.followerIds()), c.groupId(), trim(c.projectTemplateId()), c.restricted(), c.supplier(),
                c.receivePromotionalEmails(), c.publishDigitalMedia(), c.portalAccess(), address,
                new Complementary(trim(m.bankName()), trim(m.bankBranch()), trim(m.bankAccount()), m.discountPercent(),
                        m.billingType(), m.paymentCondition(), m.paymentDay(), distinct(m.productsAndServiceIds())),
                distinct(c.invoiceTypeIds()), c.profile(), c.version(), c.createdAt(), c.updatedAt(), c.archived());
    }

    /** Every problem of a customer at once: required fields, formats, and ids that name nothing usable. */
    void validate(Customer before, Customer c) {
        FieldErrors errors = new FieldErrors();
        checkFields(errors, c, settings.requiredFields());
        Complementary m = c.complementary();
        checkLookup(errors, "segmentId", LookupKind.SEGMENT, before == null ? null : before.segmentId(), c.segmentId());
        checkLookup(errors, "statusId", LookupKind.STATUS, before == null ? null : before.statusId(), c.statusId());
        checkLookup(errors, "attractionChannelId", LookupKind.ATTRACTION_CHANNEL, before == null ? null : before.attractionChannelId(), c.attractionChannelId());
        checkLookup(errors, "sectorId", LookupKind.SECTOR, before == null ? null : before.sectorId(), c.sectorId());
        checkLookup(errors, "complementary.billingType", LookupKind.BILLING_TYPE,
                before == null ? null : before.complementary().billingType(), m.billingType());
        checkLookup(errors, "complementary.paymentCondition", LookupKind.PAYMENT_CONDITION,
                before == null ? null : before.complementary().paymentCondition(), m.paymentCondition());
        checkLookups(errors, "invoiceTypeIds", LookupKind.INVOICE_TYPE, before == null ? List.of() : before.invoiceTypeIds(), c.invoiceTypeIds());
        checkLookups(errors, "complementary.productsAndServiceIds", LookupKind.PRODUCT_SERVICE,
                before == null ? List.of() : before.complementary().productsAndServiceIds(), m.productsAndServiceIds());
        checkUsers(errors, c);
        if (c.groupId() != null) {
            if (before != null && c.groupId().equals(before.id())) {
                errors.add("groupId", "a customer cannot be its own group");
            } else if (customers.count("id = ?", List.of(c.groupId())) == 0) {
                errors.add("groupId", "is not a customer of this agency");
            }
        }
        errors.throwIfAny();
    }

    /** The checks of {@link #validate} that need no database: required fields, lengths and formats. */
    static void checkFields(FieldErrors errors, Customer c, java.util.Collection<String> requiredFields) {
        for (String field : requiredFields) {
            if (isMissing(c, field)) {
                errors.add(field, "address".equals(field) ? "a complete address is required" : "is required");
            }
        }
        length(errors, "name", c.name(), 200);
        length(errors, "companyName", c.companyName(), 200);
        length(errors, "phone", c.phone(), 40);
        length(errors, "projectTemplateId", c.projectTemplateId(), 36);
        length(errors, "profile", c.profile(), 20_000);
        if (c.email() != null && !Formats.isEmail(c.email())) {
            errors.add("email", "is not a valid e-mail address");
        }
        if (c.website() != null && !Formats.isWebUrl(c.website(), 300)) {
            errors.add("website", "must be an http or https URL");
        }
        checkDocument(errors, c);
        Addresses.validate(errors, "address", c.address());
        Complementary m = c.complementary();
        length(errors, "complementary.bankName", m.bankName(), 100);
        length(errors, "complementary.bankBranch", m.bankBranch(), 20);
        length(errors, "complementary.bankAccount", m.bankAccount(), 40);
        if (m.discountPercent() != null && (m.discountPercent().compareTo(BigDecimal.ZERO) < 0
                || m.discountPercent().compareTo(new BigDecimal(100)) > 0 || m.discountPercent().scale() > 2)) {
            errors.add("complementary.discountPercent", "must be between 0 and 100 with at most two decimals");
        }
        if (m.paymentDay() != null && (m.paymentDay() < 1 || m.paymentDay() > 31)) {
            errors.add("complementary.paymentDay", "must be a day of the month, 1 to 31");
        }
    }

    private static void checkDocument(FieldErrors errors, Customer c) {
        if (c.documentNumber() == null) {
            return;
        }
        if (c.documentNumber().length() > 40) {
            errors.add("documentNumber", "must have at most 40 characters");
        } else if ("BR".equals(c.address().country())) {
            boolean valid = c.personType() == PersonType.PERSON ? BrazilianTaxIds.isValidCpf(c.documentNumber())
                    : BrazilianTaxIds.isValidCnpj(c.documentNumber());
            if (!valid) {
                errors.add("documentNumber", c.personType() == PersonType.PERSON ? "is not a valid CPF" : "is not a valid CNPJ");
            }
        }
    }

    /** A lookup id must name an active entry when it is set or changed; an unchanged one may since have been deactivated. */
    private void checkLookup(FieldErrors errors, String field, LookupKind kind, String before, String after) {
        if (after != null && !after.equals(before) && !lookups.unusableIds(kind, List.of(after)).isEmpty()) {
            errors.add(field, "is not an active entry of " + kind.path());
        }
    }

    private void checkLookups(FieldErrors errors, String field, LookupKind kind, List<String> before, List<String> after) {
        List<String> added = after.stream().filter(id -> !before.contains(id)).toList();
        for (String bad : lookups.unusableIds(kind, added)) {
            errors.add(field + "[" + after.indexOf(bad) + "]", "is not an active entry of " + kind.path());
        }
    }

    /** Every user a customer names (managers, assistant, followers), checked in one lookup. */
    private void checkUsers(FieldErrors errors, Customer c) {
        Map<String, String> single = new LinkedHashMap<>();
        single.put("responsibleManagerId", c.responsibleManagerId());
        single.put("serviceManagerId", c.serviceManagerId());
        single.put("assistantId", c.assistantId());
        List<String> named = new ArrayList<>(c.followerIds());
        single.values().stream().filter(Objects::nonNull).forEach(named::add);
        Set<String> unknown = Set.copyOf(users.unknownIds(named));
        if (unknown.isEmpty()) {
            return;
        }
        single.forEach((field, id) -> {
            if (id != null && unknown.contains(id)) {
                errors.add(field, "is not a user of this agency");
            }
        });
        for (int i = 0; i < c.followerIds().size(); i++) {
            if (unknown.contains(c.followerIds().get(i))) {
                errors.add("followerIds[" + i + "]", "is not a user of this agency");
            }
        }
    }

    static boolean isMissing(Customer c, String field) {
        return switch (field) {
            case "address" -> !c.address().completeForInvoicing();
            case "personType" -> c.personType() == null;
            default -> {
                Object v = fieldValue(c, field);
                yield v == null || (v instanceof String s && s.isBlank());
            }
        };
    }

    private static Object fieldValue(Customer c, String field) {
        return switch (field) {
            case "name" -> c.name();
            case "companyName" -> c.companyName();
            case "documentNumber" -> c.documentNumber();
            case "email" -> c.email();
            case "phone" -> c.phone();
            case "website" -> c.website();
            case "segmentId" -> c.segmentId();
            case "statusId" -> c.statusId();
            case "attractionChannelId" -> c.attractionChannelId();
            case "sectorId" -> c.sectorId();
            case "responsibleManagerId" -> c.responsibleManagerId();
            case "serviceManagerId" -> c.serviceManagerId();
            case "assistantId" -> c.assistantId();
            case "groupId" -> c.groupId();
            case "profile" -> c.profile();
            default -> "";
        };
    }

    static void length(FieldErrors errors, String field, String value, int max) {
        Addresses.length(errors, field, value, max);
    }

    // ---- visibility

    record Visibility(String condition, List<Object> params) {
    }

    Visibility visibility() {
        Principal p = RequestContext.principal();
        if (p.kind() == PrincipalKind.SYSTEM || p.hasAnyRole(Role.ADMIN, Role.FINANCE)) {
            return new Visibility("1 = 1", List.of());
        }
        StringBuilder condition = new StringBuilder("(restricted = ? OR service_manager_id = ? OR assistant_id = ? OR EXISTS "
                + "(SELECT 1 FROM customer_follower f WHERE f.customer_id = customer.id AND f.user_id = ?)");
        List<Object> params = new ArrayList<>(List.of(false, p.id(), p.id(), p.id()));
        Set<String> opened = new LinkedHashSet<>();
        contributors.forEach(contributor -> opened.addAll(contributor.restrictedCustomersVisibleTo(p.id())));
        if (!opened.isEmpty()) {
            condition.append(" OR id IN (").append(String.join(", ", Collections.nCopies(opened.size(), "?"))).append(')');
            params.addAll(opened);
        }
        return new Visibility(condition.append(')').toString(), params);
    }

    // ---- mapping

    private Customer map(Columns rs) throws SQLException {
        Integer paymentDay = rs.getObject("payment_day") == null ? null : rs.getInt("payment_day");
        return new Customer(rs.getString("id"), rs.getString("name"), rs.getString("company_name"),
                PersonType.valueOf(rs.getString("person_type")), rs.getString("document_number"), rs.getString("email"),
                rs.getString("phone"), rs.getString("website"), rs.getString("segment_id"), rs.getString("status_id"),
                rs.getString("attraction_channel_id"), rs.getString("sector_id"), rs.getString("responsible_manager_id"),
                rs.getString("service_manager_id"), rs.getString("assistant_id"), List.of(), rs.getString("group_id"),
                rs.getString("project_template_id"), rs.getBoolean("restricted"), rs.getBoolean("supplier"),
                rs.getBoolean("receive_promotional_emails"), rs.getBoolean("publish_digital_media"), rs.getBoolean("portal_access"),
                new Address(rs.getString("postal_code"), rs.getString("street"), rs.getString("address_number"),
                        rs.getString("complement"), rs.getString("district"), rs.getString("city"), rs.getString("state"),
                        rs.getString("country")),
                new Complementary(rs.getString("bank_name"), rs.getString("bank_branch"), rs.getString("bank_account"),
                        rs.getBigDecimal("discount_percent"), rs.getString("billing_type_id"), rs.getString("payment_condition_id"),
                        paymentDay, CustomerRecord.split(rs.getString("product_service_ids"))),
                CustomerRecord.split(rs.getString("invoice_type_ids")), rs.getString("profile"), rs.getLong("version"),
                rs.getInstant("created_at"), rs.getInstant("updated_at"), rs.getBoolean("archived"));
    }

    /** A result set's columns by lower-case name, positions looked up once; a column not selected reads as null. */
    private static final class Columns {
        private final ResultSet rs;
        private final Map<String, Integer> positions = new HashMap<>();

        Columns(ResultSet rs) throws SQLException {
            this.rs = rs;
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            for (int i = meta.getColumnCount(); i >= 1; i--) {
                positions.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
        }

        private int at(String column) {
            Integer i = positions.get(column);
            return i == null ? 0 : i;
        }

        String getString(String column) throws SQLException {
            int i = at(column);
            return i == 0 ? null : rs.getString(i);
        }

        Object getObject(String column) throws SQLException {
            int i = at(column);
            return i == 0 ? null : rs.getObject(i);
        }

        int getInt(String column) throws SQLException {
            int i = at(column);
            return i == 0 ? 0 : rs.getInt(i);
        }

        long getLong(String column) throws SQLException {
            int i = at(column);
            return i == 0 ? 0 : rs.getLong(i);
        }

        boolean getBoolean(String column) throws SQLException {
            int i = at(column);
            return i != 0 && rs.getBoolean(i);
        }

        BigDecimal getBigDecimal(String column) throws SQLException {
            int i = at(column);
            return i == 0 ? null : rs.getBigDecimal(i);
        }

        Instant getInstant(String column) throws SQLException {
            int i = at(column);
            java.sql.Timestamp t = i == 0 ? null : rs.getTimestamp(i);
            return t == null ? null : t.toInstant();
        }
    }

    /** Fills followerIds for a page of customers with one query. */
    private List<Customer> withFollowers(List<Customer> page) {
        if (page.isEmpty()) {
            return page;
        }
        List<String> ids = page.stream().map(Customer::id).toList();
        Map<String, List<String>> byCustomer = new HashMap<>();
        followers.find("customer_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", ids, "user_id", 0,
                rs -> byCustomer.computeIfAbsent(rs.getString("customer_id"), k -> new ArrayList<>()).add(rs.getString("user_id")));
        List<Customer> out = new ArrayList<>(page.size());
        for (Customer c : page) {
            out.add(new Customer(c.id(), c.name(), c.companyName(), c.personType(), c.documentNumber(), c.email(), c.phone(),
                    c.website(), c.segmentId(), c.statusId(), c.attractionChannelId(), c.sectorId(), c.responsibleManagerId(),
                    c.serviceManagerId(), c.assistantId(), byCustomer.getOrDefault(c.id(), List.of()), c.groupId(),
                    c.projectTemplateId(), c.restricted(), c.supplier(), c.receivePromotionalEmails(), c.publishDigitalMedia(),
                    c.portalAccess(), c.address(), c.complementary(), c.invoiceTypeIds(), c.profile(), c.version(),
                    c.createdAt(), c.updatedAt(), c.archived()));
        }
        return out;
    }

    private void writeSearchTerms(String customerId, Customer c) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String term : wordsOf(c)) {
            rows.add(Map.of("customer_id", customerId, "term", term));
        }
        searchTerms.insertAll(rows);
    }

    /**
     * Removes the words a customer was saved with, each by its full key of the term index (the table has no index by
     * customer: it would cost every import and create a second index insert per word).
     */
    private void deleteSearchTerms(String customerId, Customer saved) {
        for (String term : wordsOf(saved)) {
            searchTerms.delete("term = ? AND customer_id = ?", List.of(term, customerId));
        }
    }

    /** The words a customer is found by in text search. */
    static Set<String> wordsOf(Customer c) {
        return CustomerSearch.terms(c.name(), c.companyName(), c.email(),
                c.documentNumber() == null ? null : BrazilianTaxIds.digits(c.documentNumber()));
    }

    private void writeFollowers(String customerId, List<String> userIds) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String userId : userIds) {
            rows.add(Map.of("customer_id", customerId, "user_id", userId));
        }
        followers.insertAll(rows);
    }

    /** The fields history compares: every field but bookkeeping, nested ones flattened ({@code address.city}). */
    private Map<String, Object> snapshot(Customer c) {
        Map<String, Object> all = json.convertValue(c, MAP);
        Map<String, Object> flat = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (Set.of("version", "createdAt", "updatedAt", "id").contains(k)) {
                return;
            }
            if (v instanceof Map<?, ?> nested) {
                nested.forEach((nk, nv) -> flat.put(k + "." + nk, nv));
            } else {
                flat.put(k, v);
            }
        });
        return flat;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).distinct().toList();
    }

    /** Follower ids in the order the stored ones are read ({@link #withFollowers}). */
    private static List<String> sorted(List<String> userIds) {
        return userIds.stream().sorted().toList();
    }

}
