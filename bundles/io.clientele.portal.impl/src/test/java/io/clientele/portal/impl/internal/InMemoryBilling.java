package io.clientele.portal.impl.internal;

import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.NewPayment;
import io.clientele.monthlyfee.api.Payment;
import io.clientele.platform.api.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The monthly-fee module's BillingService as the portal sees it, in memory, with its refusals (a unit-test double). */
final class InMemoryBilling implements BillingService {

    final Map<String, Invoice> invoices = new LinkedHashMap<>();
    private long numbers = 100;

    Invoice issue(String customerId, Money total) {
        String id = UUID.randomUUID().toString();
        Invoice i = new Invoice(id, ++numbers, customerId, customerId, "Acme", null, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 10),
                total, InvoiceStatus.OPEN, List.of(), Money.zero(total.currency()), total, List.of(), 0, Instant.now());
        invoices.put(id, i);
        return i;
    }

    void set(Invoice i) {
        invoices.put(i.id(), i);
    }

    @Override
    public List<Invoice> invoicesOf(String customerId) {
        return invoices.values().stream().filter(i -> i.customerId().equals(customerId)).toList();
    }

    @Override
    public Optional<Invoice> invoice(String invoiceId) {
        return Optional.ofNullable(invoices.get(invoiceId));
    }

    /** The payments' tests read no PDF: none is rendered here. */
    @Override
    public Optional<io.clientele.monthlyfee.api.PdfFile> invoicePdf(String invoiceId) {
        return Optional.empty();
    }

    @Override
    public Invoice recordPayment(String invoiceId, NewPayment payment) {
        Invoice i = invoice(invoiceId).orElseThrow(() -> new Refused(Refused.Reason.INVOICE_NOT_FOUND, "no invoice", List.of()));
        if (i.status() == InvoiceStatus.CANCELLED) {
            throw new Refused(Refused.Reason.INVOICE_CANCELLED, "cancelled", List.of());
        }
        if (payment.amount().isGreaterThan(i.balance())) {
            throw Refused.field(Refused.Reason.OVERPAYMENT, "amount", "exceeds the balance");
        }
        List<Payment> payments = new ArrayList<>(i.payments());
        payments.add(new Payment(UUID.randomUUID().toString(), invoiceId, payment.amount(), payment.method(), payment.paidAt(), Instant.now(), payment.paidBy()));
        Money paid = i.paid().plus(payment.amount());
        Money balance = i.total().minus(paid);
        Invoice after = new Invoice(i.id(), i.number(), i.customerId(), i.legalEntityId(), i.legalEntityName(), i.address(), i.issueDate(),
                i.dueDate(), i.total(), balance.isZero() ? InvoiceStatus.PAID : InvoiceStatus.OPEN, i.lines(), paid, balance, payments,
                i.version() + 2, i.createdAt());
        invoices.put(invoiceId, after);
        return after;
    }
}
