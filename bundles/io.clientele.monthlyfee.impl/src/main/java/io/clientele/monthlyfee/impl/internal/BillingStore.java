package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.customer.api.Address;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.LegalEntity;
import io.clientele.customer.api.LegalEntityDirectory;
import io.clientele.monthlyfee.api.BillingAddress;
import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.BillingService.Refused;
import io.clientele.monthlyfee.api.BillingService.Refused.Reason;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceLine;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.MonthlyFeeEvents;
import io.clientele.monthlyfee.api.NewPayment;
import io.clientele.monthlyfee.api.Payment;
import io.clientele.monthlyfee.api.PdfFile;
import io.clientele.monthlyfee.impl.internal.Fees.EntryStatus;
import io.clientele.monthlyfee.impl.internal.Fees.Fee;
import io.clientele.monthlyfee.impl.internal.Fees.FeeEntry;
import io.clientele.monthlyfee.impl.internal.Fees.IssueRequest;
import io.clientele.monthlyfee.impl.internal.Fees.Issued;
import io.clientele.monthlyfee.impl.internal.Fees.PreBillingItem;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pre-billing, invoices and payments, on the module's persistence unit ({@code monthly-fee}). Issuing locks every entry
 * it bills (an entry is billed at most once) and then takes invoice numbers from a per-agency counter row updated in the
 * same transaction, so numbers are unique and gapless: a failed issue rolls its numbers back with everything else.
 *
 * <p>What stays SQL, in the same transaction: the invoice counter (an atomic increment of one row, held until the
 * transaction ends: a sequence or a JPA-generated value would leave gaps on rollback); the conditional flip of the billed
 * entries ({@code … WHERE status = 'OPEN' AND approved AND invoice_id IS NULL}, which is both the lock and the check
 * that a concurrent issue did not bill the entry first) and its reverse when an invoice is cancelled (all entries of one
 * invoice); and the row locks that make payments and cancellation of one invoice, or the entries of one fee, take turns.
 */
@Component(service = {BillingStore.class, BillingService.class})
public class BillingStore implements BillingService {

    static final int MAX_ENTRIES_PER_ISSUE = 500;
    private static final String INVOICE_COUNTER = "invoice";

    private final Database database;
    private final EntityWork work;
    private final FeeStore fees;
    private final CustomerDirectory customers;
    private final LegalEntityDirectory legalEntities;
    private final HistoryService history;
    private final DomainEvents events;
    private final Letterheads letterheads;
    private final Clock clock;

    @Activate
    public BillingStore(@Reference Database database, @Reference(target = "(osgi.unit.name=monthly-fee)") EntityManagerFactory unit,
                        @Reference FeeStore fees, @Reference CustomerDirectory customers, @Reference LegalEntityDirectory legalEntities,
                        @Reference HistoryService history, @Reference DomainEvents events, @Reference Letterheads letterheads) {
        this(database, unit, fees, customers, legalEntities, history, events, letterheads, Clock.systemUTC());
    }

