package io.clientele.monthlyfee.impl.internal;

import io.clientele.customer.api.Address;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.LegalEntity;
import io.clientele.customer.api.LegalEntityDirectory;
import io.clientele.monthlyfee.api.BillingAddress;
import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceLine;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.NewPayment;
import io.clientele.monthlyfee.api.Payment;
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
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pre-billing, invoices and payments. Issuing locks every entry it bills (an entry is billed at most once) and then
 * takes invoice numbers from a per-agency counter row updated in the same transaction, so numbers are unique and
 * gapless: a failed issue rolls its numbers back with everything else.
 */
@Component(service = {BillingStore.class, BillingService.class})
public class BillingStore implements BillingService {

    static final int MAX_ENTRIES_PER_ISSUE = 500;
    private static final String INVOICE_COUNTER = "invoice";

    private final Database database;
    private final TenantTable invoices;
    private final TenantTable lines;
    private final TenantTable payments;
    private final TenantTable entries;
    private final FeeStore fees;
    private final CustomerDirectory customers;
    private final LegalEntityDirectory legalEntities;
    private final HistoryService history;
    private final DomainEvents events;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public BillingStore(@Reference Database database, @Reference FeeStore fees, @Reference CustomerDirectory customers,
                        @Reference LegalEntityDirectory legalEntities, @Reference HistoryService history, @Reference DomainEvents events) {
        this.database = database;
        this.invoices = new TenantTable(database, "monthly_fee_invoice");
        this.lines = new TenantTable(database, "monthly_fee_invoice_line");
        this.payments = new TenantTable(database, "monthly_fee_payment");
        this.entries = new TenantTable(database, "monthly_fee_entry");
        this.fees = fees;
        this.customers = customers;
        this.legalEntities = legalEntities;
        this.history = history;
        this.events = events;
    }

    // ---- pre-billing

