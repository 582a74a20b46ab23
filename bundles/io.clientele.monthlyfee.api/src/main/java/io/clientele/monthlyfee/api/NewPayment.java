package io.clientele.monthlyfee.api;

import java.time.Instant;

/**
 * A payment to record: {@code amount} a positive decimal string with at most two decimals, no more than the
 * invoice's balance; {@code method} e.g. PIX, BOLETO, TRANSFER; {@code paidAt} defaults to now.
 */
public record NewPayment(String amount, String method, Instant paidAt) {
}
