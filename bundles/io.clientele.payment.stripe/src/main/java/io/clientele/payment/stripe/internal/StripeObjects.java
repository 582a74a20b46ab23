package io.clientele.payment.stripe.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.payment.api.GatewayException;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.NextAction;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentState;
import io.clientele.payment.api.SavedMethod;
import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Locale;

/** Stripe's objects (API version {@link StripeApi#API_VERSION}) read into the SPI's values. */
final class StripeObjects {

    /** The metadata key the caller's reference travels in, on PaymentIntents, SetupIntents and Customers. */
    static final String REFERENCE_KEY = "clientele_reference";

    /**
     * The metadata key marking a PaymentIntent made by a Checkout Session ({@value #VIA_CHECKOUT}): the payer acts on
     * the session's hosted page, not with the intent's client secret.
     */
    static final String VIA_KEY = "clientele_via";
    static final String VIA_CHECKOUT = "checkout";

    /** The failure code of a Checkout Session that expired before the payer paid (Stripe's status {@code expired}). */
    static final String SESSION_EXPIRED = "checkout_session_expired";

    /** Stripe's code of a payment attempt that expired (a boleto voucher or Pix code not paid in time). */
    static final String ATTEMPT_EXPIRED = "payment_intent_payment_attempt_expired";

    private StripeObjects() {
    }

    static long minorUnits(Money money) {
        return money.amount().movePointRight(digits(money.currency())).longValueExact();
    }

    static Money money(long minorUnits, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
        return Money.of(BigDecimal.valueOf(minorUnits).movePointLeft(digits(currency)), currency);
    }