    BillingStore(Database database, EntityManagerFactory unit, FeeStore fees, CustomerDirectory customers,
                 LegalEntityDirectory legalEntities, HistoryService history, DomainEvents events, Letterheads letterheads, Clock clock) {
        this.database = database;
        this.work = new EntityWork(database, unit);
        this.fees = fees;
        this.customers = customers;
        this.legalEntities = legalEntities;
        this.history = history;
        this.events = events;
        this.letterheads = letterheads;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- pre-billing

    /** Pre-billing's order: by due date, then id. */
    static final Keyset<FeeEntryRecord> BY_DUE_DATE = Keyset.<FeeEntryRecord, LocalDate>ascending("dueDate", Keyset.DATE, FeeEntryRecord::dueDate)
            .thenAscending("id", Keyset.ID, FeeEntryRecord::id);

    /** Invoices' order: highest number first (numbers are unique in an agency; the id only completes the keyset). */
    static final Keyset<InvoiceRecord> NEWEST_NUMBER_FIRST = Keyset.<InvoiceRecord, Long>descending("number", Keyset.LONG, InvoiceRecord::number)
            .thenDescending("id", Keyset.ID, InvoiceRecord::id);

    /**
     * Approved, unbilled, open entries due in [from, to] (either may be open), by due date; entries of customers the
     * caller may not see are left out, and the page is still filled from the entries after them.
     */
    public Page<PreBillingItem> preBilling(LocalDate from, LocalDate to, PageRequest page) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        StringBuilder where = new StringBuilder("e.status = :status AND e.approved = :approved AND e.invoiceId IS NULL");
        Map<String, Object> params = new HashMap<>();
        params.put("status", EntryStatus.OPEN);
        params.put("approved", true);
        if (from != null) {
            where.append(" AND e.dueDate >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" AND e.dueDate <= :to");
            params.put("to", to);
        }
        Map<String, Optional<Fee>> feeById = new HashMap<>();
        Page<FeeEntryRecord> rows = work.inTransaction(em -> KeysetPages.page(em, FeeEntryRecord.class, BY_DUE_DATE, where.toString(), params,
                page, e -> feeById.computeIfAbsent(e.feeId(), fees::find).isPresent())); // empty when the customer is hidden
        List<PreBillingItem> items = new ArrayList<>();
        for (FeeEntryRecord r : rows.items()) {
            FeeEntry e = r.toApi();
            items.add(new PreBillingItem(e.id(), e.feeId(), e.customerId(), feeById.get(e.feeId()).orElseThrow().description(), e.month(),
                    e.dueDate(), e.amount(), e.currency()));
        }
        return new Page<>(items, rows.nextCursor());
    }

    // ---- issuing

    /** Issues one invoice per customer and currency from the given approved entries, all or nothing. */
    public Issued issue(IssueRequest request) {
        if (request == null) {
            throw ProblemException.malformed("A JSON object with entryIds is required.", null);
        }
        Set<String> ids = new TreeSet<>();
        FieldErrors errors = new FieldErrors();
        if (request.entryIds() == null || request.entryIds().isEmpty()) {
            errors.add("entryIds", "must name at least one entry");
        } else if (request.entryIds().size() > MAX_ENTRIES_PER_ISSUE) {
            errors.add("entryIds", "must name at most " + MAX_ENTRIES_PER_ISSUE + " entries");
        } else {
            for (String id : request.entryIds()) {
                if (!Fees.plausibleId(id)) {
                    errors.add("entryIds", "contains something that is no entry id");
                    break;
                }
                ids.add(id);
            }
        }
        String legalEntityId = request.legalEntityId() == null || request.legalEntityId().isBlank() ? null : request.legalEntityId().trim();
        if (legalEntityId != null && !Fees.plausibleId(legalEntityId)) {
            errors.add("legalEntityId", "is not a legal entity of this customer");
        }
        errors.throwIfAny();
        ensureCounter();
        return work.inTransaction(em -> {
            List<String> idList = List.copyOf(ids);
            List<FeeEntry> found = em.createQuery("SELECT e FROM FeeEntry e WHERE e.id IN :ids ORDER BY e.id", FeeEntryRecord.class)
                    .setParameter("ids", idList).getResultStream().map(FeeEntryRecord::toApi).toList();
            Map<String, FeeEntry> byId = new HashMap<>();
            Map<String, Boolean> visible = new HashMap<>();
            for (FeeEntry e : found) {
                if (visible.computeIfAbsent(e.customerId(), id -> customers.find(id).isPresent())) {
                    byId.put(e.id(), e);
                }
            }
            FieldErrors problems = new FieldErrors();
            List<String> billed = new ArrayList<>();
            for (String id : idList) {
                FeeEntry e = byId.get(id);
                if (e == null) {
                    problems.add("entryIds", "no entry " + id);
                } else if (e.status() == EntryStatus.BILLED || e.invoiceId() != null) {
                    billed.add(id);
                } else if (e.status() == EntryStatus.CANCELLED) {
                    problems.add("entryIds", "entry " + id + " is cancelled");
                } else if (!e.approvedByCustomer()) {
                    problems.add("entryIds", "entry " + id + " is not approved by the customer");
                }
            }
            problems.throwIfAny();
            if (!billed.isEmpty()) {
                throw ProblemException.conflict("entryIds", "Already billed: " + String.join(", ", billed));
            }
            LegalEntity entity = null;
            if (legalEntityId != null) {
                entity = legalEntities.find(legalEntityId).orElseThrow(() ->
                        ProblemException.invalid("legalEntityId", "is not a legal entity of this customer"));
            }
            // one invoice per customer and currency, in a fixed order (locks are always taken in the same order)
            Map<String, List<FeeEntry>> groups = new TreeMap<>();
            for (String id : idList) {
                FeeEntry e = byId.get(id);
                groups.computeIfAbsent(e.customerId() + "|" + e.currency(), k -> new ArrayList<>()).add(e);
            }
            Map<String, BillingAddress> addresses = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            for (List<FeeEntry> group : groups.values()) {
                String customerId = group.get(0).customerId();
                if (addresses.containsKey(customerId)) {
                    continue;
                }
                Customer customer = customers.find(customerId).orElseThrow(() -> ProblemException.notFound("Customer " + customerId));
                if (entity != null && !entity.customerId().equals(customerId)) {
                    problems.add("legalEntityId", "is not a legal entity of customer " + customerId);
                    continue;
                }
                Address address = entity != null && entity.address() != null && entity.address().completeForInvoicing()
                        ? entity.address() : customer.address();
                if (address == null || !address.completeForInvoicing()) {
                    problems.add("address", "customer " + customer.name() + " has no complete address "
                            + "(street, number, city, state, postalCode and country are required on an invoice)");
                    continue;
                }
                addresses.put(customerId, new BillingAddress(address.postalCode(), address.street(), address.number(),
                        address.complement(), address.district(), address.city(), address.state(), address.country()));
                names.put(customerId, entity != null ? entity.name()
                        : customer.companyName() != null && !customer.companyName().isBlank() ? customer.companyName() : customer.name());
            }
            problems.throwIfAny();
            // everything read from other tables is read before the entries are locked: a generator run holding a fee's
            // row while it reads that fee's entries must never wait for us while we wait for it
            Map<String, Optional<Fee>> feeById = new HashMap<>();
            byId.values().forEach(e -> feeById.computeIfAbsent(e.feeId(), fees::find));
            // lock every entry first: a concurrent issue of any of them waits here and then finds it billed
            Map<String, String> invoiceOfGroup = new LinkedHashMap<>();
            groups.keySet().forEach(k -> invoiceOfGroup.put(k, Jdbc.newId()));
            String agencyId = RequestContext.agencyId();
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            Instant now = now();
            Map<String, Long> numberOfGroup = database.inTransaction(c -> {
                for (Map.Entry<String, List<FeeEntry>> group : groups.entrySet()) {
                    for (FeeEntry e : group.getValue()) {
                        int n = Jdbc.update(c, "UPDATE monthly_fee_entry SET status = ?, invoice_id = ?, version = version + 1 "
                                        + "WHERE agency_id = ? AND id = ? AND status = ? AND approved = ? AND invoice_id IS NULL",
                                EntryStatus.BILLED.name(), invoiceOfGroup.get(group.getKey()), agencyId, e.id(), EntryStatus.OPEN.name(), true);
                        if (n != 1) {
                            throw ProblemException.conflict("entryIds", "Already billed or changed meanwhile: " + e.id());
                        }
                    }
                }
                Map<String, Long> numbers = new LinkedHashMap<>();
                for (String group : groups.keySet()) {
                    numbers.put(group, nextNumber(c, agencyId));
                }
                return numbers;
            });
            List<Invoice> issued = new ArrayList<>();
            for (Map.Entry<String, List<FeeEntry>> group : groups.entrySet()) {
                List<FeeEntry> groupEntries = new ArrayList<>(group.getValue());
                groupEntries.sort((a, b) -> a.dueDate().equals(b.dueDate()) ? a.id().compareTo(b.id()) : a.dueDate().compareTo(b.dueDate()));
                FeeEntry first = groupEntries.get(0);
                String invoiceId = invoiceOfGroup.get(group.getKey());
                long number = numberOfGroup.get(group.getKey());
                Money total = Money.sum(Currency.getInstance(first.currency()),
                        groupEntries.stream().map(e -> Money.of(e.amount(), e.currency())).toList());
                LocalDate latestDue = groupEntries.get(groupEntries.size() - 1).dueDate();
                InvoiceRecord invoice = new InvoiceRecord(invoiceId, number, first.customerId(), entity != null ? entity.id() : first.customerId(),
                        names.get(first.customerId()), addresses.get(first.customerId()), today, latestDue.isBefore(today) ? today : latestDue,
                        total.amount(), total.currencyCode(), now);
                em.persist(invoice);
                List<InvoiceLineRecord> invoiceLines = new ArrayList<>();
                int lineNo = 0;
                for (FeeEntry e : groupEntries) {
                    String description = feeById.getOrDefault(e.feeId(), Optional.empty()).map(Fee::description)
                            .orElse("Monthly fee") + " (" + e.month() + ")";
                    InvoiceLineRecord line = new InvoiceLineRecord(Jdbc.newId(), invoiceId, ++lineNo, e.id(), e.feeId(), description,
                            e.dueDate(), new BigDecimal(e.amount()));
                    em.persist(line);
                    invoiceLines.add(line);
                }
                em.flush();
                Invoice issuedInvoice = invoice.toApi(invoiceLines.stream().map(l -> l.toApi(total.currencyCode())).toList(), List.of());
                history.record("customer", issuedInvoice.customerId(), "invoice", invoiceId, "ISSUED", List.of(
                        new FieldChange("number", null, Long.toString(number)),
                        new FieldChange("total", null, issuedInvoice.total().toString()),
                        new FieldChange("entries", null, Integer.toString(groupEntries.size()))));
                events.publish(MonthlyFeeEvents.INVOICE_ISSUED, Map.of("invoiceId", invoiceId, "customerId", issuedInvoice.customerId(),
                        "number", number));
                issued.add(issuedInvoice);
            }
            return new Issued(issued.stream().map(InvoiceViews.InvoiceView::of).toList());
        });
    }

    /** Creates the agency's counter row if missing, in a transaction of its own (a concurrent creator's row wins). */
    private void ensureCounter() {
        String agencyId = RequestContext.agencyId();
        boolean exists = database.inTransaction(c -> Jdbc.count(c,
                "SELECT COUNT(*) FROM monthly_fee_counter WHERE agency_id = ? AND name = ?", agencyId, INVOICE_COUNTER) > 0);
        if (exists) {
            return;
        }
        try {
            database.inNewTransaction(c -> Jdbc.update(c, "INSERT INTO monthly_fee_counter (agency_id, name, next_value) VALUES (?, ?, ?)",
                    agencyId, INVOICE_COUNTER, 1L));
        } catch (DuplicateKeyException e) {
            // created meanwhile by a concurrent first issue
        }
    }

    /** Takes the agency's next invoice number; the counter row stays locked until the caller's transaction ends. */
    private static long nextNumber(Connection c, String agencyId) {
        int n = Jdbc.update(c, "UPDATE monthly_fee_counter SET next_value = next_value + 1 WHERE agency_id = ? AND name = ?",
                agencyId, INVOICE_COUNTER);
        if (n != 1) {
            throw new IllegalStateException("the invoice counter of agency " + agencyId + " is missing");
        }
        return Jdbc.queryOne(c, "SELECT next_value FROM monthly_fee_counter WHERE agency_id = ? AND name = ?",
                rs -> rs.getLong(1), agencyId, INVOICE_COUNTER).orElseThrow() - 1;
    }

    // ---- invoices

    @Override
    public Optional<Invoice> invoice(String invoiceId) {
        return work.inTransaction(em -> record(invoiceId).map(i -> toApi(em, List.of(i)).get(0)));
    }

    @Override
    public Optional<PdfFile> invoicePdf(String invoiceId) {
        return invoice(invoiceId).map(i -> {
            String customerName = customers.find(i.customerId()).map(Customer::name).orElse(null);
            String billed = i.legalEntityName() != null ? i.legalEntityName() : customerName;
            byte[] pdf = letterheads.letterpaper().invoice(i, new BillingPdf.Recipient(billed, customerName, i.address()),
                    letterheads.letterhead());
            return new PdfFile(BillingPdf.invoiceFileName(i), pdf);
        });
    }

    /** The stored invoice if its customer is visible to the caller. */
    private Optional<InvoiceRecord> record(String invoiceId) {
        if (!Fees.plausibleId(invoiceId)) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(InvoiceRecord.class, invoiceId))
                .filter(i -> customers.find(i.customerId()).isPresent()));
    }

    public Invoice get(String invoiceId) {
        return invoice(invoiceId).orElseThrow(() -> invoiceNotFound(invoiceId));
    }

    /** The service's refusal of an invoice absent for the caller (404 at the REST edge). */
    private static Refused invoiceNotFound(String invoiceId) {
        return Refusal.notFound(Refused::new, Reason.INVOICE_NOT_FOUND, "Invoice " + invoiceId);
    }

    @Override
    public List<Invoice> invoicesOf(String customerId) {
        if (!Fees.isVisibleCustomer(customers, customerId)) {
            return List.of();
        }
        return work.inTransaction(em -> toApi(em, em.createQuery("SELECT i FROM Invoice i WHERE i.customerId = :customerId"
                + " ORDER BY i.number DESC", InvoiceRecord.class).setParameter("customerId", customerId).getResultList()));
    }

    /**
     * Invoices, highest number first, optionally of one customer and in one status; invoices of customers the caller may
     * not see are left out, and the page is still filled from the invoices after them.
     */
    public Page<Invoice> list(String customerId, String status, PageRequest page) {
        if (customerId != null && !customerId.isBlank() && !Fees.isVisibleCustomer(customers, customerId)) {
            throw ProblemException.notFound("Customer " + customerId);
        }
        String customer = customerId == null || customerId.isBlank() ? null : customerId;
        InvoiceStatus inStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                inStatus = InvoiceStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be OPEN, PAID or CANCELLED");
            }
        }
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        if (customer != null) {
            where.append("e.customerId = :customerId");
            params.put("customerId", customer);
        }
        if (inStatus != null) {
            where.append(where.isEmpty() ? "" : " AND ").append("e.status = :status");
            params.put("status", inStatus);
        }
        Map<String, Boolean> visible = new HashMap<>();
        return work.inTransaction(em -> {
            Page<InvoiceRecord> rows = KeysetPages.page(em, InvoiceRecord.class, NEWEST_NUMBER_FIRST, where.toString(), params, page,
                    i -> visible.computeIfAbsent(i.customerId(), id -> customers.find(id).isPresent()));
            return new Page<>(toApi(em, rows.items()), rows.nextCursor());
        });
    }

    @Override
    public Invoice recordPayment(String invoiceId, NewPayment payment) {
        if (payment == null) {
            throw Refusal.of(Refused::new, Reason.NO_PAYMENT, "A payment is required as the request body.");
        }
        FieldErrors errors = new FieldErrors();
        Money amount = Money.check(errors, "amount", payment.amount(), Money.Sign.POSITIVE, null, null);
        String method = payment.method() == null || payment.method().isBlank() ? null : payment.method().trim();
        if (method == null) {
            errors.add("method", "is required");
        } else if (method.length() > 50) {
            errors.add("method", "must have at most 50 characters");
        }
        String paidBy = payment.paidBy() == null || payment.paidBy().isBlank() ? null : payment.paidBy().strip();
        if (paidBy != null && paidBy.length() > 200) {
            errors.add("paidBy", "must have at most 200 characters");
        }
        errors.refuseIfAny(fields -> Refusal.invalid(Refused::new, Reason.INVALID_PAYMENT, fields));
        Instant paidAt = (payment.paidAt() == null ? clock.instant() : payment.paidAt()).truncatedTo(ChronoUnit.MICROS);
        return work.inTransaction(em -> {
            InvoiceRecord record = lock(em, invoiceId);
            Invoice before = toApi(em, List.of(record)).get(0);
            if (before.status() == InvoiceStatus.CANCELLED) {
                throw Refusal.of(Refused::new, Reason.INVOICE_CANCELLED, "Invoice " + before.number() + " is cancelled.");
            }
            if (!amount.currency().equals(before.currency())) {
                throw Refused.field(Reason.WRONG_CURRENCY, "amount", "must be in the invoice's currency " + before.currency().getCurrencyCode());
            }
            if (amount.isGreaterThan(before.balance())) {
                throw Refused.field(Reason.OVERPAYMENT, "amount", "exceeds the invoice's balance of " + before.balance());
            }
            String paymentId = Jdbc.newId();
            em.persist(new PaymentRecord(paymentId, invoiceId, amount.amount(), method, paidAt, paidBy, now()));
            record.pay(amount.amount());
            em.flush();
            Invoice after = toApi(em, List.of(record)).get(0);
            InvoiceStatus status = after.status();
            List<FieldChange> changes = new ArrayList<>(List.of(new FieldChange("paid", before.paid().toPlainString(), after.paid().toPlainString()),
                    new FieldChange("payment", null, amount + " by " + method + (paidBy == null ? "" : ", paid by " + paidBy))));
            if (status != before.status()) {
                changes.add(new FieldChange("status", before.status().name(), status.name()));
            }
            history.record("customer", before.customerId(), "invoice", invoiceId, "PAYMENT_RECORDED", changes);
            events.publish(status == InvoiceStatus.PAID ? MonthlyFeeEvents.INVOICE_PAID : MonthlyFeeEvents.INVOICE_PAYMENT_RECORDED,
                    Map.of("invoiceId", invoiceId, "customerId", before.customerId(), "paymentId", paymentId));
            return after;
        });
    }

    /** Cancels an unpaid invoice; its entries return to pre-billing (or follow their fee, if it changed meanwhile). */
    public Invoice cancel(String invoiceId) {
        return work.inTransaction(em -> {
            InvoiceRecord record = lock(em, invoiceId);
            Invoice before = toApi(em, List.of(record)).get(0);
            if (before.status() == InvoiceStatus.CANCELLED) {
                throw ProblemException.conflict("Invoice " + before.number() + " is already cancelled.");
            }
            if (before.status() == InvoiceStatus.PAID || before.paid().signum() > 0) {
                throw ProblemException.conflict("Invoice " + before.number() + " has payments and cannot be cancelled.");
            }
            record.cancel();
            em.flush();
            Set<String> feeIds = new TreeSet<>();
            before.lines().forEach(l -> feeIds.add(l.feeId()));
            String agencyId = RequestContext.agencyId();
            database.inTransaction(c -> {
                // fee rows before their entries, the order every writer of entries uses (no deadlock with the generator)
                for (String feeId : feeIds) {
                    Jdbc.update(c, "UPDATE monthly_fee_fee SET generated_at = ? WHERE agency_id = ? AND id = ?", now(), agencyId, feeId);
                }
                return Jdbc.update(c, "UPDATE monthly_fee_entry SET status = ?, invoice_id = NULL, version = version + 1 "
                        + "WHERE agency_id = ? AND invoice_id = ?", EntryStatus.OPEN.name(), agencyId, invoiceId);
            });
            feeIds.forEach(fees::reconcile);
            Invoice after = toApi(em, List.of(record)).get(0);
            history.record("customer", before.customerId(), "invoice", invoiceId, "CANCELLED",
                    List.of(new FieldChange("status", before.status().name(), InvoiceStatus.CANCELLED.name())));
            events.publish(MonthlyFeeEvents.INVOICE_CANCELLED, Map.of("invoiceId", invoiceId, "customerId", before.customerId()));
            return after;
        });
    }

    /**
     * The visible invoice after locking its row, so payments and cancellation of one invoice take turns. The lock is an
     * SQL update that adds one to the version (the change that follows adds another: an invoice's version grows by two
     * per payment or cancellation, as it always has, and its ETags with it); the entity is read again after it.
     */
    private InvoiceRecord lock(EntityManager em, String invoiceId) {
        InvoiceRecord record = record(invoiceId).orElseThrow(() -> invoiceNotFound(invoiceId));
        database.inTransaction(c -> Jdbc.update(c, "UPDATE monthly_fee_invoice SET version = version + 1 WHERE agency_id = ? AND id = ?",
                RequestContext.agencyId(), invoiceId));
        em.refresh(record);
        return record;
    }

    /** The invoices with their lines and payments, read with one query each for all of them. */
    private static List<Invoice> toApi(EntityManager em, List<InvoiceRecord> invoices) {
        if (invoices.isEmpty()) {
            return List.of();
        }
        List<String> ids = invoices.stream().map(InvoiceRecord::id).toList();
        Map<String, String> currencies = new HashMap<>();
        invoices.forEach(i -> currencies.put(i.id(), i.currency()));
        Map<String, List<InvoiceLine>> lines = new HashMap<>();
        em.createQuery("SELECT l FROM InvoiceLine l WHERE l.invoiceId IN :ids ORDER BY l.invoiceId, l.lineNo", InvoiceLineRecord.class)
                .setParameter("ids", ids).getResultStream()
                .forEach(l -> lines.computeIfAbsent(l.invoiceId(), k -> new ArrayList<>()).add(l.toApi(currencies.get(l.invoiceId()))));
        Map<String, List<Payment>> payments = new HashMap<>();
        em.createQuery("SELECT p FROM Payment p WHERE p.invoiceId IN :ids ORDER BY p.paidAt, p.id", PaymentRecord.class)
                .setParameter("ids", ids).getResultStream()
                .forEach(p -> payments.computeIfAbsent(p.invoiceId(), k -> new ArrayList<>()).add(p.toApi(currencies.get(p.invoiceId()))));
        return invoices.stream().map(i -> i.toApi(lines.getOrDefault(i.id(), List.of()), payments.getOrDefault(i.id(), List.of()))).toList();
    }
}
