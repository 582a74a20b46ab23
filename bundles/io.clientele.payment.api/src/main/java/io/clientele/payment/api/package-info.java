/**
 * The payment-gateway SPI. A gateway is a bundle that registers one {@link io.clientele.payment.api.PaymentGateway}
 * service; the customer portal uses whichever gateway is configured, and picks it up or loses it live as the bundle
 * comes and goes. The portal module owns the payments (its own records, idempotency, recording a settled payment on
 * the invoice through the monthly-fee module's {@code BillingService}); a gateway only talks to its provider:
 * <ul>
 *   <li>{@link io.clientele.payment.api.PaymentGateway#createPayment} — a payment of an amount by card, boleto or Pix,
 *       idempotent on {@link io.clientele.payment.api.PaymentOrder#reference()};</li>
 *   <li>{@link io.clientele.payment.api.PaymentGateway#startMethodSetup} — saving a card for later off-session
 *       charges (autopay);</li>
 *   <li>{@link io.clientele.payment.api.PaymentGateway#chargeSavedMethod} — charging a saved card off-session;</li>
 *   <li>{@link io.clientele.payment.api.PaymentGateway#verifyWebhook} — the provider's signed notifications, verified
 *       and translated into {@link io.clientele.payment.api.GatewayEvent}s.</li>
 * </ul>
 * <p>1.0.0: the above, and {@link io.clientele.payment.api.PaymentGateway#browserSettings()} (what the payer's browser
 * needs for the gateway's own library).
 * <p>1.1.0: {@link io.clientele.payment.api.PaymentGateway#startMethodSetup(io.clientele.payment.api.Payer, String,
 * java.net.URI)} — saving a card on the gateway's hosted page, with the URL the payer's browser returns to.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.clientele.payment.api;
