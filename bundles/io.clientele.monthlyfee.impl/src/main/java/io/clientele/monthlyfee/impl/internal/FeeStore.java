package io.clientele.monthlyfee.impl.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.monthlyfee.impl.internal.EntrySchedule.PlannedEntry;
import io.clientele.monthlyfee.impl.internal.Fees.Document;
import io.clientele.monthlyfee.impl.internal.Fees.EntryStatus;
import io.clientele.monthlyfee.impl.internal.Fees.Fee;
import io.clientele.monthlyfee.impl.internal.Fees.FeeEntry;
import io.clientele.monthlyfee.impl.internal.Fees.FeeStatus;
import io.clientele.monthlyfee.impl.internal.Fees.NewFee;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Fees and their monthly entries. A fee is reachable exactly when its customer is visible to the caller; every
 * change is recorded in the customer's history. Entries are reconciled with the fee under a lock on the fee's
 * row, and a unique (agency, fee, month) constraint backs it up, so no generator run ever duplicates a month.
 */
@Component(service = FeeStore.class)
public class FeeStore {

    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    private static final Set<String> PATCHABLE = Set.of("description", "amount", "currency", "startDate", "endDate", "paymentDay",
            "paymentMethod", "contractText");
    private static final Set<String> READ_ONLY = Set.of("id", "customerId", "status", "document", "version", "createdAt", "updatedAt");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database database;
    private final TenantTable fees;
    private final TenantTable entries;
    private final TenantTable documents;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final DomainEvents events;
    private final Clock clock;

    @Activate
    public FeeStore(@Reference Database database, @Reference MonthlyFeeModule module, @Reference CustomerDirectory customers,
                    @Reference HistoryService history, @Reference DomainEvents events) {
        this.database = database;
        this.fees = new TenantTable(database, "monthly_fee_fee");
        this.entries = new TenantTable(database, "monthly_fee_entry");
        this.documents = new TenantTable(database, "monthly_fee_document");
        this.customers = customers;
        this.history = history;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    // ---- fees

    public Optional<Fee> find(String feeId) {
        if (!Fees.plausibleId(feeId)) {
            return Optional.empty();
        }
        return fees.findById(feeId, FeeStore::map).filter(f -> customers.find(f.customerId()).isPresent());
    }

    public Fee get(String feeId) {
        return find(feeId).orElseThrow(() -> ProblemException.notFound("Monthly fee " + feeId));
    }

    /** Fees of the agency (of one customer when given), oldest first, keyset-paged; fees of hidden customers are left out. */
    public Page<Fee> list(String customerId, PageRequest page) {
        List<String> after = Fees.cursor(page.cursor());
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        Fees.restrictToCustomer(customers, customerId, where, params);
        if (after != null) {
            Instant at = Fees.instantOf(after.get(0));
            where.append(" AND (created_at > ? OR (created_at = ? AND id > ?))");
            params.addAll(List.of(at, at, after.get(1)));
        }
        List<Fee> rows = fees.find(where.toString(), params, "created_at, id", page.limit() + 1, FeeStore::map);
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            Fee last = rows.get(rows.size() - 1);
            next = Cursor.encode(last.createdAt().toString(), last.id());
        }
        Map<String, Boolean> visible = new HashMap<>();
        List<Fee> items = rows.stream()
                .filter(f -> visible.computeIfAbsent(f.customerId(), id -> customers.find(id).isPresent())).toList();
        return new Page<>(items, next);
    }

