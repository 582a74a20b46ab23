package io.clientele.monthlyfee.impl.internal;

import io.clientele.monthlyfee.api.BillingAddress;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceLine;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.NewPayment;
import io.clientele.monthlyfee.api.Payment;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.rest.FieldErrors;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * Invoices and payments as the REST API writes and reads them (api.md): money as decimal strings ({@code "1250.00"})
 * beside the invoice's {@code currency}. The module's Java API ({@link Invoice}, {@link NewPayment}) carries
 * {@link Money}; this is the only place that turns one into the other.
 */
final class InvoiceViews {

    private InvoiceViews() {
    }

    @Schema(name = "Invoice")
    record InvoiceView(String id, long number, String customerId, String legalEntityId, String legalEntityName, BillingAddress address,
                       LocalDate issueDate, LocalDate dueDate, @Schema(example = "1250.00") String total,
                       @Schema(example = "BRL") String currency, InvoiceStatus status, List<InvoiceLineView> lines, String paid,
                       String balance, List<PaymentView> payments, long version, Instant createdAt) {
        static InvoiceView of(Invoice i) {
            return new InvoiceView(i.id(), i.number(), i.customerId(), i.legalEntityId(), i.legalEntityName(), i.address(), i.issueDate(),
                    i.dueDate(), i.total().toPlainString(), i.currency().getCurrencyCode(), i.status(),
                    i.lines().stream().map(InvoiceLineView::of).toList(), i.paid().toPlainString(), i.balance().toPlainString(),
                    i.payments().stream().map(PaymentView::of).toList(), i.version(), i.createdAt());
        }
    }

    @Schema(name = "InvoiceLine")
    record InvoiceLineView(String entryId, String feeId, String description, LocalDate dueDate, @Schema(example = "1250.00") String amount) {
        static InvoiceLineView of(InvoiceLine l) {
            return new InvoiceLineView(l.entryId(), l.feeId(), l.description(), l.dueDate(), l.amount().toPlainString());
        }
    }

    @Schema(name = "Payment")
    record PaymentView(String id, String invoiceId, @Schema(example = "500.00") String amount, String method, Instant paidAt,
                       Instant createdAt, @Schema(description = "who paid, when known (a contact paying through the portal)") String paidBy) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id(), p.invoiceId(), p.amount().toPlainString(), p.method(), p.paidAt(), p.createdAt(), p.paidBy());
        }
    }

    /** {@code POST /invoices/{id}/payments}: the amount is a decimal string in the invoice's currency. */
    @Schema(name = "NewPayment")
    record PaymentRequest(@Schema(example = "500.00", description = "positive, in the invoice's currency, at most its balance") String amount,
                          @Schema(example = "PIX") String method, Instant paidAt) {

        /** The payment for the module's API, the amount read by {@link Money}'s one input rule (a 400 naming {@code amount}). */
        NewPayment toPayment(Currency currency) {
            FieldErrors errors = new FieldErrors();
            Money money = Money.parse(errors, "amount", amount, currency);
            errors.throwIfAny();
            return new NewPayment(money, method, paidAt);
        }
    }
}
