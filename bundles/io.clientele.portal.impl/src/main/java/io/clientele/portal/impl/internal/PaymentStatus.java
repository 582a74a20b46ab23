package io.clientele.portal.impl.internal;

/**
 * A portal payment's state (docs/payments.md). {@link #SUCCEEDED} and {@link #OVERPAID} mean money arrived and was
 * recorded on the invoices; nothing moves a payment out of them.
 */
public enum PaymentStatus {
    /** Stored; the gateway has not answered yet (or its answer was lost: asking again reuses the same reference). */
    PENDING,
    /** The payer has to act: confirm the card, pay the boleto voucher or the Pix code before it expires. */
    REQUIRES_ACTION,
    /** The gateway is processing it; the outcome arrives as an event. */
    PROCESSING,
    /** Paid and recorded on each invoice. */
    SUCCEEDED,
    /** Paid with more than the invoices' balance: the balance was recorded, {@code excess} is kept for staff to settle. */
    OVERPAID,
    /** Refused (declined card, failed charge); the contact may start a new payment. */
    FAILED,
    /** A boleto voucher or Pix code that expired unpaid; the contact may start a new one. */
    EXPIRED,
    /** Cancelled at the gateway before it was paid. */
    CANCELED;

    /** Whether money arrived (and was recorded). */
    public boolean isPaid() {
        return this == SUCCEEDED || this == OVERPAID;
    }

    /** Whether only a payment (money arriving late) can still change it. */
    public boolean isClosed() {
        return isPaid() || this == FAILED || this == EXPIRED || this == CANCELED;
    }
}
