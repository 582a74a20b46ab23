package io.clientele.payment.api;

import java.time.YearMonth;

/**
 * A payment method saved at the gateway for off-session charges (autopay is card-only).
 *
 * @param gatewayMethodId   the gateway's id (Stripe: {@code pm_…})
 * @param gatewayCustomerId the gateway's id of its owner (Stripe: {@code cus_…})
 * @param type              {@link PaymentMethodType#CARD}
 * @param brand             e.g. {@code "visa"}, for people
 * @param last4             the card's last four digits, for people
 * @param expiry            the card's expiry, or {@code null}
 */
public record SavedMethod(String gatewayMethodId, String gatewayCustomerId, PaymentMethodType type, String brand,
                          String last4, YearMonth expiry) {
}
