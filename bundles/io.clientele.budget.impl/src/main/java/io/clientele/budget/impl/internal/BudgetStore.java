package io.clientele.budget.impl.internal;

import io.clientele.budget.api.Budget;
import io.clientele.budget.api.BudgetBalance;
import io.clientele.budget.api.BudgetEntry;
import io.clientele.budget.api.BudgetEvents;
import io.clientele.budget.api.BudgetService;
import io.clientele.budget.api.BudgetService.Refused;
import io.clientele.budget.api.BudgetService.Refused.Reason;
import io.clientele.budget.api.EntryKind;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.MergePatch;
import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
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

    /** A budget's campaign, amount, currency and period are what a client may change. */
    static final MergePatch PATCH = MergePatch.only("budget", Set.of("id", "customerId", "version", "createdAt", "updatedAt"),
            Set.of("campaign", "amount", "currency", "startDate", "endDate"));

    private final Database database;
    private final EntityWork work;
    private final TenantTable budgets;
    private final TenantTable entries;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final DomainEvents events;

    @Activate
    public BudgetStore(@Reference Database database, @Reference(target = "(osgi.unit.name=budget)") EntityManagerFactory unit,
                       @Reference BudgetModule module, @Reference CustomerDirectory customers, @Reference HistoryService history,
                       @Reference DomainEvents events) {
        this.database = database;
        this.work = new EntityWork(database, unit);
        // the management report's one grouped statement over budgets and entries stays SQL (a set-based read)
        this.budgets = new TenantTable(database, "budget_budget");
        this.entries = new TenantTable(database, "budget_entry");
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
        return record(budgetId).map(BudgetRecord::toApi);
    }

    /** The stored budget if it is not deleted and its customer is visible to the caller. */
    private Optional<BudgetRecord> record(String budgetId) {
        if (budgetId == null || budgetId.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(BudgetRecord.class, budgetId))
                .filter(b -> !b.deleted() && customers.find(b.customerId()).isPresent()));
    }

    private BudgetRecord getRecord(String budgetId) {
        return record(budgetId).orElseThrow(() -> budgetNotFound(budgetId));
    }

    public Budget get(String budgetId) {
        return find(budgetId).orElseThrow(() -> budgetNotFound(budgetId));
    }

    // ---- the service's refusals (BudgetService.Refused), answered by the REST edge as 404, 400 and 409 problems

    private static Refused budgetNotFound(String budgetId) {
        return Refusal.notFound(Refused::new, Reason.BUDGET_NOT_FOUND, "Budget " + budgetId);
    }

    private static Refused entryNotFound(String entryId) {
        return Refusal.notFound(Refused::new, Reason.ENTRY_NOT_FOUND, "Budget entry " + entryId);
    }

    private static Refused conflict(Reason reason, String message) {
        return Refusal.of(Refused::new, reason, message);
    }

    /** Budgets of the caller's agency (of one customer when {@code customerId} is given), oldest first, visible ones only. */
    public Page<Budget> page(String customerId, PageRequest request) {
        String condition = "e.deleted = :deleted";
        Map<String, Object> params = new HashMap<>(Map.of("deleted", false));
        if (customerId != null && !customerId.isBlank()) {
            if (customerId.length() > 36 || customers.find(customerId).isEmpty()) {
                return new Page<>(List.of(), null);
            }
            condition += " AND e.customerId = :customerId";
            params.put("customerId", customerId);
        }
        String where = condition;
        Map<String, Boolean> visible = new HashMap<>();
        Page<BudgetRecord> page = work.inTransaction(em -> KeysetPages.page(em, BudgetRecord.class, where, params, request,
                b -> visible.computeIfAbsent(b.customerId(), id -> customers.find(id).isPresent())));
        return new Page<>(page.items().stream().map(BudgetRecord::toApi).toList(), page.nextCursor());
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
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return work.inTransaction(em -> {
            BudgetRecord record = new BudgetRecord(Jdbc.newId(), customerId, f, now);
            em.persist(record);
            em.flush();
            Budget created = record.toApi();
            String id = created.id();
            history.record("customer", customerId, "budget", id, "CREATED", HistoryService.diff(Map.of(), snapshot(created)));
            events.publish(BudgetEvents.BUDGET_CREATED, Map.of("budgetId", id, "customerId", customerId));
            return created;
        });
    }

    /** JSON merge patch of campaign, amount, currency and period; the result is validated as a whole. */
    public Budget patch(String budgetId, Long expectedVersion, Map<String, Object> patch) {
        Budget before = get(budgetId);
        FieldErrors errors = new FieldErrors();
        PATCH.check(patch, errors);
        Map<String, Object> current = new HashMap<>();
        current.put("campaign", before.campaign());
        current.put("amount", before.amount().toPlainString());
        current.put("currency", before.currency().getCurrencyCode());
        current.put("startDate", before.startDate().toString());
        current.put("endDate", before.endDate().toString());
        patch.forEach((key, value) -> {
            if (current.containsKey(key) && value != null && !(value instanceof String)) {
                errors.add(key, "must be a string");
            }
        });
        errors.throwIfAny();
        Map<String, Object> values = MergePatch.merge(current, patch);
        Fields f = validate(errors, (String) values.get("campaign"), (String) values.get("amount"), (String) values.get("currency"),
                (String) values.get("startDate"), (String) values.get("endDate"));
        if (f.amount() != null && !f.amount().currency().equals(before.currency())
                && entryCount(budgetId) > 0) {
            errors.add("currency", "cannot change: the budget has entries in " + before.currency());
        }
        errors.throwIfAny();
        return work.inTransaction(em -> {
            BudgetRecord record = getRecord(budgetId);
            record.requireVersion(expectedVersion, "budget");
            record.requireVersion(before.version(), "budget"); // changed between the validation above and now
            record.change(f, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            em.flush();
            Budget saved = record.toApi();
            history.record("customer", before.customerId(), "budget", budgetId, "UPDATED",
                    HistoryService.diff(snapshot(before), snapshot(saved)));
            events.publish(BudgetEvents.BUDGET_UPDATED, Map.of("budgetId", budgetId, "customerId", before.customerId()));
            return saved;
        });
    }

    /** Deletes a budget; the row and its entries are kept (the customer's history refers to them). */
    public void delete(String budgetId, Long expectedVersion) {
        work.inTransaction(em -> {
            BudgetRecord record = getRecord(budgetId);
            record.requireVersion(expectedVersion, "budget");
            Budget before = record.toApi();
            record.delete(Instant.now().truncatedTo(ChronoUnit.MILLIS));
            em.flush();
            history.record("customer", before.customerId(), "budget", budgetId, "DELETED", HistoryService.diff(snapshot(before), Map.of()));
            events.publish(BudgetEvents.BUDGET_DELETED, Map.of("budgetId", budgetId, "customerId", before.customerId()));
            return null;
        });
    }

    /** A budget's validated fields; {@code amount} carries the budget's currency. */
    record Fields(String campaign, Money amount, LocalDate startDate, LocalDate endDate) {
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
        Currency cur = Money.currency(errors, "currency", currency);
        Money a = Money.parse(errors, "amount", amount, cur);
        LocalDate start = Dates.date(errors, "startDate", startDate, true);
        LocalDate end = Dates.date(errors, "endDate", endDate, true);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add("endDate", "must not be before startDate");
        }
        return new Fields(c, a, start, end);
    }

    private static Map<String, Object> snapshot(Budget b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", b.customerId());
        m.put("campaign", b.campaign());
        m.put("amount", b.amount().toPlainString());
        m.put("currency", b.currency().getCurrencyCode());
        m.put("startDate", b.startDate());
        m.put("endDate", b.endDate());
        return m;
    }

    /** A budget as the report's SQL reads it. */
    static Budget budget(ResultSet rs) throws SQLException {
        return new Budget(rs.getString("id"), rs.getString("customer_id"), rs.getString("campaign"),
                Money.of(rs.getBigDecimal("amount"), rs.getString("currency")), Jdbc.date(rs, "start_date"), Jdbc.date(rs, "end_date"), rs.getLong("version"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    // ---- entries

    public Page<BudgetEntry> entries(String budgetId, PageRequest request) {
        get(budgetId);
        Page<EntryRecord> page = work.inTransaction(em -> KeysetPages.page(em, EntryRecord.class, "e.budgetId = :budgetId",
                Map.of("budgetId", budgetId), request, e -> true));
        return new Page<>(page.items().stream().map(EntryRecord::toApi).toList(), page.nextCursor());
    }

    /** The entry if its budget is reachable by the caller. */
    public Optional<BudgetEntry> findEntry(String entryId) {
        if (entryId == null || entryId.length() > 36) {
            return Optional.empty();
        }
        return entryRecord(entryId).map(EntryRecord::toApi);
    }

    private Optional<EntryRecord> entryRecord(String entryId) {
        if (entryId == null || entryId.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(EntryRecord.class, entryId)).filter(e -> find(e.budgetId()).isPresent()));
    }

    public BudgetEntry getEntry(String entryId) {
        return findEntry(entryId).orElseThrow(() -> entryNotFound(entryId));
    }

    /** Adds an entry; {@code currency} may be null (the budget's) but must otherwise be the budget's. */
    public BudgetEntry addEntry(String budgetId, String kind, String amount, String currency, String description, String jobId) {
        BudgetRecord budget = getRecord(budgetId);
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
        Money a = Money.parse(errors, "amount", amount, Currency.getInstance(budget.currency()));
        entryCurrency(errors, budget, currency);
        String d = text(errors, "description", description, 500);
        String j = text(errors, "jobId", jobId, 100);
        errors.throwIfAny();
        return insertEntry(budget, k, a, d, j, null);
    }

    @Override
    public BudgetEntry commit(String budgetId, Money amount, String jobId, String description) {
        BudgetRecord budget = getRecord(budgetId);
        FieldErrors errors = new FieldErrors();
        Money a = Money.check(errors, "amount", amount, Money.Sign.POSITIVE, Currency.getInstance(budget.currency()), "currency");
        String d = text(errors, "description", description, 500);
        String j = text(errors, "jobId", jobId, 100);
        errors.refuseIfAny(Refused::invalid);
        return insertEntry(budget, EntryKind.COMMITTED, a, d, j, null);
    }

    @Override
    public BudgetEntry spend(String commitmentId, Money actualAmount) {
        BudgetEntry commitment = getEntry(commitmentId);
        FieldErrors errors = new FieldErrors();
        Money actual = actualAmount == null ? null
                : Money.check(errors, "amount", actualAmount, Money.Sign.POSITIVE, commitment.amount().currency(), "currency");
        errors.refuseIfAny(Refused::invalid);
        return spendEntry(commitment.id(), actual);
    }

    /** Turns an open commitment into spend of {@code amount} (text; null: the committed amount). */
    public BudgetEntry spend(String commitmentId, String amount, String description) {
        BudgetEntry commitment = getEntry(commitmentId);
        FieldErrors errors = new FieldErrors();
        Money actual = amount == null ? null : Money.parse(errors, "amount", amount, commitment.amount().currency());
        text(errors, "description", description, 500);
        errors.throwIfAny();
        return spendEntry(commitment.id(), actual, description == null || description.isBlank() ? null : description.trim());
    }

    private BudgetEntry spendEntry(String commitmentId, Money actual) {
        return spendEntry(commitmentId, actual, null);
    }

    private BudgetEntry spendEntry(String commitmentId, Money actual, String description) {
        return work.inTransaction(em -> {
            EntryRecord commitment = entryRecord(commitmentId).orElseThrow(() -> entryNotFound(commitmentId));
            BudgetEntry open = commitment.toApi();
            if (open.kind() != EntryKind.COMMITTED) {
                throw conflict(Reason.NOT_A_COMMITMENT, "Only a commitment can be turned into spend; this entry is already spend.");
            }
            if (!open.open()) {
                throw conflict(Reason.ALREADY_SPENT, "This commitment was already turned into spend (entry " + open.spentEntryId() + ").");
            }
            BudgetRecord budget = getRecord(commitment.budgetId());
            Money amount = actual == null ? open.amount() : actual;
            String spendDescription = description != null ? description : open.description();
            BudgetEntry spent = insertEntry(budget, EntryKind.SPENT, amount, spendDescription, open.jobId(), open.id());
            commitment.settle(spent.id());
            try {
                em.flush();
            } catch (OptimisticLockException e) {
                throw conflict(Reason.ALREADY_SPENT, "This commitment was turned into spend by another request.");
            }
            history.record("customer", budget.customerId(), "budget-entry", open.id(), "SPENT",
                    HistoryService.diff(Map.of("open", true), Map.of("open", false, "spentEntryId", spent.id())));
            return spent;
        });
    }

    private BudgetEntry insertEntry(BudgetRecord budget, EntryKind kind, Money amount, String description, String jobId,
                                    String commitmentId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return work.inTransaction(em -> {
            EntryRecord record = new EntryRecord(Jdbc.newId(), budget, kind, amount, description, jobId, commitmentId, now);
            em.persist(record);
            em.flush();
            BudgetEntry created = record.toApi();
            String id = created.id();
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("budgetId", budget.id());
            snapshot.put("kind", kind);
            snapshot.put("amount", amount.toPlainString());
            snapshot.put("currency", budget.currency());
            snapshot.put("description", description);
            snapshot.put("jobId", jobId);
            snapshot.put("commitmentId", commitmentId);
            history.record("customer", budget.customerId(), "budget-entry", id, "CREATED", HistoryService.diff(Map.of(), snapshot));
            Map<String, Object> event = new HashMap<>(Map.of("entryId", id, "budgetId", budget.id(), "customerId", budget.customerId(),
                    "kind", kind.name(), "amount", amount.toPlainString(), "currency", budget.currency()));
            if (jobId != null) {
                event.put("jobId", jobId);
            }
            events.publish(BudgetEvents.ENTRY_CREATED, event);
            return created;
        });
    }

    private static void entryCurrency(FieldErrors errors, BudgetRecord budget, String currency) {
        if (currency == null) {
            return;
        }
        Currency c = Money.currency(errors, "currency", currency);
        if (c != null && !c.getCurrencyCode().equals(budget.currency())) {
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

    // ---- balances

    @Override
    public BudgetBalance balance(String budgetId) {
        Budget b = get(budgetId);
        Money[] sums = sums(work.inTransaction(em -> em.createQuery("SELECT e FROM BudgetEntry e WHERE e.budgetId = :budgetId",
                EntryRecord.class).setParameter("budgetId", budgetId).getResultStream().map(EntryRecord::toApi).toList()), b.currency());
        return BudgetMath.balance(b.id(), b.amount(), sums[0], sums[1], warningThreshold());
    }

    /** Open commitments [0] and spend [1] of these entries. */
    static Money[] sums(List<BudgetEntry> list, Currency currency) {
        Money committed = Money.zero(currency);
        Money spent = Money.zero(currency);
        for (BudgetEntry e : list) {
            if (e.kind() == EntryKind.SPENT) {
                spent = spent.plus(e.amount());
            } else if (e.open()) {
                committed = committed.plus(e.amount());
            }
        }
        return new Money[] {committed, spent};
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
                            lines.add(new ReportLine(b, customer.get(), BudgetMath.balance(b.id(), b.amount(),
                                    sum(totals.committed(), b), sum(totals.spent(), b), threshold)));
                        }
                    });
            return lines;
        });
    }

    /** A total the database added up (null: no entries), in the budget's currency. */
    private static Money sum(BigDecimal total, Budget budget) {
        return total == null ? Money.zero(budget.currency()) : Money.of(total, budget.currency());
    }

    // ---- settings

    public BigDecimal warningThreshold() {
        return settings().map(SettingsRecord::warningThreshold).orElse(BudgetMath.DEFAULT_WARNING_THRESHOLD);
    }

    /**
     * The agency's settings row, if it was ever saved (one at most per agency), without {@code setMaxResults}: a row
     * limit makes EclipseLink prepare the query's SQL again on each call.
     */
    private Optional<SettingsRecord> settings() {
        return work.inTransaction(em -> em.createQuery("SELECT s FROM BudgetSettings s", SettingsRecord.class).getResultList()
                .stream().findFirst());
    }

    private long entryCount(String budgetId) {
        return work.inTransaction(em -> em.createQuery("SELECT COUNT(e) FROM BudgetEntry e WHERE e.budgetId = :budgetId", Long.class)
                .setParameter("budgetId", budgetId).getSingleResult());
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
        return work.inTransaction(em -> {
            Optional<SettingsRecord> existing = settings();
            BigDecimal before = existing.map(SettingsRecord::warningThreshold).orElse(BudgetMath.DEFAULT_WARNING_THRESHOLD);
            if (existing.isEmpty()) {
                em.persist(new SettingsRecord(Jdbc.newId(), threshold));
            } else {
                existing.get().warningThreshold(threshold);
            }
            em.flush();
            history.record("agency-settings", "budget", "settings", "budget", "UPDATED",
                    HistoryService.diff(Map.of("warningThresholdPercent", before.toPlainString()),
                            Map.of("warningThresholdPercent", threshold.toPlainString())));
            return threshold;
        });
    }
}
