package io.clientele.customer.impl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Each user's saved views of the customer list: chosen columns and filters, at most one default. */
@Component(service = ViewStore.class)
public class ViewStore {

    /** Columns a view may show: the customer's fields, nested ones as {@code address.city}. */
    static final Set<String> COLUMNS = Set.of("name", "companyName", "personType", "documentNumber", "email", "phone", "website",
            "segmentId", "statusId", "attractionChannelId", "sectorId", "responsibleManagerId", "serviceManagerId", "assistantId",
            "followerIds", "groupId", "projectTemplateId", "restricted", "supplier", "receivePromotionalEmails",
            "publishDigitalMedia", "portalAccess", "address.postalCode", "address.street", "address.number", "address.complement",
            "address.district", "address.city", "address.state", "address.country", "complementary.bankName",
            "complementary.bankBranch", "complementary.bankAccount", "complementary.discountPercent", "complementary.billingType",
            "complementary.paymentCondition", "complementary.paymentDay", "complementary.productsAndServiceIds", "invoiceTypeIds",
            "createdAt", "updatedAt", "archived");
    /** Filters a view may keep: the list's query parameters. */
    static final Set<String> FILTERS = Set.of("q", "segmentId", "statusId", "attractionChannelId", "sectorId",
            "responsibleManagerId", "city", "state", "supplier", "restricted", "groupId", "createdFrom", "createdTo", "updatedSince",
            "updatedTo", "archived", "sort");
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public record View(String id, String name, List<String> columns, Map<String, Object> filters, boolean isDefault, long version,
                       Instant createdAt, Instant updatedAt) {
    }

    private final EntityWork work;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ViewStore(@Reference Database database, @Reference(target = "(osgi.unit.name=customer)") EntityManagerFactory unit,
                     @Reference CustomerSchema schema) {
        this.work = new EntityWork(database, unit);
    }

    /**
     * The caller's views, the default first, then by name: one query as before, never paged (a user keeps a handful of
     * views).
     */
    public List<View> mine() {
        return work.inTransaction(em -> records(em).stream().map(this::toApi).toList());
    }

    private static List<ViewRecord> records(EntityManager em) {
        return em.createQuery("SELECT v FROM CustomerView v WHERE v.userId = :userId ORDER BY v.isDefault DESC, v.nameLower, v.id",
                ViewRecord.class).setParameter("userId", me()).getResultList();
    }

    public View get(String id) {
        return work.inTransaction(em -> toApi(record(em, id)));
    }

    /** The caller's own view {@code id}; another user's reads as missing. */
    private static ViewRecord record(EntityManager em, String id) {
        return Optional.ofNullable(id == null ? null : em.find(ViewRecord.class, id)).filter(v -> v.userId().equals(me()))
                .orElseThrow(() -> ProblemException.notFound("View " + id));
    }

    public View create(String name, List<String> columns, Map<String, Object> filters, Boolean isDefault) {
        check(name, columns, filters);
        String id = Jdbc.newId();
        Instant now = EntityWork.now();
        String columnsJson = write(columns);
        String filtersJson = write(filters == null ? Map.of() : filters);
        return uniqueName(() -> work.inTransaction(em -> {
            if (Boolean.TRUE.equals(isDefault)) {
                clearDefault(em, now);
            }
            ViewRecord record = new ViewRecord(id, me(), name, columnsJson, filtersJson, Boolean.TRUE.equals(isDefault), now);
            em.persist(record);
            em.flush();
            return toApi(record);
        }));
    }

    public View update(String id, Long expectedVersion, String name, List<String> columns, Map<String, Object> filters, Boolean isDefault) {
        return uniqueName(() -> work.inTransaction(em -> {
            ViewRecord record = record(em, id);
            record.requireVersion(expectedVersion, "view");
            View before = toApi(record);
            String newName = name == null ? before.name() : name;
            List<String> newColumns = columns == null ? before.columns() : columns;
            Map<String, Object> newFilters = filters == null ? before.filters() : filters;
            check(newName, newColumns, newFilters);
            Instant now = EntityWork.now();
            if (Boolean.TRUE.equals(isDefault) && !before.isDefault()) {
                clearDefault(em, now);
            }
            record.change(newName, write(newColumns), write(newFilters), isDefault == null ? before.isDefault() : isDefault, now);
            em.flush();
            return toApi(record);
        }));
    }

    /** Deletes the caller's view whatever its version (the API takes no If-Match here), as the JDBC store did. */
    public void delete(String id) {
        work.inTransaction(em -> {
            record(em, id);
            return em.createQuery("DELETE FROM CustomerView v WHERE v.id = :id AND v.userId = :userId")
                    .setParameter("id", id).setParameter("userId", me()).executeUpdate();
        });
    }

    /** The caller's default view, if any, is one no longer (a change of each, as before: its version moves). */
    private static void clearDefault(EntityManager em, Instant now) {
        for (ViewRecord v : records(em)) {
            if (v.isDefault()) {
                v.undefault(now);
            }
        }
        em.flush();
    }

    /** Runs a write; a name the user already has (the unique key on user and lower-case name) is 409 on {@code name}. */
    private static View uniqueName(Supplier<View> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("name", "You already have a view with this name.");
        }
    }


    static void check(String name, List<String> columns, Map<String, Object> filters) {
        FieldErrors errors = new FieldErrors();
        if (name == null || name.isBlank()) {
            errors.add("name", "is required");
        } else if (name.trim().length() > 100) {
            errors.add("name", "must have at most 100 characters");
        }
        if (columns == null || columns.isEmpty()) {
            errors.add("columns", "must name at least one column");
        } else {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i) == null || !COLUMNS.contains(columns.get(i))) {
                    errors.add("columns[" + i + "]", "is not a customer column");
                }
            }
        }
        if (filters != null) {
            filters.forEach((key, value) -> {
                if (!FILTERS.contains(key)) {
                    errors.add("filters." + key, "is not a customer list filter");
                } else if (!(value instanceof String || value instanceof Boolean) || String.valueOf(value).length() > 200) {
                    errors.add("filters." + key, "must be a text or true/false of at most 200 characters");
                }
            });
        }
        errors.throwIfAny();
    }

    private static String me() {
        return RequestContext.principal().id();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private View toApi(ViewRecord v) {
        try {
            return new View(v.id(), v.name(), json.readValue(v.columnsJson(), LIST), json.readValue(v.filtersJson(), MAP), v.isDefault(),
                    v.version(), v.createdAt(), v.updatedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable view " + v.id(), e);
        }
    }
}
