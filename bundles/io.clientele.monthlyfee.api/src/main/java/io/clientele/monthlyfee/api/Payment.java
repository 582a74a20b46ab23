package io.clientele.monthlyfee.api;

import java.time.Instant;

/** A payment recorded against an invoice; {@code amount} is a decimal string in the invoice's currency. */
public record Payment(String id, String invoiceId, String amount, String method, Instant paidAt, Instant createdAt) {
}
