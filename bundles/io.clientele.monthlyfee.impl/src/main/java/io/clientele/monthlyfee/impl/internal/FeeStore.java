package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import com.fasterxml.jackson.core.type.TypeReference;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.monthlyfee.api.MonthlyFeeEvents;
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
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.MergePatch;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Fees and their monthly entries, on the module's persistence unit ({@code monthly-fee}). A fee is reachable exactly when
 * its customer is visible to the caller; every change is recorded in the customer's history, in the same transaction.
 * Entries are reconciled with the fee under a lock on the fee's row, and a unique (agency, fee, month) constraint backs
 * it up, so no generator run ever duplicates a month. What stays SQL: the contract's bytes (streamed) and the fee row's
 * lock for the reconciliation.
 */
@Component(service = FeeStore.class)
public class FeeStore {

    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    /** A fee's terms are what a client may change; its status and document follow their own commands. */
    private static final MergePatch PATCH = MergePatch.only("monthly fee",
            Set.of("id", "customerId", "status", "document", "version", "createdAt", "updatedAt"),
            Set.of("description", "amount", "currency", "startDate", "endDate", "paymentDay", "paymentMethod", "contractText"));
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database database;
    private final EntityWork work;
    private final TenantTable documents;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final DomainEvents events;
    private final Clock clock;

    @Activate
    public FeeStore(@Reference Database database, @Reference(target = "(osgi.unit.name=monthly-fee)") EntityManagerFactory unit,
                    @Reference MonthlyFeeModule module, @Reference CustomerDirectory customers, @Reference HistoryService history,
                    @Reference DomainEvents events) {
        this(database, unit, customers, history, events, Clock.systemUTC());
    }

