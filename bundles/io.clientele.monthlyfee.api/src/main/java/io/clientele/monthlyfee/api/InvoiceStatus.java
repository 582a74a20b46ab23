package io.clientele.monthlyfee.api;

/** OPEN until the payments settle it (PAID) or it is cancelled (its entries return to pre-billing). */
public enum InvoiceStatus {
    OPEN, PAID, CANCELLED
}
