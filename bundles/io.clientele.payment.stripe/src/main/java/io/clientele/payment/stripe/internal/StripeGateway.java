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
import io.clientele.payment.api.Payer;
import io.clientele.payment.api.SavedMethod;
import io.clientele.payment.api.WebhookDelivery;
import io.clientele.payment.api.WebhookRejected;
import io.clientele.platform.api.money.Money;
import java.io.IOException;
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
 *   <li>A card payment is a PaymentIntent the payer's browser confirms (Stripe.js, {@code client_secret});
 *       {@code setup_future_usage=off_session} when the card is to be saved for autopay.</li>
 *   <li>A boleto or Pix payment is a PaymentIntent confirmed at once with the payer's details, so the answer carries
 *       the voucher ({@code boleto_display_details}) or the QR code ({@code pix_display_qr_code}); it stays
 *       {@code REQUIRES_ACTION} until {@code payment_intent.succeeded}; a voucher or code that expires unpaid is
 *       {@code CANCELED}.</li>
 *   <li>Saving a card is a SetupIntent with {@code usage=off_session}; charging it is a PaymentIntent with
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
    /** Stripe.js's script, loaded by the page that confirms card payments and saves cards. */
    static final String STRIPE_JS = "https://js.stripe.com/v3/";

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

    @Override
    public Map<String, String> browserSettings() {
        String key = settings.publishableKey();
        return key.isEmpty() ? Map.of("scriptUrl", STRIPE_JS) : Map.of("publishableKey", key, "scriptUrl", STRIPE_JS);
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
        Settings s = settings;
        String customer = customer(s, payer, order.reference());
        StripeForm form = intent(order, customer);
        switch (order.method()) {
            case CARD -> {
                if (order.saveForLater()) {
                    form.add("setup_future_usage", "off_session");
                }
            }
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
        return payment(s, s.api().get("/v1/payment_intents/" + path(gatewayPaymentId), null));
    }

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
