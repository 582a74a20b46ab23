package io.clientele.monthlyfee.api;

/**
 * The monthly-fee module's events: fees, their monthly entries, invoices and estimates.
 *
 * <p>Topics of the events this module posts through {@link io.clientele.platform.api.event.DomainEvents}: after the
 * change's transaction commits, never for one that rolled back; every event also carries {@code agencyId},
 * {@code actorId} and {@code at}. Subscribe with an OSGi {@code EventHandler} ({@code event.topics}
 * {@link #ALL}, or one topic), or name them in an integration's list of events.
 */
public final class MonthlyFeeEvents {

    /** Every event of the monthly-fee module. */
    public static final String ALL = "clientele/monthly-fee/*";

    /** {@code feeId}, {@code customerId}. */
    public static final String FEE_CREATED = "clientele/monthly-fee/fee/CREATED";

    /** {@code feeId}, {@code customerId}. */
    public static final String FEE_UPDATED = "clientele/monthly-fee/fee/UPDATED";

    /** {@code feeId}, {@code customerId}. */
    public static final String FEE_CANCELLED = "clientele/monthly-fee/fee/CANCELLED";

    /** The customer approved a monthly entry; {@code entryId}, {@code feeId}, {@code customerId}. */
    public static final String ENTRY_APPROVED = "clientele/monthly-fee/entry/APPROVED";

    /** An approval was taken back; {@code entryId}, {@code feeId}, {@code customerId}. */
    public static final String ENTRY_UNAPPROVED = "clientele/monthly-fee/entry/UNAPPROVED";

    /** {@code invoiceId}, {@code customerId}, {@code number}. */
    public static final String INVOICE_ISSUED = "clientele/monthly-fee/invoice/ISSUED";

    /** A partial payment; {@code invoiceId}, {@code customerId}, {@code paymentId}. */
    public static final String INVOICE_PAYMENT_RECORDED = "clientele/monthly-fee/invoice/PAYMENT_RECORDED";

    /** The payment that settled the invoice; {@code invoiceId}, {@code customerId}, {@code paymentId}. */
    public static final String INVOICE_PAID = "clientele/monthly-fee/invoice/PAID";

    /** {@code invoiceId}, {@code customerId}. */
    public static final String INVOICE_CANCELLED = "clientele/monthly-fee/invoice/CANCELLED";

    /** {@code estimateId}, {@code customerId}. */
    public static final String ESTIMATE_CREATED = "clientele/monthly-fee/estimate/CREATED";

    /** E-mailed to the customer's primary contact; {@code estimateId}, {@code customerId}. */
    public static final String ESTIMATE_SENT = "clientele/monthly-fee/estimate/SENT";

    /** {@code estimateId}, {@code customerId}. */
    public static final String ESTIMATE_ACCEPTED = "clientele/monthly-fee/estimate/ACCEPTED";

    /** {@code estimateId}, {@code customerId}. */
    public static final String ESTIMATE_DECLINED = "clientele/monthly-fee/estimate/DECLINED";

    private MonthlyFeeEvents() {
    }
}