    FeeStore(Database database, EntityManagerFactory unit, CustomerDirectory customers, HistoryService history, DomainEvents events,
             Clock clock) {
        this.database = database;
        this.work = new EntityWork(database, unit);
        // the signed contract's bytes stay SQL: streamed into the BLOB as they are received, never whole in memory
        this.documents = new TenantTable(database, "monthly_fee_document");
        this.customers = customers;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    /** Now, at the precision every database of the platform stores (PostgreSQL keeps microseconds). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The store's unit of work (BillingStore's runs on the same EntityManager when it calls in here). */
    EntityWork work() {
        return work;
    }

    // ---- fees

    public Optional<Fee> find(String feeId) {
        return record(feeId).map(FeeRecord::toApi);
    }

    /** The stored fee if its customer is visible to the caller. */
    private Optional<FeeRecord> record(String feeId) {
        if (!Fees.plausibleId(feeId)) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(FeeRecord.class, feeId))
                .filter(f -> customers.find(f.customerId()).isPresent()));
    }

    private FeeRecord getRecord(String feeId) {
        return record(feeId).orElseThrow(() -> ProblemException.notFound("Monthly fee " + feeId));
    }

    public Fee get(String feeId) {
        return find(feeId).orElseThrow(() -> ProblemException.notFound("Monthly fee " + feeId));
    }

    /**
     * Fees of the agency (of one customer when given), oldest first, keyset-paged; fees of customers the caller may not
     * see are left out, and the page is still filled from the fees after them.
     */
    public Page<Fee> list(String customerId, PageRequest page) {
        String condition = null;
        Map<String, Object> params = new HashMap<>();
        if (customerId != null && !customerId.isBlank()) {
            if (!Fees.isVisibleCustomer(customers, customerId)) {
                throw ProblemException.notFound("Customer " + customerId);
            }
            condition = "e.customerId = :customerId";
            params.put("customerId", customerId);
        }
        String where = condition;
        Map<String, Boolean> visible = new HashMap<>();
        Page<FeeRecord> rows = work.inTransaction(em -> KeysetPages.page(em, FeeRecord.class, where, params, page,
                f -> visible.computeIfAbsent(f.customerId(), id -> customers.find(id).isPresent())));
        return new Page<>(rows.items().stream().map(FeeRecord::toApi).toList(), rows.nextCursor());
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
        Money amount = validate(fee, errors);
        errors.throwIfAny();
        String id = Jdbc.newId();
        Instant now = now();
        return work.inTransaction(em -> {
            FeeRecord record = new FeeRecord(id, fee, amount.amount(), now);
            em.persist(record);
            em.flush(); // the row exists before reconcile locks it
            reconcile(id);
            Fee created = record.toApi();
            history.record("customer", created.customerId(), "monthly-fee", id, "CREATED", HistoryService.diff(Map.of(), snapshot(created)));
            events.publish(MonthlyFeeEvents.FEE_CREATED, Map.of("feeId", id, "customerId", created.customerId()));
            return created;
        });
    }

    /** JSON merge patch of a fee's terms; entries not yet billed follow the new terms, billed ones never change. */
    public Fee patch(String feeId, Long expectedVersion, Map<String, Object> patch) {
        PATCH.check(patch);
        return work.inTransaction(em -> {
            FeeRecord record = getRecord(feeId);
            Fee before = record.toApi();
            record.requireVersion(expectedVersion, "monthly fee");
            if (before.status() == FeeStatus.CANCELLED) {
                throw ProblemException.conflict("The monthly fee is cancelled and can no longer change.");
            }
            Map<String, Object> merged = MergePatch.merge(Fees.JSON.convertValue(new NewFee(before.customerId(), before.description(), before.amount(),
                    before.currency(), before.startDate(), before.endDate(), before.paymentDay(), before.paymentMethod(),
                    before.contractText()), MAP), patch);
            NewFee after;
            try {
                after = normalize(Fees.JSON.convertValue(merged, NewFee.class));
            } catch (IllegalArgumentException e) {
                throw ProblemException.malformed("The patch does not fit a monthly fee (wrong type of a field): " + patch.keySet(), null);
            }
            FieldErrors errors = new FieldErrors();
            Money amount = validate(after, errors);
            errors.throwIfAny();
            record.change(after, amount.amount(), now());
            em.flush(); // written over the version read above, or 412 (EntityWork) when another request changed the fee first
            reconcile(feeId);
            Fee saved = record.toApi();
            history.record("customer", before.customerId(), "monthly-fee", feeId, "UPDATED",
                    HistoryService.diff(snapshot(before), snapshot(saved)));
            events.publish(MonthlyFeeEvents.FEE_UPDATED, Map.of("feeId", feeId, "customerId", before.customerId()));
            return saved;
        });
    }

    /** Cancels a fee: its entries not yet billed are cancelled, billed ones stay as they are. Repeating it changes nothing. */
    public void cancel(String feeId, Long expectedVersion) {
        work.inTransaction(em -> {
            FeeRecord record = getRecord(feeId);
            record.requireVersion(expectedVersion, "monthly fee");
            if (record.status() == FeeStatus.CANCELLED) {
                return null;
            }
            record.cancel(now());
            em.flush();
            reconcile(feeId);
            history.record("customer", record.customerId(), "monthly-fee", feeId, "CANCELLED",
                    List.of(new FieldChange("status", FeeStatus.ACTIVE.name(), FeeStatus.CANCELLED.name())));
            events.publish(MonthlyFeeEvents.FEE_CANCELLED, Map.of("feeId", feeId, "customerId", record.customerId()));
            return null;
        });
    }

    // ---- signed contract

    record StoredDocument(Document document, byte[] content) {
    }

    /**
     * Stores the signed contract, read from {@code content} as it is written (never whole in memory). The fee's row is
     * written over the version this call read: a patch that changed the fee meanwhile makes the upload 412 (nothing of
     * it is kept), never a fee that mixes the two.
     */
    public Fee storeDocument(String feeId, String contentType, Jdbc.BinaryStream content) {
        return work.inTransaction(em -> {
            FeeRecord record = getRecord(feeId);
            Fee before = record.toApi();
            documents.delete("id = ?", List.of(feeId));
            documents.insert(Map.of("id", feeId, "content", content));
            record.document(contentType, content.length(), now());
            em.flush();
            Fee saved = record.toApi();
            history.record("customer", before.customerId(), "monthly-fee", feeId, "DOCUMENT_UPLOADED",
                    List.of(new FieldChange("document", before.document() == null ? null : before.document().contentType()
                            + " (" + before.document().size() + " bytes)", contentType + " (" + content.length() + " bytes)")));
            return saved;
        });
    }

    public StoredDocument document(String feeId) {
        return work.inTransaction(em -> {
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

    /** A fee's entries by month, then id. */
    static final Keyset<FeeEntryRecord> BY_MONTH = Keyset.<FeeEntryRecord, String>ascending("month", Keyset.TEXT, FeeEntryRecord::month)
            .thenAscending("id", Keyset.ID, FeeEntryRecord::id);

    /** A fee's entries by month, keyset-paged on (month, id). */
    public Page<FeeEntry> entries(String feeId, PageRequest page) {
        Fee fee = get(feeId);
        return work.inTransaction(em -> KeysetPages.page(em, FeeEntryRecord.class, BY_MONTH, "e.feeId = :feeId", Map.of("feeId", fee.id()),
                page, null)).map(FeeEntryRecord::toApi);
    }

    public Optional<FeeEntry> entry(String entryId) {
        return entryRecord(entryId).map(FeeEntryRecord::toApi);
    }

    /** The stored entry if its customer is visible to the caller. */
    Optional<FeeEntryRecord> entryRecord(String entryId) {
        if (!Fees.plausibleId(entryId)) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(FeeEntryRecord.class, entryId))
                .filter(e -> customers.find(e.customerId()).isPresent()));
    }

    public FeeEntry getEntry(String entryId) {
        return entry(entryId).orElseThrow(() -> ProblemException.notFound("Fee entry " + entryId));
    }

    /** Marks an entry approved (or no longer approved) by the customer; recorded in the customer's history with the actor. */
    public FeeEntry approve(String entryId, Long expectedVersion, Boolean approved) {
        if (approved == null) {
            throw ProblemException.invalid("approvedByCustomer", "is required (true or false)");
        }
        return work.inTransaction(em -> {
            FeeEntryRecord record = entryRecord(entryId).orElseThrow(() -> ProblemException.notFound("Fee entry " + entryId));
            FeeEntry before = record.toApi();
            record.requireVersion(expectedVersion, "entry");
            if (before.status() != EntryStatus.OPEN) {
                throw ProblemException.conflict("The entry is " + before.status() + " and can no longer change.");
            }
            if (before.approvedByCustomer() == approved) {
                return before;
            }
            record.approve(approved, RequestContext.principal().name(), now());
            try {
                em.flush();
            } catch (OptimisticLockException e) {
                // billed, reconciled or approved by another request between this one's read and its write
                throw ProblemException.conflict("The entry changed meanwhile; read it again and retry.");
            }
            FeeEntry saved = record.toApi();
            history.record("customer", before.customerId(), "fee-entry", entryId, approved ? "APPROVED" : "UNAPPROVED",
                    List.of(new FieldChange("approvedByCustomer", Boolean.toString(before.approvedByCustomer()), approved.toString())));
            events.publish(approved ? MonthlyFeeEvents.ENTRY_APPROVED : MonthlyFeeEvents.ENTRY_UNAPPROVED,
                    Map.of("entryId", entryId, "feeId", before.feeId(), "customerId", before.customerId()));
            return saved;
        });
    }

    /**
     * Brings a fee's entries in line with its terms, in the caller's transaction: entries missing up to the horizon are
     * added, entries not yet billed follow the amount, currency and payment day (an approval stands only while amount and
     * currency stay the same), months that left the period and every unbilled entry of a cancelled fee are cancelled.
     * Billed entries never change. The fee's row is locked first (an SQL update of its {@code generated_at}, which no
     * version guards), so concurrent runs for one fee take turns; its entries are read after the lock.
     *
     * @return how many entries were added
     */
    public int reconcile(String feeId) {
        return work.inTransaction(em -> {
            String agencyId = RequestContext.agencyId();
            int locked = database.inTransaction(c -> Jdbc.update(c, "UPDATE monthly_fee_fee SET generated_at = ? WHERE agency_id = ? AND id = ?",
                    now(), agencyId, feeId));
            if (locked != 1) {
                return 0;
            }
            FeeRecord record = em.find(FeeRecord.class, feeId);
            Fee fee = record.toApi();
            boolean active = fee.status() == FeeStatus.ACTIVE;
            BigDecimal amount = new BigDecimal(fee.amount());
            Map<String, FeeEntryRecord> existing = new HashMap<>();
            // read again from the database: billing flips entries with conditional SQL in the same transaction
            for (FeeEntryRecord e : em.createQuery("SELECT e FROM FeeEntry e WHERE e.feeId = :feeId", FeeEntryRecord.class)
                    .setParameter("feeId", feeId).setHint(QueryHints.REFRESH, HintValues.TRUE).getResultList()) {
                existing.put(e.month(), e);
            }
            for (FeeEntryRecord e : existing.values()) {
                if (e.billed()) {
                    continue;
                }
                YearMonth month = YearMonth.parse(e.month());
                boolean wanted = active && EntrySchedule.inPeriod(month, fee.startDate(), fee.endDate());
                if (!wanted) {
                    if (e.status() != EntryStatus.CANCELLED) {
                        e.cancel();
                    }
                    continue;
                }
                LocalDate due = EntrySchedule.dueDate(month, fee.paymentDay());
                boolean sameMoney = e.amount().compareTo(amount) == 0 && e.currency().equals(fee.currency());
                if (e.status() != EntryStatus.OPEN || !due.equals(e.dueDate()) || !sameMoney) {
                    e.follow(due, amount, fee.currency());
                }
            }
            int added = 0;
            if (active) {
                YearMonth horizon = EntrySchedule.horizon(fee.startDate(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
                Instant now = now();
                for (PlannedEntry p : EntrySchedule.plan(fee.startDate(), fee.endDate(), fee.paymentDay(), horizon)) {
                    if (existing.containsKey(p.month().toString())) {
                        continue;
                    }
                    em.persist(new FeeEntryRecord(Jdbc.newId(), feeId, fee.customerId(), p.month(), p.dueDate(), amount, fee.currency(), now));
                    added++;
                }
            }
            em.flush();
            return added;
        });
    }

    /** Ids of the agency's active fees (for the generator, which runs as the agency's system principal). */
    List<String> activeFeeIds() {
        return work.inTransaction(em -> em.createQuery("SELECT f.id FROM MonthlyFee f WHERE f.status = :status ORDER BY f.createdAt, f.id",
                String.class).setParameter("status", FeeStatus.ACTIVE).getResultList());
    }

    // ---- validation and mapping

    private static NewFee normalize(NewFee f) {
        return new NewFee(trim(f.customerId()), trim(f.description()), trim(f.amount()),
                f.currency() == null ? null : f.currency().trim().toUpperCase(java.util.Locale.ROOT), f.startDate(), f.endDate(),
                f.paymentDay(), trim(f.paymentMethod()), f.contractText() == null || f.contractText().isBlank() ? null : f.contractText());
    }

    /** Checks a fee's terms; returns the amount, in the fee's currency, when it is valid. */
    static Money validate(NewFee f, FieldErrors errors) {
        if (f.description() == null) {
            errors.add("description", "is required");
        } else if (f.description().length() > 500) {
            errors.add("description", "must have at most 500 characters");
        }
        Money amount = Money.parse(errors, "amount", f.amount(), Money.currency(errors, "currency", f.currency()));
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

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
