package io.clientele.monthlyfee.api;

import io.clientele.platform.api.domain.Refusal;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Invoices of the caller's agency for other modules (e.g. the customer portal). Reads apply the customer's
 * visibility: an invoice of a customer the caller may not see, or of another agency, is absent.
 */
@ProviderType
public interface BillingService {

    /** The customer's invoices, newest number first; empty when the customer is not visible to the caller. */
    List<Invoice> invoicesOf(String customerId);

    /** The invoice, if it exists in the caller's agency and its customer is visible. */
    Optional<Invoice> invoice(String invoiceId);

    /**
     * Records a (possibly partial) payment; the invoice becomes PAID once settled.
     *
     * @throws Refused {@link Refused.Reason#NO_PAYMENT} for a null payment; {@link Refused.Reason#INVALID_PAYMENT}
     *                 naming {@code amount} (missing, not positive, too many decimals) or {@code method} (missing, over
     *                 50 characters); {@link Refused.Reason#INVOICE_NOT_FOUND} for an invoice absent for the caller;
     *                 {@link Refused.Reason#INVOICE_CANCELLED}; {@link Refused.Reason#WRONG_CURRENCY} naming
     *                 {@code amount} when it is not in the invoice's currency; {@link Refused.Reason#OVERPAYMENT} naming
     *                 {@code amount} when it exceeds the invoice's balance
     * @since 2.1.0 refusals are {@link Refused} (were the platform's HTTP {@code ProblemException}s: 400, 404, 409)
     */
    Invoice recordPayment(String invoiceId, NewPayment payment);

    /**
     * The invoice as a PDF in the agency's language (agency name and logo, legal entity and address, lines, totals, due
     * date, status and balance), if it is visible to the caller.
     *
     * @since 2.3.0
     */
    Optional<PdfFile> invoicePdf(String invoiceId);

    /**
     * Why the monthly-fee module refused a call. Each reason has one {@link Refusal.Kind}, what the REST edge answers
     * it as (404, 400 naming the field, 409).
     *
     * @since 2.1.0
     */
    final class Refused extends Refusal {
        private static final long serialVersionUID = 1L;

        public enum Reason implements Refusal.Reason {
            /** No payment given at all. */
            @As(Kind.MALFORMED) NO_PAYMENT,
            /** The payment's fields are invalid; {@link #fields()} names each. */
            @As(Kind.INVALID) INVALID_PAYMENT,
            /** No such invoice for the caller: none, of another agency, or of a customer the caller may not see. */
            @As(Kind.NOT_FOUND) INVOICE_NOT_FOUND,
            /** The invoice is cancelled and takes no payment. */
            @As(Kind.CONFLICT) INVOICE_CANCELLED,
            /** The amount is not in the invoice's currency (field {@code amount}). */
            @As(Kind.INVALID) WRONG_CURRENCY,
            /** The amount exceeds what remains to pay of the invoice (field {@code amount}). */
            @As(Kind.INVALID) OVERPAYMENT,
            /** No such estimate for the caller. @since 2.3.0 */
            @As(Kind.NOT_FOUND) ESTIMATE_NOT_FOUND,
            /** The estimate is not SENT: a DRAFT, or already accepted or declined. @since 2.3.0 */
            @As(Kind.CONFLICT) ESTIMATE_NOT_SENT,
            /** A decision's fields are invalid; {@link #fields()} names each. @since 2.3.0 */
            @As(Kind.INVALID) INVALID_DECISION
        }

        public Refused(Reason reason, String message, List<Field> fields) {
            super(reason, message, fields);
        }

        /** A refusal naming one field: {@link Refusal#INVALID_FIELDS} as message for an {@link Kind#INVALID} reason. */
        public static Refused field(Reason reason, String field, String message) {
            return onField(Refused::new, reason, field, message);
        }

        @Override
        public Reason reason() {
            return (Reason) super.reason();
        }
    }
}