    public Fee create(NewFee request) {
        if (request == null) {
            throw ProblemException.malformed("A monthly fee is required as the request body.", null);
        }
        NewFee fee = normalize(request);
        FieldErrors errors = new FieldErrors();
        if (fee.customerId() == null) {
            errors.add("customerId", "is required");
        } else {
            Optional<Customer> customer = Fees.plausibleId(fee.customerId()) ? customers.find(fee.customerId()) : Optional.empty();
            if (customer.isEmpty()) {
                errors.add("customerId", "is not a customer of this agency");
            } else if (customer.get().archived()) {
                errors.add("customerId", "is archived");
            }
        }
        BigDecimal amount = validate(fee, errors);
        errors.throwIfAny();
        String id = Jdbc.newId();
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Map<String, Object> row = columns(fee, amount);
            row.put("id", id);
            row.put("customer_id", fee.customerId());
            row.put("status", FeeStatus.ACTIVE);
            row.put("version", 0L);
            row.put("created_at", now);
            row.put("updated_at", now);
            fees.insert(row);
            reconcile(id);
            Fee created = get(id);
            history.record("customer", created.customerId(), "monthly-fee", id, "CREATED", HistoryService.diff(Map.of(), snapshot(created)));
            events.publish("clientele/monthly-fee/fee/CREATED", Map.of("feeId", id, "customerId", created.customerId()));
            return created;
        });
    }

    /** JSON merge patch of a fee's terms; entries not yet billed follow the new terms, billed ones never change. */
    public Fee patch(String feeId, Long expectedVersion, Map<String, Object> patch) {
        if (patch == null) {
            throw ProblemException.malformed("A JSON object with the fields to change is required.", null);
        }
        FieldErrors unknown = new FieldErrors();
        for (String k : patch.keySet()) {
            if (READ_ONLY.contains(k)) {
                unknown.add(k, "is read-only");
            } else if (!PATCHABLE.contains(k)) {
                unknown.add(k, "is not a field of a monthly fee");
            }
        }
        unknown.throwIfAny();
        return database.inTransaction(tx -> {
            Fee before = get(feeId);
            if (expectedVersion != null && expectedVersion != before.version()) {
                throw ProblemException.preconditionFailed("The monthly fee changed since it was read; read it again and retry.");
            }
            if (before.status() == FeeStatus.CANCELLED) {
                throw ProblemException.conflict("The monthly fee is cancelled and can no longer change.");
            }
            Map<String, Object> merged = Fees.JSON.convertValue(new NewFee(before.customerId(), before.description(), before.amount(),
                    before.currency(), before.startDate(), before.endDate(), before.paymentDay(), before.paymentMethod(),
                    before.contractText()), MAP);
            merged.putAll(patch);
            NewFee after;
            try {
                after = normalize(Fees.JSON.convertValue(merged, NewFee.class));
            } catch (IllegalArgumentException e) {
                throw ProblemException.malformed("The patch does not fit a monthly fee (wrong type of a field): " + patch.keySet(), null);
            }
            FieldErrors errors = new FieldErrors();
            BigDecimal amount = validate(after, errors);
            errors.throwIfAny();
            Map<String, Object> row = columns(after, amount);
            row.put("updated_at", clock.instant());
            if (fees.update(feeId, before.version(), row) != 1) {
                throw ProblemException.preconditionFailed("The monthly fee changed since it was read; read it again and retry.");
            }
            reconcile(feeId);
            Fee saved = get(feeId);
            history.record("customer", before.customerId(), "monthly-fee", feeId, "UPDATED",
                    HistoryService.diff(snapshot(before), snapshot(saved)));
            events.publish("clientele/monthly-fee/fee/UPDATED", Map.of("feeId", feeId, "customerId", before.customerId()));
            return saved;
        });
    }

    /** Cancels a fee: its entries not yet billed are cancelled, billed ones stay as they are. Repeating it changes nothing. */
    public void cancel(String feeId, Long expectedVersion) {
        database.inTransaction(tx -> {
            Fee before = get(feeId);
            if (expectedVersion != null && expectedVersion != before.version()) {
                throw ProblemException.preconditionFailed("The monthly fee changed since it was read; read it again and retry.");
            }
            if (before.status() == FeeStatus.CANCELLED) {
                return null;
            }
            if (fees.update(feeId, before.version(), Map.of("status", FeeStatus.CANCELLED, "updated_at", clock.instant())) != 1) {
                throw ProblemException.preconditionFailed("The monthly fee changed since it was read; read it again and retry.");
            }
            reconcile(feeId);
            history.record("customer", before.customerId(), "monthly-fee", feeId, "CANCELLED",
                    List.of(new FieldChange("status", FeeStatus.ACTIVE.name(), FeeStatus.CANCELLED.name())));
            events.publish("clientele/monthly-fee/fee/CANCELLED", Map.of("feeId", feeId, "customerId", before.customerId()));
            return null;
        });
    }

    // ---- signed contract

    record StoredDocument(Document document, byte[] content) {
    }

    /** Stores the signed contract, read from {@code content} as it is written (never whole in memory). */
    public Fee storeDocument(String feeId, String contentType, Jdbc.BinaryStream content) {
        return database.inTransaction(tx -> {
            Fee before = get(feeId);
            Instant now = clock.instant();
            documents.delete("id = ?", List.of(feeId));
            documents.insert(Map.of("id", feeId, "content", content));
            fees.update(feeId, null, Map.of("document_type", contentType, "document_size", content.length(),
                    "document_uploaded_at", now, "updated_at", now));
            Fee saved = get(feeId);
            history.record("customer", before.customerId(), "monthly-fee", feeId, "DOCUMENT_UPLOADED",
                    List.of(new FieldChange("document", before.document() == null ? null : before.document().contentType()
                            + " (" + before.document().size() + " bytes)", contentType + " (" + content.length() + " bytes)")));
            return saved;
        });
    }

    public StoredDocument document(String feeId) {
        return database.inTransaction(tx -> {
            Fee fee = get(feeId);
            if (fee.document() == null) {
                throw ProblemException.notFound("The signed contract of monthly fee " + feeId);
            }
            byte[] content = documents.find("id = ?", List.of(feeId), null, 1, rs -> {
                try (InputStream in = rs.getBinaryStream("content")) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new SQLException("cannot read the document", e);
                }
            }).stream().findFirst().orElseThrow(() -> ProblemException.notFound("The signed contract of monthly fee " + feeId));
            return new StoredDocument(fee.document(), content);
        });
    }

    // ---- entries

    public Page<FeeEntry> entries(String feeId, PageRequest page) {
        Fee fee = get(feeId);
        List<String> after = Fees.cursor(page.cursor());
        String where = "fee_id = ?";
        List<Object> params = new ArrayList<>(List.of(fee.id()));
        if (after != null) {
            where += " AND (period_month > ? OR (period_month = ? AND id > ?))";
            params.addAll(List.of(after.get(0), after.get(0), after.get(1)));
        }
        List<FeeEntry> rows = entries.find(where, params, "period_month, id", page.limit() + 1, FeeStore::mapEntry);
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            FeeEntry last = rows.get(rows.size() - 1);
            next = Cursor.encode(last.month(), last.id());
        }
        return new Page<>(rows, next);
    }

    public Optional<FeeEntry> entry(String entryId) {
        if (!Fees.plausibleId(entryId)) {
            return Optional.empty();
        }
        return entries.findById(entryId, FeeStore::mapEntry).filter(e -> customers.find(e.customerId()).isPresent());
    }

    public FeeEntry getEntry(String entryId) {
        return entry(entryId).orElseThrow(() -> ProblemException.notFound("Fee entry " + entryId));
    }

    /** Marks an entry approved (or no longer approved) by the customer; recorded in the customer's history with the actor. */
    public FeeEntry approve(String entryId, Long expectedVersion, Boolean approved) {
        if (approved == null) {
            throw ProblemException.invalid("approvedByCustomer", "is required (true or false)");
        }
        return database.inTransaction(tx -> {
            FeeEntry before = getEntry(entryId);
            if (expectedVersion != null && expectedVersion != before.version()) {
                throw ProblemException.preconditionFailed("The entry changed since it was read; read it again and retry.");
            }
            if (before.status() != EntryStatus.OPEN) {
                throw ProblemException.conflict("The entry is " + before.status() + " and can no longer change.");
            }
            if (before.approvedByCustomer() == approved) {
                return before;
            }
            String actor = RequestContext.principal().name();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("approved", approved);
            row.put("approved_at", approved ? clock.instant() : null);
            row.put("approved_by", approved ? actor : null);
            if (entries.update(entryId, before.version(), row) != 1) {
                throw ProblemException.conflict("The entry changed meanwhile; read it again and retry.");
            }
            FeeEntry saved = getEntry(entryId);
            history.record("customer", before.customerId(), "fee-entry", entryId, approved ? "APPROVED" : "UNAPPROVED",
                    List.of(new FieldChange("approvedByCustomer", Boolean.toString(before.approvedByCustomer()), approved.toString())));
            events.publish("clientele/monthly-fee/entry/" + (approved ? "APPROVED" : "UNAPPROVED"),
                    Map.of("entryId", entryId, "feeId", before.feeId(), "customerId", before.customerId()));
            return saved;
        });
    }

    /**
     * Brings a fee's entries in line with its terms, in the caller's transaction: entries missing up to the horizon are
     * added, entries not yet billed follow the amount, currency and payment day (an approval stands only while amount and
     * currency stay the same), months that left the period and every unbilled entry of a cancelled fee are cancelled.
     * Billed entries never change. The fee's row is locked first, so concurrent runs for one fee take turns.
     *
     * @return how many entries were added
     */
    public int reconcile(String feeId) {
        return database.inTransaction(c -> {
            String agencyId = RequestContext.agencyId();
            if (Jdbc.update(c, "UPDATE monthly_fee_fee SET generated_at = ? WHERE agency_id = ? AND id = ?", clock.instant(), agencyId,
                    feeId) != 1) {
                return 0;
            }
            Fee fee = fees.findById(feeId, FeeStore::map).orElseThrow();
            boolean active = fee.status() == FeeStatus.ACTIVE;
            BigDecimal amount = new BigDecimal(fee.amount());
            Map<String, FeeEntry> existing = new HashMap<>();
            for (FeeEntry e : entries.find("fee_id = ?", List.of(feeId), null, 0, FeeStore::mapEntry)) {
                existing.put(e.month(), e);
            }
            for (FeeEntry e : existing.values()) {
                if (e.status() == EntryStatus.BILLED || e.invoiceId() != null) {
                    continue;
                }
                YearMonth month = YearMonth.parse(e.month());
                boolean wanted = active && EntrySchedule.inPeriod(month, fee.startDate(), fee.endDate());
                if (!wanted) {
                    if (e.status() != EntryStatus.CANCELLED) {
                        entries.update(e.id(), null, Map.of("status", EntryStatus.CANCELLED));
                    }
                    continue;
                }
                LocalDate due = EntrySchedule.dueDate(month, fee.paymentDay());
                boolean sameMoney = new BigDecimal(e.amount()).compareTo(amount) == 0 && e.currency().equals(fee.currency());
                if (e.status() != EntryStatus.OPEN || !due.equals(e.dueDate()) || !sameMoney) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("status", EntryStatus.OPEN);
                    row.put("due_date", due);
                    row.put("amount", amount);
                    row.put("currency", fee.currency());
                    if (!sameMoney || e.status() != EntryStatus.OPEN) {
                        row.put("approved", false);
                        row.put("approved_at", null);
                        row.put("approved_by", null);
                    }
                    entries.update(e.id(), null, row);
                }
            }
            int added = 0;
            if (active) {
                YearMonth horizon = EntrySchedule.horizon(fee.startDate(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
                Instant now = clock.instant();
                for (PlannedEntry p : EntrySchedule.plan(fee.startDate(), fee.endDate(), fee.paymentDay(), horizon)) {
                    if (existing.containsKey(p.month().toString())) {
                        continue;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", Jdbc.newId());
                    row.put("fee_id", feeId);
                    row.put("customer_id", fee.customerId());
                    row.put("period_month", p.month().toString());
                    row.put("due_date", p.dueDate());
                    row.put("amount", amount);
                    row.put("currency", fee.currency());
                    row.put("approved", false);
                    row.put("status", EntryStatus.OPEN);
                    row.put("version", 0L);
                    row.put("created_at", now);
                    entries.insert(row);
                    added++;
                }
            }
            return added;
        });
    }

    /** Ids of the agency's active fees (for the generator, which runs as the agency's system principal). */
    List<String> activeFeeIds() {
        return fees.find("status = ?", List.of(FeeStatus.ACTIVE.name()), "created_at, id", 0, rs -> rs.getString("id"));
    }

    // ---- validation and mapping

    private static NewFee normalize(NewFee f) {
        return new NewFee(trim(f.customerId()), trim(f.description()), trim(f.amount()),
                f.currency() == null ? null : f.currency().trim().toUpperCase(java.util.Locale.ROOT), f.startDate(), f.endDate(),
                f.paymentDay(), trim(f.paymentMethod()), f.contractText() == null || f.contractText().isBlank() ? null : f.contractText());
    }

    /** Checks a fee's terms; returns the amount when it is valid. */
    static BigDecimal validate(NewFee f, FieldErrors errors) {
        if (f.description() == null) {
            errors.add("description", "is required");
        } else if (f.description().length() > 500) {
            errors.add("description", "must have at most 500 characters");
        }
        BigDecimal amount = Money.positive("amount", f.amount(), errors);
        Money.currency("currency", f.currency(), errors);
        if (f.startDate() == null) {
            errors.add("startDate", "is required");
        } else if (f.startDate().isBefore(EARLIEST) || f.startDate().isAfter(LATEST)) {
            errors.add("startDate", "must be between " + EARLIEST + " and " + LATEST);
        }
        if (f.endDate() != null) {
            if (f.endDate().isAfter(LATEST)) {
                errors.add("endDate", "must be on or before " + LATEST);
            } else if (f.startDate() != null && f.endDate().isBefore(f.startDate())) {
                errors.add("endDate", "must not be before startDate");
            }
        }
        if (f.paymentDay() == null) {
            errors.add("paymentDay", "is required");
        } else if (f.paymentDay() < 1 || f.paymentDay() > 31) {
            errors.add("paymentDay", "must be between 1 and 31");
        }
        if (f.paymentMethod() != null && f.paymentMethod().length() > 50) {
            errors.add("paymentMethod", "must have at most 50 characters");
        }
        if (f.contractText() != null && f.contractText().length() > 20000) {
            errors.add("contractText", "must have at most 20000 characters");
        }
        return amount;
    }

    private static Map<String, Object> columns(NewFee f, BigDecimal amount) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("description", f.description());
        row.put("amount", amount);
        row.put("currency", f.currency());
        row.put("start_date", f.startDate());
        row.put("end_date", f.endDate());
        row.put("payment_day", f.paymentDay());
        row.put("payment_method", f.paymentMethod());
        row.put("contract_text", f.contractText());
        return row;
    }

    private static Map<String, Object> snapshot(Fee f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", f.description());
        m.put("amount", f.amount());
        m.put("currency", f.currency());
        m.put("startDate", f.startDate());
        m.put("endDate", f.endDate());
        m.put("paymentDay", f.paymentDay());
        m.put("paymentMethod", f.paymentMethod());
        m.put("contractText", f.contractText() == null ? null : f.contractText().length() > 200
                ? f.contractText().substring(0, 200) + "…" : f.contractText());
        m.put("status", f.status());
        return m;
    }

    static Fee map(ResultSet rs) throws SQLException {
        String type = rs.getString("document_type");
        Document document = type == null ? null
                : new Document(type, rs.getLong("document_size"), Jdbc.instant(rs, "document_uploaded_at"));
        return new Fee(rs.getString("id"), rs.getString("customer_id"), rs.getString("description"), Money.format(rs.getBigDecimal("amount")),
                rs.getString("currency"), Jdbc.date(rs, "start_date"), Jdbc.date(rs, "end_date"), rs.getInt("payment_day"),
                rs.getString("payment_method"), rs.getString("contract_text"), FeeStatus.valueOf(rs.getString("status")), document,
                rs.getLong("version"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    static FeeEntry mapEntry(ResultSet rs) throws SQLException {
        return new FeeEntry(rs.getString("id"), rs.getString("fee_id"), rs.getString("customer_id"), rs.getString("period_month"),
                Jdbc.date(rs, "due_date"), Money.format(rs.getBigDecimal("amount")), rs.getString("currency"), rs.getBoolean("approved"),
                Jdbc.instant(rs, "approved_at"), rs.getString("approved_by"), EntryStatus.valueOf(rs.getString("status")),
                rs.getString("invoice_id"), rs.getLong("version"));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
