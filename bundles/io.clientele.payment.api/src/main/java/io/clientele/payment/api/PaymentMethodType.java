package io.clientele.payment.api;

/** How a payer pays. */
public enum PaymentMethodType {
    /** A card, on-session (the payer authenticates if asked) or saved for off-session charges. */
    CARD,
    /** A Brazilian boleto: a voucher paid at a bank within days; confirmed days later, not refundable. */
    BOLETO,
    /** Brazil's Pix: a QR code or copy-paste code, paid in seconds, before the code expires. */
    PIX
}
