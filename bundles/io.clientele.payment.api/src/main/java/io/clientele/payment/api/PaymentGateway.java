package io.clientele.payment.api;

import java.net.URI;
import java.util.Currency;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A payment gateway, implemented by a gateway bundle (e.g. Stripe) and registered as an OSGi service with the
 * service property {@value #ID_PROPERTY} equal to {@link #id()}. Calls are made on the caller's thread inside no
 * database transaction: an implementation makes blocking HTTP calls with bounded timeouts and never keeps state of
 * its own beyond configuration — the portal module stores every reference the gateway returns.
 * <p>Errors: a refusal by the provider (card declined, invalid request) is a {@link GatewayException} with
 * {@code retryable() == false}; a provider that cannot be reached, times out or answers 5xx/429 is a
 * {@link GatewayException} with {@code retryable() == true}, and the same call with the same
 * {@link PaymentOrder#reference()} may be repeated safely.
 */
@ConsumerType
public interface PaymentGateway {

    /** The service property naming the gateway, equal to {@link #id()}. */
    String ID_PROPERTY = "clientele.payment.gateway";

    /** A stable id, e.g. {@code "stripe"}. */
    String id();

    /** The name shown to people, e.g. {@code "Stripe"}. */
    String name();

    /**
     * What the payer's browser needs to act on a {@link NextAction.Kind#CONFIRM_IN_BROWSER} with the gateway's own
     * library, for the caller to hand to the page: never a secret (e.g. a publishable key and the script's URL, which
     * the page's Content-Security-Policy must then allow). Empty when the gateway needs nothing in the browser — as
     * for a gateway whose payer acts on its own hosted page ({@link NextAction.Kind#REDIRECT}; Stripe: Checkout).
     */
    default Map<String, String> browserSettings() {
        return Map.of();
    }

    /** The methods the gateway offers for payments in {@code currency}; empty when it takes none. */
    Set<PaymentMethodType> methods(Currency currency);

    /**
     * Creates a payment (idempotent on {@link PaymentOrder#reference()}: a second call with the same reference returns
     * the same payment, never a second one). A card payment usually comes back
     * {@link PaymentState#REQUIRES_ACTION} or {@link PaymentState#REQUIRES_PAYMENT_METHOD} with a
     * {@link NextAction} for the payer's browser; a boleto or Pix payment comes back {@code REQUIRES_ACTION} with its
     * voucher or QR code and stays so until the payer pays, which arrives later as a {@link GatewayEvent}.
     */
    GatewayPayment createPayment(PaymentOrder order);

    /** The payment's current state as the gateway knows it (for reconciliation and for the payer's return). */
    GatewayPayment payment(String gatewayPaymentId);

    /**
     * Starts saving a card of {@code payer} for later off-session charges (autopay). The answer's
     * {@link MethodSetup#nextAction()} is what the payer's browser completes; the saved method then arrives as a
     * {@link GatewayEvent.Type#METHOD_SAVED} event (and can be read back with {@link #savedMethod}).
     *
     * @param reference the caller's id of this setup, also its idempotency key
     */
    MethodSetup startMethodSetup(Payer payer, String reference);

    /**
     * As {@link #startMethodSetup(Payer, String)}, for a payer whose browser comes back to {@code returnUrl} from the
     * gateway's hosted page ({@link NextAction.Kind#REDIRECT}); the same conventions as
     * {@link PaymentOrder#returnUrl()} (a payer who cancels there comes back with {@code canceled=true} added to the
     * query). The default ignores {@code returnUrl}: a gateway that needs no page of its own to save a card.
     *
     * @since 1.1
     */
    default MethodSetup startMethodSetup(Payer payer, String reference, URI returnUrl) {
        return startMethodSetup(payer, reference);
    }

    /** A saved method by its gateway id, as the gateway knows it now. */
    SavedMethod savedMethod(String gatewayMethodId);

    /**
     * Charges a saved card with the payer absent (off-session), idempotent on {@link PaymentOrder#reference()}.
     * When the card's issuer requires the payer to authenticate, the answer is {@link PaymentState#REQUIRES_ACTION}
     * (not an exception): the caller then sends the payer a link to pay on-session.
     */
    GatewayPayment chargeSavedMethod(PaymentOrder order, SavedMethod method);

    /**
     * Verifies a notification the provider sent to the platform's webhook endpoint (its signature over the exact
     * body bytes, its timestamp tolerance) and translates it.
     *
     * @throws WebhookRejected when the signature or timestamp does not verify, or the body cannot be read
     */
    GatewayEvent verifyWebhook(WebhookDelivery delivery) throws WebhookRejected;
}