    /** Approved, unbilled, open entries due in [from, to] (either may be open), by due date. */
    public Page<PreBillingItem> preBilling(LocalDate from, LocalDate to, PageRequest page) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        StringBuilder where = new StringBuilder("status = ? AND approved = ? AND invoice_id IS NULL");
        List<Object> params = new ArrayList<>(List.of(EntryStatus.OPEN.name(), true));
        if (from != null) {
            where.append(" AND due_date >= ?");
            params.add(from);
        }
        if (to != null) {
            where.append(" AND due_date <= ?");
            params.add(to);
        }
        List<String> after = Fees.cursor(page.cursor());
        if (after != null) {
            LocalDate due = Fees.dateParam("cursor", after.get(0));
            where.append(" AND (due_date > ? OR (due_date = ? AND id > ?))");
            params.addAll(List.of(due, due, after.get(1)));
        }
        List<FeeEntry> rows = entries.find(where.toString(), params, "due_date, id", page.limit() + 1, FeeStore::mapEntry);
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            FeeEntry last = rows.get(rows.size() - 1);
            next = Cursor.encode(last.dueDate().toString(), last.id());
        }
        Map<String, Optional<Fee>> feeById = new HashMap<>();
        List<PreBillingItem> items = new ArrayList<>();
        for (FeeEntry e : rows) {
            Optional<Fee> fee = feeById.computeIfAbsent(e.feeId(), fees::find); // empty when the customer is hidden
            fee.ifPresent(f -> items.add(new PreBillingItem(e.id(), e.feeId(), e.customerId(), f.description(), e.month(), e.dueDate(),
                    e.amount(), e.currency())));
        }
        return new Page<>(items, next);
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
        return database.inTransaction(c -> {
            List<String> idList = List.copyOf(ids);
            List<FeeEntry> found = entries.find("id IN (" + String.join(", ", Collections.nCopies(idList.size(), "?")) + ")", idList,
                    "id", 0, FeeStore::mapEntry);
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
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            Instant now = clock.instant();
            List<Invoice> issued = new ArrayList<>();
            for (Map.Entry<String, List<FeeEntry>> group : groups.entrySet()) {
                List<FeeEntry> groupEntries = new ArrayList<>(group.getValue());
                groupEntries.sort((a, b) -> a.dueDate().equals(b.dueDate()) ? a.id().compareTo(b.id()) : a.dueDate().compareTo(b.dueDate()));
                FeeEntry first = groupEntries.get(0);
                String invoiceId = invoiceOfGroup.get(group.getKey());
                long number = nextNumber(c, agencyId);
                BigDecimal total = Money.sum(groupEntries.stream().map(e -> new BigDecimal(e.amount())).toList());
                LocalDate latestDue = groupEntries.get(groupEntries.size() - 1).dueDate();
                BillingAddress address = addresses.get(first.customerId());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", invoiceId);
                row.put("invoice_number", number);
                row.put("customer_id", first.customerId());
                row.put("legal_entity_id", entity != null ? entity.id() : first.customerId());
                row.put("legal_entity_name", clip(names.get(first.customerId()), 300));
                row.put("postal_code", clip(address.postalCode(), 20));
                row.put("street", clip(address.street(), 200));
                row.put("street_number", clip(address.number(), 40));
                row.put("complement", clip(address.complement(), 200));
                row.put("district", clip(address.district(), 200));
                row.put("city", clip(address.city(), 200));
                row.put("state", clip(address.state(), 100));
                row.put("country", clip(address.country(), 100));
                row.put("issue_date", today);
                row.put("due_date", latestDue.isBefore(today) ? today : latestDue);
                row.put("total", total);
                row.put("paid", Money.ZERO);
                row.put("currency", first.currency());
                row.put("status", InvoiceStatus.OPEN);
                row.put("version", 0L);
                row.put("created_at", now);
                invoices.insert(row);
                int lineNo = 0;
                for (FeeEntry e : groupEntries) {
                    String description = feeById.getOrDefault(e.feeId(), Optional.empty()).map(Fee::description)
                            .orElse("Monthly fee") + " (" + e.month() + ")";
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("id", Jdbc.newId());
                    line.put("invoice_id", invoiceId);
                    line.put("line_no", ++lineNo);
                    line.put("entry_id", e.id());
                    line.put("fee_id", e.feeId());
                    line.put("description", clip(description, 500));
                    line.put("due_date", e.dueDate());
                    line.put("amount", new BigDecimal(e.amount()));
                    lines.insert(line);
                }
                Invoice invoice = load(invoiceId).orElseThrow();
                history.record("customer", invoice.customerId(), "invoice", invoiceId, "ISSUED", List.of(
                        new FieldChange("number", null, Long.toString(number)),
                        new FieldChange("total", null, invoice.total() + " " + invoice.currency()),
                        new FieldChange("entries", null, Integer.toString(groupEntries.size()))));
                events.publish("clientele/monthly-fee/invoice/ISSUED", Map.of("invoiceId", invoiceId, "customerId", invoice.customerId(),
                        "number", number));
                issued.add(invoice);
            }
            return new Issued(issued);
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
        if (!Fees.plausibleId(invoiceId)) {
            return Optional.empty();
        }
        return load(invoiceId).filter(i -> customers.find(i.customerId()).isPresent());
    }

    public Invoice get(String invoiceId) {
        return invoice(invoiceId).orElseThrow(() -> ProblemException.notFound("Invoice " + invoiceId));
    }

    @Override
    public List<Invoice> invoicesOf(String customerId) {
        if (!Fees.isVisibleCustomer(customers, customerId)) {
            return List.of();
        }
        return invoices.find("customer_id = ?", List.of(customerId), "invoice_number DESC", 0, rs -> rs.getString("id")).stream()
                .map(id -> load(id).orElseThrow()).toList();
    }

    /** Invoices, highest number first, optionally of one customer and in one status. */
    public Page<Invoice> list(String customerId, String status, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        Fees.restrictToCustomer(customers, customerId, where, params);
        if (status != null && !status.isBlank()) {
            try {
                params.add(InvoiceStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be OPEN, PAID or CANCELLED");
            }
            where.append(" AND status = ?");
        }
        List<String> after = Fees.cursor(page.cursor());
        if (after != null) {
            try {
                params.add(Long.parseLong(after.get(0)));
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            where.append(" AND invoice_number < ?");
        }
        List<String[]> rows = invoices.find(where.toString(), params, "invoice_number DESC", page.limit() + 1,
                rs -> new String[] {rs.getString("id"), Long.toString(rs.getLong("invoice_number")), rs.getString("customer_id")});
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            next = Cursor.encode(rows.get(rows.size() - 1)[1], rows.get(rows.size() - 1)[0]);
        }
        Map<String, Boolean> visible = new HashMap<>();
        List<Invoice> items = rows.stream().filter(r -> visible.computeIfAbsent(r[2], id -> customers.find(id).isPresent()))
                .map(r -> load(r[0]).orElseThrow()).toList();
        return new Page<>(items, next);
    }

    @Override
    public Invoice recordPayment(String invoiceId, NewPayment payment) {
        if (payment == null) {
            throw ProblemException.malformed("A payment is required as the request body.", null);
        }
        FieldErrors errors = new FieldErrors();
        BigDecimal amount = Money.positive("amount", payment.amount(), errors);
        String method = payment.method() == null || payment.method().isBlank() ? null : payment.method().trim();
        if (method == null) {
            errors.add("method", "is required");
        } else if (method.length() > 50) {
            errors.add("method", "must have at most 50 characters");
        }
        errors.throwIfAny();
        Instant paidAt = payment.paidAt() == null ? clock.instant() : payment.paidAt();
        return database.inTransaction(c -> {
            Invoice before = lock(c, invoiceId);
            if (before.status() == InvoiceStatus.CANCELLED) {
                throw ProblemException.conflict("Invoice " + before.number() + " is cancelled.");
            }
            BigDecimal balance = new BigDecimal(before.balance());
            if (amount.compareTo(balance) > 0) {
                throw ProblemException.invalid("amount", "exceeds the invoice's balance of " + before.balance() + " " + before.currency());
            }
            Instant now = clock.instant();
            String paymentId = Jdbc.newId();
            payments.insert(Map.of("id", paymentId, "invoice_id", invoiceId, "amount", amount, "payment_method", method, "paid_at", paidAt,
                    "created_at", now));
            BigDecimal paid = new BigDecimal(before.paid()).add(amount);
            InvoiceStatus status = paid.compareTo(new BigDecimal(before.total())) >= 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN;
            invoices.update(invoiceId, null, Map.of("paid", paid, "status", status));
            Invoice after = load(invoiceId).orElseThrow();
            List<FieldChange> changes = new ArrayList<>(List.of(new FieldChange("paid", before.paid(), after.paid()),
                    new FieldChange("payment", null, Money.format(amount) + " " + before.currency() + " by " + method)));
            if (status != before.status()) {
                changes.add(new FieldChange("status", before.status().name(), status.name()));
            }
            history.record("customer", before.customerId(), "invoice", invoiceId, "PAYMENT_RECORDED", changes);
            events.publish("clientele/monthly-fee/invoice/" + (status == InvoiceStatus.PAID ? "PAID" : "PAYMENT_RECORDED"),
                    Map.of("invoiceId", invoiceId, "customerId", before.customerId(), "paymentId", paymentId));
            return after;
        });
    }

    /** Cancels an unpaid invoice; its entries return to pre-billing (or follow their fee, if it changed meanwhile). */
    public Invoice cancel(String invoiceId) {
        return database.inTransaction(c -> {
            Invoice before = lock(c, invoiceId);
            if (before.status() == InvoiceStatus.CANCELLED) {
                throw ProblemException.conflict("Invoice " + before.number() + " is already cancelled.");
            }
            if (before.status() == InvoiceStatus.PAID || new BigDecimal(before.paid()).signum() > 0) {
                throw ProblemException.conflict("Invoice " + before.number() + " has payments and cannot be cancelled.");
            }
            invoices.update(invoiceId, null, Map.of("status", InvoiceStatus.CANCELLED));
            Set<String> feeIds = new TreeSet<>();
            before.lines().forEach(l -> feeIds.add(l.feeId()));
            // fee rows before their entries, the order every writer of entries uses (no deadlock with the generator)
            feeIds.forEach(feeId -> Jdbc.update(c, "UPDATE monthly_fee_fee SET generated_at = ? WHERE agency_id = ? AND id = ?",
                    clock.instant(), RequestContext.agencyId(), feeId));
            Jdbc.update(c, "UPDATE monthly_fee_entry SET status = ?, invoice_id = NULL, version = version + 1 "
                    + "WHERE agency_id = ? AND invoice_id = ?", EntryStatus.OPEN.name(), RequestContext.agencyId(), invoiceId);
            feeIds.forEach(fees::reconcile);
            Invoice after = load(invoiceId).orElseThrow();
            history.record("customer", before.customerId(), "invoice", invoiceId, "CANCELLED",
                    List.of(new FieldChange("status", before.status().name(), InvoiceStatus.CANCELLED.name())));
            events.publish("clientele/monthly-fee/invoice/CANCELLED", Map.of("invoiceId", invoiceId, "customerId", before.customerId()));
            return after;
        });
    }

    /** Reads a visible invoice after locking its row (payments and cancellation of one invoice take turns). */
    private Invoice lock(Connection c, String invoiceId) {
        get(invoiceId);
        Jdbc.update(c, "UPDATE monthly_fee_invoice SET version = version + 1 WHERE agency_id = ? AND id = ?",
                RequestContext.agencyId(), invoiceId);
        return load(invoiceId).orElseThrow(() -> ProblemException.notFound("Invoice " + invoiceId));
    }

    private Optional<Invoice> load(String invoiceId) {
        return database.inTransaction(c -> invoices.findById(invoiceId, rs -> Boolean.TRUE).isPresent() ? Optional.of(read(invoiceId)) : Optional.empty());
    }

    private Invoice read(String invoiceId) {
        List<InvoiceLine> invoiceLines = lines.find("invoice_id = ?", List.of(invoiceId), "line_no", 0, rs -> new InvoiceLine(
                rs.getString("entry_id"), rs.getString("fee_id"), rs.getString("description"), Jdbc.date(rs, "due_date"),
                Money.format(rs.getBigDecimal("amount"))));
        List<Payment> invoicePayments = payments.find("invoice_id = ?", List.of(invoiceId), "paid_at, id", 0, rs -> new Payment(
                rs.getString("id"), rs.getString("invoice_id"), Money.format(rs.getBigDecimal("amount")), rs.getString("payment_method"),
                Jdbc.instant(rs, "paid_at"), Jdbc.instant(rs, "created_at")));
        return invoices.findById(invoiceId, rs -> map(rs, invoiceLines, invoicePayments)).orElseThrow();
    }

    private static Invoice map(ResultSet rs, List<InvoiceLine> lines, List<Payment> payments) throws SQLException {
        BigDecimal total = rs.getBigDecimal("total");
        BigDecimal paid = rs.getBigDecimal("paid");
        InvoiceStatus status = InvoiceStatus.valueOf(rs.getString("status"));
        BigDecimal balance = status == InvoiceStatus.CANCELLED ? Money.ZERO : total.subtract(paid);
        return new Invoice(rs.getString("id"), rs.getLong("invoice_number"), rs.getString("customer_id"), rs.getString("legal_entity_id"),
                rs.getString("legal_entity_name"), new BillingAddress(rs.getString("postal_code"), rs.getString("street"),
                rs.getString("street_number"), rs.getString("complement"), rs.getString("district"), rs.getString("city"),
                rs.getString("state"), rs.getString("country")), Jdbc.date(rs, "issue_date"), Jdbc.date(rs, "due_date"),
                Money.format(total), rs.getString("currency"), status, lines, Money.format(paid), Money.format(balance), payments,
                rs.getLong("version"), Jdbc.instant(rs, "created_at"));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
