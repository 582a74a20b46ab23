package io.clientele.payment.api;

import java.time.Instant;

/**
 * A verified notification from the gateway. The gateway may deliver the same event more than once and out of order:
 * the caller deduplicates on {@link #eventId()} and treats a payment's final state as final.
 *
 * @param eventId     the gateway's id of the event (Stripe: {@code evt_…})
 * @param type        what happened
 * @param occurredAt  when the gateway says it happened
 * @param payment     the payment it is about, for the {@code PAYMENT_*} types, else {@code null}
 * @param savedMethod the saved method, for {@link Type#METHOD_SAVED}, else {@code null}
 * @param reference   the caller's reference of the payment or setup it is about, or {@code null}
 */
public record GatewayEvent(String eventId, Type type, Instant occurredAt, GatewayPayment payment,
                           SavedMethod savedMethod, String reference) {

    public enum Type {
        /** Money was received ({@link GatewayPayment#amountReceived()}). */
        PAYMENT_SUCCEEDED,
        /** The payment is being processed. */
        PAYMENT_PROCESSING,
        /** The payer has to act (authenticate, pay the voucher). */
        PAYMENT_REQUIRES_ACTION,
        /** The attempt failed; the payment may be tried again. */
        PAYMENT_FAILED,
        /** The payment was cancelled, e.g. a boleto voucher or Pix code expired unpaid. */
        PAYMENT_CANCELED,
        /** A card was saved for off-session charges. */
        METHOD_SAVED,
        /** Anything else the gateway sends; the caller acknowledges it and does nothing. */
        OTHER
    }
}
