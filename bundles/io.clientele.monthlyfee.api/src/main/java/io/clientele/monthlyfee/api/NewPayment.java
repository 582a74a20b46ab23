package io.clientele.monthlyfee.api;

import io.clientele.platform.api.money.Money;
import java.time.Instant;

/**
 * A payment to record: {@code amount} positive, in the invoice's currency, no more than the invoice's balance;
 * {@code method} e.g. PIX, BOLETO, TRANSFER; {@code paidAt} defaults to now.
 */
public record NewPayment(Money amount, String method, Instant paidAt) {
}
