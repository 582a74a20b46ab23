package io.clientele.monthlyfee.api;

import io.clientele.platform.api.money.Money;
import java.time.Instant;

/**
 * A payment to record: {@code amount} positive, in the invoice's currency, no more than the invoice's balance;
 * {@code method} e.g. PIX, BOLETO, TRANSFER; {@code paidAt} defaults to now; {@code paidBy} who paid, for people (e.g.
 * the customer's contact who paid through the portal), at most 200 characters, or null.
 *
 * @since 2.3.0 {@code paidBy}
 */
public record NewPayment(Money amount, String method, Instant paidAt, String paidBy) {

    /** A payment with no payer named. */
    public NewPayment(Money amount, String method, Instant paidAt) {
        this(amount, method, paidAt, null);
    }
}