    private static int digits(Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    static String stripeType(PaymentMethodType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static PaymentMethodType methodType(String stripeType) {
        return switch (stripeType == null ? "" : stripeType) {
            case "card" -> PaymentMethodType.CARD;
            case "boleto" -> PaymentMethodType.BOLETO;
            case "pix" -> PaymentMethodType.PIX;
            default -> null;
        };
    }

    /** An id field that may be a string or an expanded object. */
    static String id(JsonNode field) {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return null;
        }
        return field.isObject() ? text(field, "id") : field.asText();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    static String reference(JsonNode object) {
        return text(object.path("metadata"), REFERENCE_KEY);
    }

    /** How the PaymentIntent is being paid: its only allowed type, or the type of its payment method. */
    static PaymentMethodType method(JsonNode intent) {
        JsonNode types = intent.path("payment_method_types");
        if (types.size() == 1) {
            return methodType(types.get(0).asText());
        }
        JsonNode pm = intent.path("payment_method");
        if (pm.isObject()) {
            return methodType(text(pm, "type"));
        }
        return methodType(text(intent.path("last_payment_error").path("payment_method"), "type"));
    }

    private static String failureCode(JsonNode error) {
        String code = text(error, "code");
        return code != null ? code : text(error, "decline_code");
    }

    static PaymentState state(JsonNode intent) {
        String status = text(intent, "status");
        JsonNode error = intent.path("last_payment_error");
        boolean failed = error.isObject();
        return switch (status == null ? "" : status) {
            case "succeeded" -> PaymentState.SUCCEEDED;
            case "processing", "requires_capture" -> PaymentState.PROCESSING;
            case "requires_action" -> PaymentState.REQUIRES_ACTION;
            case "canceled" -> PaymentState.CANCELED;
            case "requires_payment_method", "requires_confirmation" -> {
                if (!failed) {
                    yield PaymentState.REQUIRES_PAYMENT_METHOD;
                }
                if ("authentication_required".equals(failureCode(error))) {
                    // an off-session charge the issuer wants the payer to authenticate: the payer is sent a pay link
                    yield PaymentState.REQUIRES_ACTION;
                }
                PaymentMethodType method = method(intent);
                // a boleto voucher or Pix code is never declined: its attempt fails when it expires unpaid
                if (method == PaymentMethodType.BOLETO || method == PaymentMethodType.PIX || ATTEMPT_EXPIRED.equals(failureCode(error))) {
                    yield PaymentState.CANCELED;
                }
                // a declined card: the attempt failed (event PAYMENT_FAILED), but the PaymentIntent stays open and the payer
                // may still pay it with another card in the same page, so it is not reported as final
                yield PaymentState.REQUIRES_PAYMENT_METHOD;
            }
            default -> throw new GatewayException("invalid_response", "Stripe answered a PaymentIntent status the gateway does not know.",
                    false, null);
        };
    }

    static GatewayPayment payment(JsonNode intent, SavedMethod saved) {
        PaymentState state = state(intent);
        String currency = text(intent, "currency");
        Money amount = money(intent.path("amount").asLong(), currency);
        Money received = state == PaymentState.SUCCEEDED ? money(intent.path("amount_received").asLong(), currency)
                : Money.zero(amount.currency());
        PaymentMethodType method = method(intent);
        String failureCode = null;
        String failureMessage = null;
        JsonNode error = intent.path("last_payment_error");
        if ("canceled".equals(text(intent, "status"))) {
            failureCode = text(intent, "cancellation_reason");
            failureCode = failureCode == null ? "canceled" : failureCode;
            failureMessage = expiredMessage(method, "The payment was canceled at Stripe (" + failureCode + ").");
        } else if (error.isObject() && state != PaymentState.SUCCEEDED && state != PaymentState.PROCESSING) {
            failureCode = failureCode(error);
            failureMessage = state == PaymentState.CANCELED ? expiredMessage(method, text(error, "message"))
                    : "card_error".equals(text(error, "type")) ? text(error, "message") : "The payment failed at Stripe (" + failureCode + ").";
        }
        return new GatewayPayment(text(intent, "id"), reference(intent), state, amount, received, method,
                id(intent.path("customer")), state == PaymentState.SUCCEEDED ? saved : null, nextAction(intent, state),
                failureCode, failureMessage);
    }

    private static String expiredMessage(PaymentMethodType method, String otherwise) {
        if (method == PaymentMethodType.BOLETO) {
            return "The boleto voucher expired unpaid.";
        }
        if (method == PaymentMethodType.PIX) {
            return "The Pix code expired unpaid.";
        }
        return otherwise;
    }

    static NextAction nextAction(JsonNode intent, PaymentState state) {
        if (VIA_CHECKOUT.equals(text(intent.path("metadata"), VIA_KEY))) {
            // the payer pays (again, after a decline; authenticates) on the Checkout Session's page, whose URL the
            // caller already has: nothing new for the browser
            return null;
        }
        String secret = text(intent, "client_secret");
        if (state == PaymentState.REQUIRES_PAYMENT_METHOD) {
            return new NextAction(NextAction.Kind.CONFIRM_IN_BROWSER, secret, null, null, null);
        }
        if (state != PaymentState.REQUIRES_ACTION) {
            return null;
        }
        JsonNode next = intent.path("next_action");
        String type = text(next, "type");
        if ("boleto_display_details".equals(type)) {
            JsonNode boleto = next.path("boleto_display_details");
            return new NextAction(NextAction.Kind.BOLETO, null, uri(text(boleto, "hosted_voucher_url")), text(boleto, "number"),
                    instant(boleto.path("expires_at")));
        }
        if ("pix_display_qr_code".equals(type)) {
            JsonNode pix = next.path("pix_display_qr_code");
            return new NextAction(NextAction.Kind.PIX, null, uri(text(pix, "image_url_png")), text(pix, "data"),
                    instant(pix.path("expires_at")));
        }
        if ("redirect_to_url".equals(type)) {
            return new NextAction(NextAction.Kind.REDIRECT, null, uri(text(next.path("redirect_to_url"), "url")), null, null);
        }
        // use_stripe_sdk, or an off-session charge awaiting authentication: Stripe.js confirms with the client secret
        return new NextAction(NextAction.Kind.CONFIRM_IN_BROWSER, secret, null, null, null);
    }

    /**
     * A Checkout Session in mode {@code payment} read as the payment: {@code open} awaits the payer on its hosted page
     * ({@code REQUIRES_ACTION} with a {@code REDIRECT} to its {@code url}, and the last declined attempt's reason when its
     * PaymentIntent has one); {@code complete} is the PaymentIntent's state when it was read ({@code SUCCEEDED} once
     * paid; {@code PROCESSING} while {@code payment_status} is {@code unpaid}); {@code expired} is {@code CANCELED} with
     * {@value #SESSION_EXPIRED}. The id is the session's, whichever was read.
     *
     * @param intent the session's PaymentIntent read from Stripe as a payment, or {@code null} while it has none
     */
    static GatewayPayment session(JsonNode session, GatewayPayment intent) {
        String id = text(session, "id");
        String currency = text(session, "currency");
        Money amount = money(session.path("amount_total").asLong(), currency);
        Money zero = Money.zero(amount.currency());
        String reference = reference(session) != null ? reference(session) : text(session, "client_reference_id");
        String customer = id(session.path("customer"));
        String status = text(session, "status");
        switch (status == null ? "" : status) {
            case "open" -> {
                NextAction next = new NextAction(NextAction.Kind.REDIRECT, null, uri(text(session, "url")), null, null);
                return new GatewayPayment(id, reference, PaymentState.REQUIRES_ACTION, amount, zero, PaymentMethodType.CARD, customer,
                        null, next, intent == null ? null : intent.failureCode(), intent == null ? null : intent.failureMessage());
            }
            case "complete" -> {
                if (intent != null && intent.state() != PaymentState.REQUIRES_PAYMENT_METHOD) {
                    return new GatewayPayment(id, reference, intent.state(), intent.amount(), intent.amountReceived(), PaymentMethodType.CARD,
                            customer != null ? customer : intent.gatewayCustomerId(), intent.savedMethod(), null, intent.failureCode(),
                            intent.failureMessage());
                }
                boolean paid = "paid".equals(text(session, "payment_status"));
                return new GatewayPayment(id, reference, paid ? PaymentState.SUCCEEDED : PaymentState.PROCESSING, amount,
                        paid ? amount : zero, PaymentMethodType.CARD, customer, null, null, null, null);
            }
            case "expired" -> {
                return new GatewayPayment(id, reference, PaymentState.CANCELED, amount, zero, PaymentMethodType.CARD, customer, null, null,
                        SESSION_EXPIRED, "The payment page expired before the card was paid.");
            }
            default -> throw new GatewayException("invalid_response", "Stripe answered a Checkout Session status the gateway does not know.",
                    false, null);
        }
    }

    static SavedMethod savedMethod(JsonNode paymentMethod) {
        JsonNode card = paymentMethod.path("card");
        YearMonth expiry = card.hasNonNull("exp_year") && card.hasNonNull("exp_month")
                ? YearMonth.of(card.path("exp_year").asInt(), card.path("exp_month").asInt()) : null;
        return new SavedMethod(text(paymentMethod, "id"), id(paymentMethod.path("customer")), methodType(text(paymentMethod, "type")),
                text(card, "brand"), text(card, "last4"), expiry);
    }

    private static URI uri(String value) {
        return value == null ? null : URI.create(value);
    }

    private static Instant instant(JsonNode epochSeconds) {
        return epochSeconds.isNumber() ? Instant.ofEpochSecond(epochSeconds.asLong()) : null;
    }
}
