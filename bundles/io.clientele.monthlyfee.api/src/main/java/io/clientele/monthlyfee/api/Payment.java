package io.clientele.monthlyfee.api;

import io.clientele.platform.api.money.Money;
import java.time.Instant;

/**
 * A payment recorded against an invoice, in the invoice's currency; {@code paidBy} who paid, when recorded (else null).
 *
 * @since 2.3.0 {@code paidBy}
 */
public record Payment(String id, String invoiceId, Money amount, String method, Instant paidAt, Instant createdAt, String paidBy) {
}
