package io.clientele.budget.impl.internal;

import io.clientele.budget.api.Budget;
import io.clientele.budget.api.BudgetBalance;
import io.clientele.budget.api.BudgetEntry;
import io.clientele.budget.api.BudgetService;
import io.clientele.budget.api.EntryKind;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Budgets and their entries. A budget is reachable exactly when its customer is visible to the caller (the
 * customer registry's restricted rule, through {@link CustomerDirectory}); every change is recorded in the
 * customer's history. Entries are never edited: a commitment is settled by turning it into spend.
 */
@Component(service = {BudgetService.class, BudgetStore.class})
public class BudgetStore implements BudgetService {

    static final Set<String> EDITABLE = Set.of("campaign", "amount", "currency", "startDate", "endDate");
    static final Set<String> READ_ONLY = Set.of("id", "customerId", "version", "createdAt", "updatedAt");
    private static final String KEYSET = "created_at > ? OR (created_at = ? AND id > ?)";

    private final Database database;
    private final TenantTable budgets;
    private final TenantTable entries;
    private final TenantTable settings;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final DomainEvents events;

    @Activate
    public BudgetStore(@Reference Database database, @Reference BudgetModule module, @Reference CustomerDirectory customers,
                       @Reference HistoryService history, @Reference DomainEvents events) {
        this.database = database;
        this.budgets = new TenantTable(database, "budget_budget");
        this.entries = new TenantTable(database, "budget_entry");
        this.settings = new TenantTable(database, "budget_settings");
        this.customers = customers;
        this.history = history;
        this.events = events;
    }

    /** A budget's input as the API takes it: every value a string, checked here so each bad field is named. */
    record BudgetInput(String customerId, String campaign, String amount, String currency, String startDate, String endDate) {
    }

    // ---- budgets

    @Override
    public Optional<Budget> find(String budgetId) {
        if (budgetId == null || budgetId.length() > 36) {
            return Optional.empty();
        }
        return budgets.find("id = ? AND deleted = ?", List.of(budgetId, false), null, 1, BudgetStore::budget).stream().findFirst()
                .filter(b -> customers.find(b.customerId()).isPresent());
    }

    public Budget get(String budgetId) {
        return find(budgetId).orElseThrow(() -> ProblemException.notFound("Budget " + budgetId));
    }

    /** Budgets of the caller's agency (of one customer when {@code customerId} is given), oldest first, visible ones only. */
    public Page<Budget> page(String customerId, PageRequest request) {
        String condition = "deleted = ?";
        List<Object> params = new ArrayList<>(List.of(false));
        if (customerId != null && !customerId.isBlank()) {
            if (customerId.length() > 36 || customers.find(customerId).isEmpty()) {
                return new Page<>(List.of(), null);
            }
            condition += " AND customer_id = ?";
            params.add(customerId);
        }
        Map<String, Boolean> visible = new HashMap<>();
        return keysetPage(budgets, condition, params, request, BudgetStore::budget,
                b -> visible.computeIfAbsent(b.customerId(), id -> customers.find(id).isPresent()), Budget::createdAt, Budget::id);
    }

    public Budget create(BudgetInput input) {
        FieldErrors errors = new FieldErrors();
        String customerId = input.customerId() == null || input.customerId().isBlank() ? null : input.customerId().trim();
        if (customerId == null) {
            errors.add("customerId", "is required");
        } else if (customerId.length() > 36 || customers.find(customerId).isEmpty()) {
            errors.add("customerId", "is not a customer of this agency that you can see");
        }
        Fields f = validate(errors, input.campaign(), input.amount(), input.currency(), input.startDate(), input.endDate());
        errors.throwIfAny();
        String id = Jdbc.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return database.inTransaction(tx -> {
            Map<String, Object> row = f.columns();
            row.put("id", id);
            row.put("customer_id", customerId);
            row.put("deleted", false);
            row.put("version", 0L);
            row.put("created_at", now);
            row.put("updated_at", now);
            budgets.insert(row);
            Budget created = get(id);
            history.record("customer", customerId, "budget", id, "CREATED", HistoryService.diff(Map.of(), snapshot(created)));
            events.publish("clientele/budget/budget/CREATED", Map.of("budgetId", id, "customerId", customerId));
            return created;
        });
    }

    /** JSON merge patch of campaign, amount, currency and period; the result is validated as a whole. */
    public Budget patch(String budgetId, Long expectedVersion, Map<String, Object> patch) {
        Budget before = get(budgetId);
        FieldErrors errors = new FieldErrors();
        Map<String, String> values = new HashMap<>();
        values.put("campaign", before.campaign());
        values.put("amount", Money.format(before.amount()));
        values.put("currency", before.currency());
        values.put("startDate", before.startDate().toString());
        values.put("endDate", before.endDate().toString());
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            if (READ_ONLY.contains(key)) {
                errors.add(key, "is read-only");
            } else if (!EDITABLE.contains(key)) {
                errors.add(key, "is not a field of a budget");
            } else if (e.getValue() != null && !(e.getValue() instanceof String)) {
                errors.add(key, "must be a string");
            } else {
                values.put(key, (String) e.getValue());
            }
        }
        errors.throwIfAny();
        Fields f = validate(errors, values.get("campaign"), values.get("amount"), values.get("currency"), values.get("startDate"),
                values.get("endDate"));
        if (f.currency() != null && !f.currency().equals(before.currency())
                && entries.count("budget_id = ?", List.of(budgetId)) > 0) {
            errors.add("currency", "cannot change: the budget has entries in " + before.currency());
        }
        errors.throwIfAny();
        return database.inTransaction(tx -> {
            if (expectedVersion != null && expectedVersion.longValue() != before.version()) {
                throw ProblemException.preconditionFailed("The budget changed since it was read; read it again and retry.");
            }
            Map<String, Object> row = f.columns();
            row.put("updated_at", Instant.now().truncatedTo(ChronoUnit.MILLIS));
            if (budgets.update(budgetId, before.version(), row) != 1) {
                throw ProblemException.preconditionFailed("The budget changed since it was read; read it again and retry.");
            }
            Budget saved = get(budgetId);
            history.record("customer", before.customerId(), "budget", budgetId, "UPDATED",
                    HistoryService.diff(snapshot(before), snapshot(saved)));
            events.publish("clientele/budget/budget/UPDATED", Map.of("budgetId", budgetId, "customerId", before.customerId()));
            return saved;
        });
    }

    /** Deletes a budget; the row and its entries are kept (the customer's history refers to them). */
    public void delete(String budgetId, Long expectedVersion) {
        database.inTransaction(tx -> {
            Budget before = get(budgetId);
            if (expectedVersion != null && expectedVersion.longValue() != before.version()) {
                throw ProblemException.preconditionFailed("The budget changed since it was read; read it again and retry.");
            }
            if (budgets.update(budgetId, before.version(), Map.of("deleted", true, "updated_at", Instant.now())) != 1) {
                throw ProblemException.preconditionFailed("The budget changed since it was read; read it again and retry.");
            }
            history.record("customer", before.customerId(), "budget", budgetId, "DELETED", HistoryService.diff(snapshot(before), Map.of()));
            events.publish("clientele/budget/budget/DELETED", Map.of("budgetId", budgetId, "customerId", before.customerId()));
            return null;
        });
    }

    record Fields(String campaign, BigDecimal amount, String currency, LocalDate startDate, LocalDate endDate) {
        Map<String, Object> columns() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("campaign", campaign);
            row.put("amount", amount);
            row.put("currency", currency);
            row.put("start_date", startDate);
            row.put("end_date", endDate);
            return row;
        }
    }

    static Fields validate(FieldErrors errors, String campaign, String amount, String currency, String startDate, String endDate) {
        String c = campaign == null || campaign.isBlank() ? null : campaign.trim();
        if (c == null) {
            errors.add("campaign", "is required");
        } else if (c.length() > 200) {
            errors.add("campaign", "must have at most 200 characters");
        } else if (hasControl(c, false)) {
            errors.add("campaign", "must not contain control characters");
        }
        BigDecimal a = Money.amount(errors, "amount", amount);
        String cur = Money.currency(errors, "currency", currency);
        LocalDate start = Money.date(errors, "startDate", startDate, true);
        LocalDate end = Money.date(errors, "endDate", endDate, true);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add("endDate", "must not be before startDate");
        }
        return new Fields(c, a, cur, start, end);
    }

    private static Map<String, Object> snapshot(Budget b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", b.customerId());
        m.put("campaign", b.campaign());
        m.put("amount", Money.format(b.amount()));
        m.put("currency", b.currency());
        m.put("startDate", b.startDate());
        m.put("endDate", b.endDate());
        return m;
    }

    static Budget budget(ResultSet rs) throws SQLException {
        return new Budget(rs.getString("id"), rs.getString("customer_id"), rs.getString("campaign"), rs.getBigDecimal("amount").setScale(2),
                rs.getString("currency"), Jdbc.date(rs, "start_date"), Jdbc.date(rs, "end_date"), rs.getLong("version"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    // ---- entries

    public Page<BudgetEntry> entries(String budgetId, PageRequest request) {
        get(budgetId);
        return keysetPage(entries, "budget_id = ?", new ArrayList<>(List.of(budgetId)), request, BudgetStore::entry, e -> true,
                BudgetEntry::createdAt, BudgetEntry::id);
    }

    /** The entry if its budget is reachable by the caller. */
    public Optional<BudgetEntry> findEntry(String entryId) {
        if (entryId == null || entryId.length() > 36) {
            return Optional.empty();
        }
        return entries.findById(entryId, BudgetStore::entry).filter(e -> find(e.budgetId()).isPresent());
    }

    public BudgetEntry getEntry(String entryId) {
        return findEntry(entryId).orElseThrow(() -> ProblemException.notFound("Budget entry " + entryId));
    }

    /** Adds an entry; {@code currency} may be null (the budget's) but must otherwise be the budget's. */
    public BudgetEntry addEntry(String budgetId, String kind, String amount, String currency, String description, String jobId) {
        Budget budget = get(budgetId);
        FieldErrors errors = new FieldErrors();
        EntryKind k = null;
        if (kind == null || kind.isBlank()) {
            errors.add("kind", "is required");
        } else {
            try {
                k = EntryKind.valueOf(kind.trim());
            } catch (IllegalArgumentException e) {
                errors.add("kind", "must be COMMITTED or SPENT");
            }
        }
        BigDecimal a = Money.amount(errors, "amount", amount);
        entryCurrency(errors, budget, currency);
        String d = text(errors, "description", description, 500);
        String j = text(errors, "jobId", jobId, 100);
        errors.throwIfAny();
        return insertEntry(budget, k, a, d, j, null);
    }

    @Override
    public BudgetEntry commit(String budgetId, BigDecimal amount, String jobId, String description) {
        Budget budget = get(budgetId);
        FieldErrors errors = new FieldErrors();
        BigDecimal a = Money.amount(errors, "amount", amount);
        String d = text(errors, "description", description, 500);
        String j = text(errors, "jobId", jobId, 100);
        errors.throwIfAny();
        return insertEntry(budget, EntryKind.COMMITTED, a, d, j, null);
    }

    @Override
    public BudgetEntry spend(String commitmentId, BigDecimal actualAmount) {
        FieldErrors errors = new FieldErrors();
        BigDecimal actual = actualAmount == null ? null : Money.amount(errors, "amount", actualAmount);
        errors.throwIfAny();
        return spendEntry(commitmentId, actual);
    }

    /** Turns an open commitment into spend of {@code amount} (text; null: the committed amount). */
    public BudgetEntry spend(String commitmentId, String amount, String description) {
        BudgetEntry commitment = getEntry(commitmentId);
        FieldErrors errors = new FieldErrors();
        BigDecimal actual = amount == null ? null : Money.amount(errors, "amount", amount);
        text(errors, "description", description, 500);
        errors.throwIfAny();
        return spendEntry(commitment.id(), actual, description == null || description.isBlank() ? null : description.trim());
    }

    private BudgetEntry spendEntry(String commitmentId, BigDecimal actual) {
        return spendEntry(commitmentId, actual, null);
    }

    private BudgetEntry spendEntry(String commitmentId, BigDecimal actual, String description) {
        return database.inTransaction(tx -> {
            BudgetEntry commitment = getEntry(commitmentId);
            if (commitment.kind() != EntryKind.COMMITTED) {
                throw ProblemException.conflict("Only a commitment can be turned into spend; this entry is already spend.");
            }
            if (!commitment.open()) {
                throw ProblemException.conflict("This commitment was already turned into spend (entry " + commitment.spentEntryId() + ").");
            }
            Budget budget = get(commitment.budgetId());
            BigDecimal amount = actual == null ? commitment.amount() : actual;
            String spendDescription = description != null ? description : commitment.description();
            BudgetEntry spent = insertEntry(budget, EntryKind.SPENT, amount, spendDescription, commitment.jobId(), commitment.id());
            long version = entries.findById(commitment.id(), rs -> rs.getLong("version")).orElse(-1L);
            if (entries.update(commitment.id(), version, Map.of("is_open", false, "spent_entry_id", spent.id())) != 1) {
                throw ProblemException.conflict("This commitment was turned into spend by another request.");
            }
            history.record("customer", budget.customerId(), "budget-entry", commitment.id(), "SPENT",
                    HistoryService.diff(Map.of("open", true), Map.of("open", false, "spentEntryId", spent.id())));
            return spent;
        });
    }

    private BudgetEntry insertEntry(Budget budget, EntryKind kind, BigDecimal amount, String description, String jobId, String commitmentId) {
        String id = Jdbc.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return database.inTransaction(tx -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("budget_id", budget.id());
            row.put("customer_id", budget.customerId());
            row.put("kind", kind);
            row.put("amount", amount);
            row.put("currency", budget.currency());
            row.put("description", description);
            row.put("job_id", jobId);
            row.put("is_open", kind == EntryKind.COMMITTED);
            row.put("commitment_id", commitmentId);
            row.put("spent_entry_id", null);
            row.put("version", 0L);
            row.put("created_at", now);
            entries.insert(row);
            BudgetEntry created = entries.findById(id, BudgetStore::entry).orElseThrow();
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("budgetId", budget.id());
            snapshot.put("kind", kind);
            snapshot.put("amount", Money.format(amount));
            snapshot.put("currency", budget.currency());
            snapshot.put("description", description);
            snapshot.put("jobId", jobId);
            snapshot.put("commitmentId", commitmentId);
            history.record("customer", budget.customerId(), "budget-entry", id, "CREATED", HistoryService.diff(Map.of(), snapshot));
            Map<String, Object> event = new HashMap<>(Map.of("entryId", id, "budgetId", budget.id(), "customerId", budget.customerId(),
                    "kind", kind.name(), "amount", Money.format(amount), "currency", budget.currency()));
            if (jobId != null) {
                event.put("jobId", jobId);
            }
            events.publish("clientele/budget/entry/CREATED", event);
            return created;
        });
    }

    private static void entryCurrency(FieldErrors errors, Budget budget, String currency) {
        if (currency == null) {
            return;
        }
        String c = Money.currency(errors, "currency", currency);
        if (c != null && !c.equals(budget.currency())) {
            errors.add("currency", "must be the budget's currency " + budget.currency());
        }
    }

    private static String text(FieldErrors errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > max) {
            errors.add(field, "must have at most " + max + " characters");
        } else if (hasControl(v, "description".equals(field))) {
            errors.add(field, "must not contain control characters");
        }
        return v;
    }

    /** Whether text has control characters (NUL included, which PostgreSQL cannot store); line breaks and tabs optionally allowed. */
    static boolean hasControl(String s, boolean multiLine) {
        return s.chars().anyMatch(ch -> Character.isISOControl(ch) && !(multiLine && (ch == '\n' || ch == '\r' || ch == '\t')));
    }

    static BudgetEntry entry(ResultSet rs) throws SQLException {
        return new BudgetEntry(rs.getString("id"), rs.getString("budget_id"), EntryKind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("amount").setScale(2), rs.getString("currency"), rs.getString("description"), rs.getString("job_id"),
                rs.getBoolean("is_open"), rs.getString("commitment_id"), rs.getString("spent_entry_id"), Jdbc.instant(rs, "created_at"));
    }

    // ---- balances

    @Override
    public BudgetBalance balance(String budgetId) {
        Budget b = get(budgetId);
        BigDecimal[] sums = sums(entries.find("budget_id = ?", List.of(budgetId), null, 0, BudgetStore::entry));
        return BudgetMath.balance(b.id(), b.currency(), b.amount(), sums[0], sums[1], warningThreshold());
    }

    /** Open commitments [0] and spend [1] of these entries. */
    static BigDecimal[] sums(List<BudgetEntry> list) {
        BigDecimal committed = BigDecimal.ZERO.setScale(2);
        BigDecimal spent = BigDecimal.ZERO.setScale(2);
        for (BudgetEntry e : list) {
            if (e.kind() == EntryKind.SPENT) {
                spent = spent.add(e.amount());
            } else if (e.open()) {
                committed = committed.add(e.amount());
            }
        }
        return new BigDecimal[] {committed, spent};
    }

    /** One line of the budget management report. */
    record ReportLine(Budget budget, Customer customer, BudgetBalance balance) {
    }

    /** A budget with the totals of its entries as the database added them up. */
    private record Totals(Budget budget, BigDecimal committed, BigDecimal spent) {
    }

    /** The committed (open commitments) and spent totals of a budget, added up by the database. */
    private static final String COMMITTED = "SUM(CASE WHEN c.kind = 'COMMITTED' AND c.is_open = TRUE THEN c.amount ELSE 0 END)";
    private static final String SPENT = "SUM(CASE WHEN c.kind = 'SPENT' THEN c.amount ELSE 0 END)";
    private static final String USED = "COALESCE(" + COMMITTED + ", 0) + COALESCE(" + SPENT + ", 0)";
    /** {@link BudgetMath#state} in SQL: over the threshold when used * 100 >= threshold * amount, or used > amount. */
    private static final String OVER = "(" + USED + ") > t.amount OR (" + USED + ") * 100 >= CAST(? AS DECIMAL(5,2)) * t.amount";

    /**
     * Every visible budget (optionally of one customer, overlapping [from, to], over or under the warning threshold)
     * with its balance. The database adds up each budget's entries (one grouped statement over budgets and entries)
     * and applies the threshold filter; only the restricted-customer rule is applied here, through the customer
     * registry, once per customer.
     */
    public List<ReportLine> report(String customerId, LocalDate from, LocalDate to, Boolean overThreshold) {
        String condition = "t.deleted = ?";
        List<Object> params = new ArrayList<>(List.of(false));
        if (customerId != null) {
            condition += " AND t.customer_id = ?";
            params.add(customerId);
        }
        if (from != null) {
            condition += " AND t.end_date >= ?";
            params.add(from);
        }
        if (to != null) {
            condition += " AND t.start_date <= ?";
            params.add(to);
        }
        String where = condition;
        return database.inTransaction(tx -> {
            BigDecimal threshold = warningThreshold();
            String having = overThreshold == null ? null : overThreshold ? OVER : "NOT (" + OVER + ")";
            List<Object> havingParams = overThreshold == null ? List.of() : List.of(threshold);
            Map<String, Optional<Customer>> visible = new HashMap<>();
            List<ReportLine> lines = new ArrayList<>();
            budgets.forEachWithAggregates(List.of("id", "customer_id", "campaign", "amount", "currency", "start_date", "end_date",
                            "version", "created_at", "updated_at"), List.of(COMMITTED, SPENT), List.of(), entries, "budget_id", where, params,
                    having, havingParams, "t.created_at, t.id", 500,
                    rs -> new Totals(budget(rs), rs.getBigDecimal("a1"), rs.getBigDecimal("a2")),
                    totals -> {
                        Budget b = totals.budget();
                        Optional<Customer> customer = visible.computeIfAbsent(b.customerId(), customers::find);
                        if (customer.isPresent()) {
                            lines.add(new ReportLine(b, customer.get(), BudgetMath.balance(b.id(), b.currency(), b.amount(),
                                    totals.committed(), totals.spent(), threshold)));
                        }
                    });
            return lines;
        });
    }

    // ---- settings

    public BigDecimal warningThreshold() {
        return settings.find(null, List.of(), null, 1, rs -> rs.getBigDecimal("warning_threshold")).stream().findFirst()
                .map(t -> t.setScale(2)).orElse(BudgetMath.DEFAULT_WARNING_THRESHOLD);
    }

    public BigDecimal setWarningThreshold(String value) {
        FieldErrors errors = new FieldErrors();
        BigDecimal t = null;
        if (value == null || value.isBlank()) {
            errors.add("warningThresholdPercent", "is required");
        } else if (!value.trim().matches("\\d{1,3}(\\.\\d{1,2})?")) {
            errors.add("warningThresholdPercent", "must be a decimal string between 0.01 and 100.00, such as \"80.00\"");
        } else {
            t = new BigDecimal(value.trim()).setScale(2);
            if (t.signum() <= 0 || t.compareTo(new BigDecimal("100")) > 0) {
                errors.add("warningThresholdPercent", "must be between 0.01 and 100.00");
            }
        }
        errors.throwIfAny();
        BigDecimal threshold = t;
        return database.inTransaction(tx -> {
            BigDecimal before = warningThreshold();
            String existing = settings.find(null, List.of(), null, 1, rs -> rs.getString("id")).stream().findFirst().orElse(null);
            if (existing == null) {
                settings.insert(Map.of("id", Jdbc.newId(), "warning_threshold", threshold, "version", 0L));
            } else {
                settings.update(existing, null, Map.of("warning_threshold", threshold));
            }
            history.record("agency-settings", "budget", "settings", "budget", "UPDATED",
                    HistoryService.diff(Map.of("warningThresholdPercent", before.toPlainString()),
                            Map.of("warningThresholdPercent", threshold.toPlainString())));
            return threshold;
        });
    }

    // ---- paging

    /**
     * A keyset page in (created_at, id) order of the rows matching {@code condition} that pass {@code keep}: rows are
     * read in batches until the page is full, so rows left out by {@code keep} never shorten a page that has more.
     */
    private <T> Page<T> keysetPage(TenantTable table, String condition, List<Object> params, PageRequest request,
                                   io.clientele.platform.api.db.RowMapper<T> mapper, Predicate<T> keep,
                                   java.util.function.Function<T, Instant> createdAt, java.util.function.Function<T, String> id) {
        Instant afterAt = null;
        String afterId = null;
        if (request.cursor() != null) {
            List<String> c = Cursor.decode(request.cursor(), 2);
            try {
                afterAt = Instant.parse(c.get(0));
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            afterId = c.get(1);
            if (afterId.length() > 36) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
        }
        int batch = request.limit() + 1;
        List<T> kept = new ArrayList<>();
        while (kept.size() <= request.limit()) {
            String where = condition;
            List<Object> all = new ArrayList<>(params);
            if (afterAt != null) {
                where += " AND (" + KEYSET + ")";
                all.addAll(List.of(afterAt, afterAt, afterId));
            }
            List<T> rows = table.find(where, all, "created_at, id", batch, mapper);
            for (T row : rows) {
                if (keep.test(row)) {
                    kept.add(row);
                }
            }
            if (rows.size() < batch) {
                break;
            }
            T last = rows.get(rows.size() - 1);
            afterAt = createdAt.apply(last);
            afterId = id.apply(last);
        }
        if (kept.size() <= request.limit()) {
            return new Page<>(kept, null);
        }
        List<T> page = kept.subList(0, request.limit());
        T last = page.get(page.size() - 1);
        return new Page<>(page, Cursor.encode(createdAt.apply(last).toString(), id.apply(last)));
    }
}
