package io.clientele.payment.stripe.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.payment.api.GatewayEvent;
import io.clientele.payment.api.GatewayException;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.MethodSetup;
import io.clientele.payment.api.NextAction;
import io.clientele.payment.api.PaymentGateway;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentOrder;
import io.clientele.payment.api.PaymentState;
import io.clientele.payment.api.Payer;
import io.clientele.payment.api.SavedMethod;
import io.clientele.payment.api.WebhookDelivery;
import io.clientele.payment.api.WebhookRejected;
import io.clientele.platform.api.money.Money;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Stripe gateway: {@link PaymentGateway} over Stripe's API ({@link StripeApi#API_VERSION}).
 * <ul>
 *   <li>A payer without a {@code gatewayCustomerId} becomes a Customer ({@code POST /v1/customers}) first.</li>
 *   <li>A card payment is a Checkout Session (mode {@code payment}): the payer pays on Stripe's hosted page
 *       ({@code REDIRECT} to the session's {@code url}) and comes back to the order's return URL; the session makes the
 *       PaymentIntent ({@code payment_intent_data}: our metadata, {@code setup_future_usage=off_session} when the card
 *       is to be saved for autopay). Its id ({@code cs_…}) is the payment's until the PaymentIntent's own events name
 *       the {@code pi_…}; {@link #payment} reads either.</li>
 *   <li>A boleto or Pix payment is a PaymentIntent confirmed at once with the payer's details, so the answer carries
 *       the voucher ({@code boleto_display_details}) or the QR code ({@code pix_display_qr_code}); it stays
 *       {@code REQUIRES_ACTION} until {@code payment_intent.succeeded}; a voucher or code that expires unpaid is
 *       {@code CANCELED}.</li>
 *   <li>Saving a card is a Checkout Session in mode {@code setup} when the caller gives a return URL (a SetupIntent
 *       with {@code usage=off_session} for Stripe.js otherwise); charging it is a PaymentIntent with
 *       {@code off_session=true&confirm=true}; Stripe's {@code authentication_required} is answered as
 *       {@code REQUIRES_ACTION} with the client secret the payer confirms on-session.</li>
 * </ul>
 * Every POST carries an {@code Idempotency-Key}: the caller's reference for the PaymentIntent or SetupIntent, and the
 * reference with {@code :customer} appended for the Customer created with it (Stripe refuses one key on two endpoints).
 * The caller's reference travels in {@code metadata[clientele_reference]} and comes back in every event.
 * <p>Registered as a service by {@link StripeGatewayComponent} while it is configured.
 */
final class StripeGateway implements PaymentGateway {

    static final String ID = "stripe";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the configuration makes of the gateway. */
    record Settings(StripeApi api, String webhookSecret, Duration webhookTolerance, int boletoExpiresAfterDays,
                    int pixExpiresAfterSeconds, String publishableKey) {

        /** The settings, or empty while a secret is missing (then there is no gateway). */
        static Optional<Settings> of(StripeConfig config) {
            String key = config._secretKey() == null ? "" : config._secretKey().trim();
            String webhookSecret = config._webhookSecret() == null ? "" : config._webhookSecret().trim();
            if (key.isEmpty() || webhookSecret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Settings(new StripeApi(config.apiBaseUrl(), key, Duration.ofMillis(config.connectTimeoutMillis()),
                    Duration.ofMillis(config.requestTimeoutMillis())), webhookSecret,
                    Duration.ofSeconds(config.webhookToleranceSeconds()), config.boletoExpiresAfterDays(),
                    config.pixExpiresAfterSeconds(), config.publishableKey() == null ? "" : config.publishableKey().trim()));
        }

        /** Never the secrets. */
        @Override
        public String toString() {
            return "Settings[webhookTolerance=" + webhookTolerance + ", boletoExpiresAfterDays=" + boletoExpiresAfterDays
                    + ", pixExpiresAfterSeconds=" + pixExpiresAfterSeconds + "]";
        }
    }

    private final Clock clock;
    private volatile Settings settings;

    StripeGateway(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Calls from now on use {@code next} (a configuration change, applied live). */
    void reconfigure(Settings next) {
        settings = next;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Stripe";
    }

    /** Nothing: cards are paid and saved on Stripe's hosted Checkout page, so the payer's page loads no Stripe script. */
    @Override
    public Map<String, String> browserSettings() {
        return Map.of();
    }

    @Override
    public Set<PaymentMethodType> methods(Currency currency) {
        return Money.BRL.equals(currency) ? EnumSet.allOf(PaymentMethodType.class) : EnumSet.of(PaymentMethodType.CARD);
    }

    @Override
    public GatewayPayment createPayment(PaymentOrder order) {
        if (!methods(order.amount().currency()).contains(order.method())) {
            throw new GatewayException("payment_method_not_available", order.method() + " is not available for "
                    + order.amount().currencyCode() + " payments.", false, null);
        }
        Payer payer = order.payer();
        if (order.method() == PaymentMethodType.BOLETO && (payer.taxId() == null || payer.address() == null || payer.email() == null)) {
            throw new GatewayException("payer_incomplete", "A boleto needs the payer's CPF/CNPJ, e-mail and address.", false, null);
        }
        if (order.method() == PaymentMethodType.CARD && order.returnUrl() == null) {
            throw new GatewayException("return_url_missing", "A card is paid on Stripe's Checkout page: the order needs a return URL.", false, null);
        }
        Settings s = settings;
        String customer = customer(s, payer, order.reference());
        if (order.method() == PaymentMethodType.CARD) {
            return checkout(s, order, customer);
        }
        StripeForm form = intent(order, customer);
        switch (order.method()) {
            case BOLETO -> {
                form.add("payment_method_options[boleto][expires_after_days]", s.boletoExpiresAfterDays())
                        .add("payment_method_data[type]", "boleto")
                        .add("payment_method_data[boleto][tax_id]", payer.taxId());
                billingDetails(form, payer);
                form.add("confirm", "true");
                form.add("return_url", order.returnUrl());
            }
            case PIX -> {
                form.add("payment_method_options[pix][expires_after_seconds]", s.pixExpiresAfterSeconds())
                        .add("payment_method_data[type]", "pix");
                billingDetails(form, payer);
                form.add("confirm", "true");
                form.add("return_url", order.returnUrl());
            }
            default -> throw new IllegalArgumentException(order.method().name());
        }
        return payment(s, s.api().post("/v1/payment_intents", form, order.reference()));
    }

    @Override
    public GatewayPayment payment(String gatewayPaymentId) {
        Settings s = settings;
        if (gatewayPaymentId != null && gatewayPaymentId.startsWith("cs_")) {
            return session(s, s.api().get("/v1/checkout/sessions/" + path(gatewayPaymentId), null));
        }
        return payment(s, s.api().get("/v1/payment_intents/" + path(gatewayPaymentId), null));
    }

    /** A card payment: a Checkout Session in mode payment for the order's amount, one line with its description. */
    private GatewayPayment checkout(Settings s, PaymentOrder order, String customer) {
        String description = order.description() == null || order.description().isBlank() ? "Payment" : order.description();
        Map<String, String> metadata = withoutReference(order.metadata());
        StripeForm form = new StripeForm().add("mode", "payment")
                .add("customer", customer)
                .add("client_reference_id", order.reference())
                .add("payment_method_types[]", "card")
                .add("line_items[0][price_data][currency]", order.amount().currencyCode().toLowerCase(java.util.Locale.ROOT))
                .add("line_items[0][price_data][unit_amount]", StripeObjects.minorUnits(order.amount()))
                .add("line_items[0][price_data][product_data][name]", description)
                .add("line_items[0][quantity]", 1)
                .add("success_url", order.returnUrl())
                .add("cancel_url", canceled(order.returnUrl()))
                .addAll("metadata", metadata)
                .add("metadata[" + StripeObjects.REFERENCE_KEY + "]", order.reference())
                .add("payment_intent_data[description]", description)
                .addAll("payment_intent_data[metadata]", metadata)
                .add("payment_intent_data[metadata][" + StripeObjects.REFERENCE_KEY + "]", order.reference())
                .add("payment_intent_data[metadata][" + StripeObjects.VIA_KEY + "]", StripeObjects.VIA_CHECKOUT);
        if (order.saveForLater()) {
            form.add("payment_intent_data[setup_future_usage]", "off_session");
        }
        return session(s, s.api().post("/v1/checkout/sessions", form, order.reference()));
    }

    /** A Checkout Session read as a payment, with its PaymentIntent when it has one. */
    private GatewayPayment session(Settings s, JsonNode session) {
        String intentId = StripeObjects.id(session.path("payment_intent"));
        GatewayPayment intent = null;
        if (intentId != null) {
            JsonNode pi = session.path("payment_intent").isObject() ? session.path("payment_intent")
                    : s.api().get("/v1/payment_intents/" + path(intentId), null);
            intent = payment(s, pi);
        }
        return StripeObjects.session(session, intent);
    }

    /** Where Stripe's Checkout page sends a payer who cancels: the return URL with {@code canceled=true}. */
    static String canceled(URI returnUrl) {
        String url = returnUrl.toString();
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String base = hash < 0 ? url : url.substring(0, hash);
        return base + (base.contains("?") ? "&" : "?") + "canceled=true" + fragment;
    }

    /**
     * Saving a card on Stripe's Checkout page: a Checkout Session in mode {@code setup} (its SetupIntent carries our
     * reference in {@code setup_intent_data[metadata]}); the card arrives as {@code setup_intent.succeeded} and
     * {@code checkout.session.completed}, both {@code METHOD_SAVED}.
     */
    @Override
    public MethodSetup startMethodSetup(Payer payer, String reference, URI returnUrl) {
        if (returnUrl == null) {
            return startMethodSetup(payer, reference);
        }
        Settings s = settings;
        String customer = customer(s, payer, reference);
        StripeForm form = new StripeForm().add("mode", "setup")
                .add("customer", customer)
                .add("client_reference_id", reference)
                .add("payment_method_types[]", "card")
                .add("success_url", returnUrl)
                .add("cancel_url", canceled(returnUrl))
                .add("metadata[" + StripeObjects.REFERENCE_KEY + "]", reference)
                .add("setup_intent_data[metadata][" + StripeObjects.REFERENCE_KEY + "]", reference)
                .add("setup_intent_data[metadata][" + StripeObjects.VIA_KEY + "]", StripeObjects.VIA_CHECKOUT);
        JsonNode session = s.api().post("/v1/checkout/sessions", form, reference);
        return new MethodSetup(StripeObjects.text(session, "id"), reference, customer,
                new NextAction(NextAction.Kind.REDIRECT, null, URI.create(StripeObjects.text(session, "url")), null, null));
    }

    /** A SetupIntent the payer's browser confirms with Stripe.js ({@code client_secret}); without a page to return to. */
    @Override
    public MethodSetup startMethodSetup(Payer payer, String reference) {
        Settings s = settings;
        String customer = customer(s, payer, reference);
        StripeForm form = new StripeForm().add("customer", customer).add("usage", "off_session")
                .add("payment_method_types[]", "card").add("metadata[" + StripeObjects.REFERENCE_KEY + "]", reference);
        JsonNode setup = s.api().post("/v1/setup_intents", form, reference);
        return new MethodSetup(StripeObjects.text(setup, "id"), reference, customer,
                new NextAction(NextAction.Kind.CONFIRM_IN_BROWSER, StripeObjects.text(setup, "client_secret"), null, null, null));
    }

    @Override
    public SavedMethod savedMethod(String gatewayMethodId) {
        return StripeObjects.savedMethod(settings.api().get("/v1/payment_methods/" + path(gatewayMethodId), null));
    }

    @Override
    public GatewayPayment chargeSavedMethod(PaymentOrder order, SavedMethod method) {
        if (method.type() != PaymentMethodType.CARD) {
            throw new GatewayException("payment_method_not_available", "Only a saved card can be charged off-session.", false, null);
        }
        Settings s = settings;
        String customer = method.gatewayCustomerId() != null ? method.gatewayCustomerId() : order.payer().gatewayCustomerId();
        StripeForm form = intent(order, customer).add("payment_method", method.gatewayMethodId())
                .add("off_session", "true").add("confirm", "true");
        try {
            return payment(s, s.api().post("/v1/payment_intents", form, order.reference()));
        } catch (StripeApi.Refusal refusal) {
            JsonNode intent = refusal.error().path("payment_intent");
            if ("authentication_required".equals(refusal.code()) && intent.isObject()) {
                // not a failure: the payer authenticates on-session, with the pay link the caller sends
                return StripeObjects.payment(intent, null);
            }
            throw refusal;
        }
    }

    @Override
    public GatewayEvent verifyWebhook(WebhookDelivery delivery) throws WebhookRejected {
        Settings s = settings;
        byte[] body = delivery.body();
        StripeSignature.verify(delivery.header("Stripe-Signature").orElse(null), body, s.webhookSecret(), s.webhookTolerance(),
                clock.instant());
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            throw new WebhookRejected("the body is not JSON");
        }
        String eventId = event == null ? null : StripeObjects.text(event, "id");
        String type = eventId == null ? null : StripeObjects.text(event, "type");
        JsonNode object = eventId == null ? null : event.path("data").path("object");
        if (type == null || object == null || !object.isObject()) {
            throw new WebhookRejected("the body is not a Stripe event");
        }
        Instant occurredAt = Instant.ofEpochSecond(event.path("created").asLong());
        try {
            if (type.startsWith("payment_intent.") && "payment_intent".equals(StripeObjects.text(object, "object"))) {
                GatewayPayment payment = payment(s, object);
                GatewayEvent.Type translated = switch (type) {
                    case "payment_intent.succeeded" -> GatewayEvent.Type.PAYMENT_SUCCEEDED;
                    case "payment_intent.processing" -> GatewayEvent.Type.PAYMENT_PROCESSING;
                    case "payment_intent.requires_action" -> GatewayEvent.Type.PAYMENT_REQUIRES_ACTION;
                    case "payment_intent.canceled" -> GatewayEvent.Type.PAYMENT_CANCELED;
                    case "payment_intent.payment_failed" -> switch (payment.state()) {
                        case CANCELED -> GatewayEvent.Type.PAYMENT_CANCELED;
                        case REQUIRES_ACTION -> GatewayEvent.Type.PAYMENT_REQUIRES_ACTION;
                        default -> GatewayEvent.Type.PAYMENT_FAILED;
                    };
                    default -> GatewayEvent.Type.OTHER;
                };
                return new GatewayEvent(eventId, translated, occurredAt, payment, null, payment.reference());
            }
            if (type.startsWith("checkout.session.") && "checkout.session".equals(StripeObjects.text(object, "object"))) {
                return checkoutEvent(s, eventId, type, occurredAt, object);
            }
            if ("setup_intent.succeeded".equals(type)) {
                JsonNode pm = object.path("payment_method");
                SavedMethod saved = pm.isObject() ? StripeObjects.savedMethod(pm) : savedMethod(StripeObjects.id(pm));
                return new GatewayEvent(eventId, GatewayEvent.Type.METHOD_SAVED, occurredAt, null, saved,
                        StripeObjects.reference(object));
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new WebhookRejected("the event's object cannot be read: " + e.getMessage());
        } catch (GatewayException e) {
            if (!"invalid_response".equals(e.code())) {
                throw e; // Stripe could not be asked about the saved card: the endpoint answers 5xx, Stripe delivers again
            }
            throw new WebhookRejected("the event's object cannot be read: " + e.getMessage());
        }
        return new GatewayEvent(eventId, GatewayEvent.Type.OTHER, occurredAt, null, null, StripeObjects.reference(object));
    }

    /**
     * A Checkout Session's event. Mode {@code payment}: {@code completed} (and {@code async_payment_succeeded}) is
     * {@code PAYMENT_SUCCEEDED} once {@code payment_status} is {@code paid} (read with its PaymentIntent, so the amount
     * received and a card saved for autopay come with it), else {@code PAYMENT_PROCESSING};
     * {@code async_payment_failed} is {@code PAYMENT_FAILED}; {@code expired} (the payer never paid) is
     * {@code PAYMENT_CANCELED}. The PaymentIntent's own {@code payment_intent.succeeded} arrives too: the caller records
     * the money once (its events are deduplicated by id, a paid payment never changes). Mode {@code setup}:
     * {@code completed} is {@code METHOD_SAVED} with the SetupIntent's card (as {@code setup_intent.succeeded} is; the
     * second of the two finds the card saved already). Anything else is {@code OTHER}.
     */
    private GatewayEvent checkoutEvent(Settings s, String eventId, String type, Instant occurredAt, JsonNode session) {
        String reference = StripeObjects.reference(session) != null ? StripeObjects.reference(session)
                : StripeObjects.text(session, "client_reference_id");
        String mode = StripeObjects.text(session, "mode");
        if ("setup".equals(mode)) {
            String setupId = StripeObjects.id(session.path("setup_intent"));
            if ("checkout.session.completed".equals(type) && setupId != null) {
                JsonNode setup = s.api().get("/v1/setup_intents/" + path(setupId), null);
                JsonNode pm = setup.path("payment_method");
                if ("succeeded".equals(StripeObjects.text(setup, "status")) && StripeObjects.id(pm) != null) {
                    SavedMethod saved = pm.isObject() ? StripeObjects.savedMethod(pm) : savedMethod(StripeObjects.id(pm));
                    return new GatewayEvent(eventId, GatewayEvent.Type.METHOD_SAVED, occurredAt, null, saved, reference);
                }
            }
            return new GatewayEvent(eventId, GatewayEvent.Type.OTHER, occurredAt, null, null, reference);
        }
        if (!"payment".equals(mode)) {
            return new GatewayEvent(eventId, GatewayEvent.Type.OTHER, occurredAt, null, null, reference);
        }
        GatewayPayment payment = session(s, session);
        GatewayEvent.Type translated = switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> switch (payment.state()) {
                case SUCCEEDED -> GatewayEvent.Type.PAYMENT_SUCCEEDED;
                case FAILED -> GatewayEvent.Type.PAYMENT_FAILED;
                case CANCELED -> GatewayEvent.Type.PAYMENT_CANCELED;
                default -> GatewayEvent.Type.PAYMENT_PROCESSING;
            };
            case "checkout.session.async_payment_failed" -> GatewayEvent.Type.PAYMENT_FAILED;
            case "checkout.session.expired" -> GatewayEvent.Type.PAYMENT_CANCELED;
            default -> GatewayEvent.Type.OTHER;
        };
        if (translated == GatewayEvent.Type.PAYMENT_FAILED && !payment.state().isFinal()) {
            payment = new GatewayPayment(payment.gatewayPaymentId(), payment.reference(), PaymentState.FAILED,
                    payment.amount(), payment.amountReceived(), payment.method(), payment.gatewayCustomerId(), null, null,
                    payment.failureCode() != null ? payment.failureCode() : "async_payment_failed",
                    payment.failureMessage() != null ? payment.failureMessage() : "The payment failed at Stripe.");
        }
        return new GatewayEvent(eventId, translated, occurredAt, translated == GatewayEvent.Type.OTHER ? null : payment, null,
                reference);
    }

    // ---- helpers

    /** The payer's Customer: the known one, else a new one (idempotent on the reference it is created for). */
    private static String customer(Settings s, Payer payer, String reference) {
        if (payer.gatewayCustomerId() != null && !payer.gatewayCustomerId().isBlank()) {
            return payer.gatewayCustomerId();
        }
        StripeForm form = new StripeForm().add("name", payer.name()).add("email", payer.email())
                .add("metadata[" + StripeObjects.REFERENCE_KEY + "]", payer.reference());
        if (payer.address() != null) {
            address(form, "address", payer.address());
        }
        return StripeObjects.text(s.api().post("/v1/customers", form, reference + ":customer"), "id");
    }

    /** The fields of every PaymentIntent created for an order. */
    private static StripeForm intent(PaymentOrder order, String customer) {
        StripeForm form = new StripeForm().add("amount", StripeObjects.minorUnits(order.amount()))
                .add("currency", order.amount().currencyCode().toLowerCase(java.util.Locale.ROOT))
                .add("customer", customer)
                .add("payment_method_types[]", StripeObjects.stripeType(order.method()))
                .add("description", order.description())
                .addAll("metadata", withoutReference(order.metadata()))
                .add("metadata[" + StripeObjects.REFERENCE_KEY + "]", order.reference());
        // no receipt_email: the platform sends its own e-mails about payments
        return form;
    }

    /** The caller's metadata; the reference key is the adapter's own. */
    private static java.util.Map<String, String> withoutReference(java.util.Map<String, String> metadata) {
        java.util.Map<String, String> copy = new java.util.HashMap<>(metadata);
        copy.remove(StripeObjects.REFERENCE_KEY);
        return copy;
    }

    private static void billingDetails(StripeForm form, Payer payer) {
        form.add("payment_method_data[billing_details][name]", payer.name())
                .add("payment_method_data[billing_details][email]", payer.email());
        if (payer.address() != null) {
            address(form, "payment_method_data[billing_details][address]", payer.address());
        }
    }

    private static void address(StripeForm form, String prefix, Payer.Address address) {
        form.add(prefix + "[line1]", address.line1()).add(prefix + "[line2]", address.line2())
                .add(prefix + "[city]", address.city()).add(prefix + "[state]", address.state())
                .add(prefix + "[postal_code]", address.postalCode()).add(prefix + "[country]", address.country());
    }

    /** The PaymentIntent read, with the card it saved for autopay read back when it saved one. */
    private GatewayPayment payment(Settings s, JsonNode intent) {
        SavedMethod saved = null;
        String pm = StripeObjects.id(intent.path("payment_method"));
        if ("succeeded".equals(StripeObjects.text(intent, "status")) && "off_session".equals(StripeObjects.text(intent, "setup_future_usage"))
                && pm != null) {
            saved = intent.path("payment_method").isObject() ? StripeObjects.savedMethod(intent.path("payment_method")) : savedMethod(pm);
        }
        return StripeObjects.payment(intent, saved);
    }

    private static String path(String id) {
        if (id == null || id.isBlank()) {
            throw new GatewayException("resource_missing", "No id given.", false, null);
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
