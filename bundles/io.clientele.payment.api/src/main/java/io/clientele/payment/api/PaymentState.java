package io.clientele.payment.api;

/** A gateway payment's state. Only {@link #SUCCEEDED} means money was received. */
public enum PaymentState {
    /** The payer still has to choose or give a payment method. */
    REQUIRES_PAYMENT_METHOD,
    /** The payer has to act: authenticate a card, pay a boleto voucher or a Pix code ({@link NextAction}). */
    REQUIRES_ACTION,
    /** The gateway is processing it; the outcome arrives as an event. */
    PROCESSING,
    /** Paid: {@link GatewayPayment#amountReceived()} was received. */
    SUCCEEDED,
    /** Refused (declined card, failed charge); a new payment may be tried. */
    FAILED,
    /** Cancelled before it was paid, e.g. a boleto voucher or Pix code that expired unpaid. */
    CANCELED;

    /** Whether the payment can no longer change. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
