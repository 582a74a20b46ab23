package io.clientele.monthlyfee.api;

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
     * Fails with the platform's ProblemException: 404 unknown invoice, 400 bad amount or overpayment,
     * 409 when the invoice is cancelled. An amount in another currency than the invoice's is a 400 naming {@code amount}.
     */
    Invoice recordPayment(String invoiceId, NewPayment payment);
}
