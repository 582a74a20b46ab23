package io.clientele.payment.stripe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.clientele.payment.api.GatewayEvent;
import io.clientele.payment.api.GatewayException;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.MethodSetup;
import io.clientele.payment.api.NextAction;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentOrder;
import io.clientele.payment.api.PaymentState;
import io.clientele.payment.api.Payer;
import io.clientele.payment.api.SavedMethod;
import io.clientele.payment.api.WebhookDelivery;
import io.clientele.payment.api.WebhookRejected;
import io.clientele.platform.api.money.Money;
import io.clientele.testing.stripe.FakeStripeServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Stripe gateway against {@link FakeStripeServer}, over real HTTP on 127.0.0.1. */
class StripeGatewayTest {

    private FakeStripeServer stripe;
    private StripeGateway gateway;

    @BeforeEach
    void start() throws IOException {
        stripe = new FakeStripeServer();
        stripe.autoDeliver = false;
        gateway = gateway(stripe.baseUrl(), stripe.secretKey, Duration.ofSeconds(10), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        stripe.close();
        assertEquals(List.of(), stripe.problems, "what the fake found wrong");
    }

    private StripeGateway gateway(String baseUrl, String secretKey, Duration timeout, Clock clock) {
        return new StripeGateway(new StripeGateway.Settings(new StripeApi(baseUrl, secretKey, Duration.ofSeconds(2), timeout),
                stripe.webhookSecret, Duration.ofSeconds(300), 3, 3600, stripe.publishableKey), clock);
    }

    private static Payer payer(String gatewayCustomerId) {
        return new Payer("customer-7", gatewayCustomerId, "Acme Criativa Ltda", "finance@acme.test", "12345678000195",
                new Payer.Address("Rua Augusta 100", "sala 2", "São Paulo", "SP", "01305-000", "BR"));
    }

    private static PaymentOrder order(String amount, PaymentMethodType method, boolean saveForLater) {
        return new PaymentOrder("pay-" + UUID.randomUUID(), Money.brl(amount), method, payer(null), "Invoice 42 — Acme",
                Map.of("invoice", "42", "agency", "a-1"), URI.create("https://portal.test/return"), saveForLater);
    }

    private Map<String, List<String>> lastParams(String call) {
        for (int i = stripe.calls.size() - 1; i >= 0; i--) {
            if (stripe.calls.get(i).equals(call)) {
                return stripe.params.get(i);
            }
        }
        throw new AssertionError("no " + call + " in " + stripe.calls);
    }

    /** The event as Stripe delivers it, signed now, through the gateway's verification. */
    private GatewayEvent receive(JsonNode event) throws WebhookRejected {
        String body = event.toString();
        return gateway.verifyWebhook(delivery(FakeStripeServer.signatureHeader(stripe.webhookSecret, Instant.now().getEpochSecond(), body), body));
    }

    private static WebhookDelivery delivery(String signature, String body) {
        return new WebhookDelivery(signature == null ? Map.of() : Map.of("stripe-signature", List.of(signature)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    // ---- card, on-session

    @Test
    void aCardPaymentIsConfirmedInTheBrowserAndSucceeds() throws Exception {
        PaymentOrder order = order("123.45", PaymentMethodType.CARD, false);
        GatewayPayment created = gateway.createPayment(order);

        assertEquals(PaymentState.REQUIRES_PAYMENT_METHOD, created.state());
        assertEquals(order.reference(), created.reference());
        assertEquals(Money.brl("123.45"), created.amount());
        assertTrue(created.amountReceived().isZero());
        assertEquals(PaymentMethodType.CARD, created.method());
        assertTrue(created.gatewayCustomerId().startsWith("cus_"), created.gatewayCustomerId());
        assertEquals(NextAction.Kind.CONFIRM_IN_BROWSER, created.nextAction().kind());
        assertEquals(stripe.object(created.gatewayPaymentId()).path("client_secret").asText(), created.nextAction().clientSecret());

        // what went over the wire: Stripe's form encoding, the customer first
        assertEquals(List.of("POST /v1/customers", "POST /v1/payment_intents"), stripe.calls);
        Map<String, List<String>> p = lastParams("POST /v1/payment_intents");
        assertEquals(List.of("12345"), p.get("amount"));
        assertEquals(List.of("brl"), p.get("currency"));
        assertEquals(List.of("card"), p.get("payment_method_types[]"));
        assertEquals(List.of(created.gatewayCustomerId()), p.get("customer"));
        assertEquals(List.of("42"), p.get("metadata[invoice]"));
        assertEquals(List.of(order.reference()), p.get("metadata[clientele_reference]"));
        assertNull(p.get("setup_future_usage"));
        assertEquals(List.of("customer-7"), lastParams("POST /v1/customers").get("metadata[clientele_reference]"));

        stripe.confirmPayment(created.gatewayPaymentId(), FakeStripeServer.VISA);
        GatewayEvent event = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.succeeded"));
        assertEquals(GatewayEvent.Type.PAYMENT_SUCCEEDED, event.type());
        assertTrue(event.eventId().startsWith("evt_"));
        assertEquals(order.reference(), event.reference());
        assertEquals(PaymentState.SUCCEEDED, event.payment().state());
        assertEquals(Money.brl("123.45"), event.payment().amountReceived());
        assertNull(event.payment().nextAction());
        assertNull(event.payment().savedMethod(), "not asked to save the card");
        assertEquals(PaymentState.SUCCEEDED, gateway.payment(created.gatewayPaymentId()).state());
    }

    @Test
    void aKnownCustomerIsReusedAndACardPaidOnSessionIsSavedWhenAsked() {
        GatewayPayment first = gateway.createPayment(order("10.00", PaymentMethodType.CARD, true));
        PaymentOrder second = new PaymentOrder("pay-" + UUID.randomUUID(), Money.brl("20.00"), PaymentMethodType.CARD,
                payer(first.gatewayCustomerId()), null, Map.of(), null, true);
        GatewayPayment created = gateway.createPayment(second);
        assertEquals(first.gatewayCustomerId(), created.gatewayCustomerId());
        assertEquals(1, stripe.calls.stream().filter("POST /v1/customers"::equals).count(), "one customer");
        assertEquals(List.of("off_session"), lastParams("POST /v1/payment_intents").get("setup_future_usage"));

        stripe.confirmPayment(created.gatewayPaymentId(), FakeStripeServer.MASTERCARD);
        GatewayPayment paid = gateway.payment(created.gatewayPaymentId());
        assertEquals(PaymentState.SUCCEEDED, paid.state());
        SavedMethod saved = paid.savedMethod();
        assertNotNull(saved, "the card saved for autopay");
        assertEquals("mastercard", saved.brand());
        assertEquals("4444", saved.last4());
        assertEquals(first.gatewayCustomerId(), saved.gatewayCustomerId());
        assertEquals(PaymentMethodType.CARD, saved.type());
        assertNotNull(saved.expiry());
    }

    @Test
    void aDeclinedCardInTheBrowserIsAFailedAttemptAndThePayerMayPayWithAnotherCard() throws Exception {
        GatewayPayment created = gateway.createPayment(order("50.00", PaymentMethodType.CARD, false));
        stripe.confirmPayment(created.gatewayPaymentId(), FakeStripeServer.DECLINED);
        GatewayEvent event = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.payment_failed"));
        assertEquals(GatewayEvent.Type.PAYMENT_FAILED, event.type());
        assertEquals(PaymentState.REQUIRES_PAYMENT_METHOD, event.payment().state(), "not final: Stripe keeps the intent open");
        assertFalse(event.payment().state().isFinal());
        assertEquals("card_declined", event.payment().failureCode());
        assertEquals("Your card was declined.", event.payment().failureMessage());
        assertEquals(NextAction.Kind.CONFIRM_IN_BROWSER, event.payment().nextAction().kind());

        stripe.confirmPayment(created.gatewayPaymentId(), FakeStripeServer.VISA);
        GatewayEvent paid = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.succeeded"));
        assertEquals(PaymentState.SUCCEEDED, paid.payment().state());
        assertNull(paid.payment().failureCode());
    }

    // ---- boleto and Pix

    @Test
    void aBoletoStaysRequiringActionWithItsVoucherUntilItIsPaidDaysLater() throws Exception {
        PaymentOrder order = order("250.00", PaymentMethodType.BOLETO, false);
        GatewayPayment created = gateway.createPayment(order);

        assertEquals(PaymentState.REQUIRES_ACTION, created.state());
        assertEquals(PaymentMethodType.BOLETO, created.method());
        NextAction voucher = created.nextAction();
        assertEquals(NextAction.Kind.BOLETO, voucher.kind());
        assertTrue(voucher.url().toString().startsWith(stripe.baseUrl() + "/vouchers/"), voucher.url().toString());
        assertTrue(voucher.code().matches("\\d{47}"), voucher.code());
        Duration left = Duration.between(Instant.now(), voucher.expiresAt());
        assertTrue(left.compareTo(Duration.ofDays(3).minusMinutes(1)) > 0 && left.compareTo(Duration.ofDays(3)) <= 0, left.toString());
        Map<String, List<String>> p = lastParams("POST /v1/payment_intents");
        assertEquals(List.of("boleto"), p.get("payment_method_types[]"));
        assertEquals(List.of("3"), p.get("payment_method_options[boleto][expires_after_days]"));
        assertEquals(List.of("12345678000195"), p.get("payment_method_data[boleto][tax_id]"));
        assertEquals(List.of("01305-000"), p.get("payment_method_data[billing_details][address][postal_code]"));
        assertEquals(List.of("true"), p.get("confirm"));

        assertEquals(GatewayEvent.Type.PAYMENT_REQUIRES_ACTION,
                receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.requires_action")).type());
        assertEquals(PaymentState.REQUIRES_ACTION, gateway.payment(created.gatewayPaymentId()).state(), "not paid yet");
        assertEquals(NextAction.Kind.BOLETO, gateway.payment(created.gatewayPaymentId()).nextAction().kind());

        stripe.boletoSettlementDays = 2;
        stripe.pay(created.gatewayPaymentId());
        GatewayEvent paid = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.succeeded"));
        assertEquals(GatewayEvent.Type.PAYMENT_SUCCEEDED, paid.type());
        assertEquals(order.reference(), paid.reference());
        assertEquals(Money.brl("250.00"), paid.payment().amountReceived());
        assertTrue(paid.occurredAt().isAfter(Instant.now().plus(Duration.ofDays(1))), "confirmed days later: " + paid.occurredAt());
    }

    @Test
    void anExpiredBoletoVoucherIsCanceledWithItsReason() throws Exception {
        GatewayPayment created = gateway.createPayment(order("80.00", PaymentMethodType.BOLETO, false));
        stripe.expire(created.gatewayPaymentId());
        GatewayEvent event = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.payment_failed"));
        assertEquals(GatewayEvent.Type.PAYMENT_CANCELED, event.type());
        assertEquals(PaymentState.CANCELED, event.payment().state());
        assertEquals("payment_intent_payment_attempt_expired", event.payment().failureCode());
        assertEquals("The boleto voucher expired unpaid.", event.payment().failureMessage());
        assertNull(event.payment().nextAction());
        assertTrue(event.payment().amountReceived().isZero());
        assertEquals(PaymentState.CANCELED, gateway.payment(created.gatewayPaymentId()).state());
    }

    @Test
    void aPaymentCanceledAtStripeIsCanceledWithStripesReason() throws Exception {
        GatewayPayment created = gateway.createPayment(order("80.00", PaymentMethodType.PIX, false));
        stripe.cancel(created.gatewayPaymentId(), "abandoned");
        GatewayEvent event = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.canceled"));
        assertEquals(GatewayEvent.Type.PAYMENT_CANCELED, event.type());
        assertEquals("abandoned", event.payment().failureCode());
    }

    @Test
    void aPixPaymentShowsItsQrCodeAndIsPaidInSeconds() throws Exception {
        GatewayPayment created = gateway.createPayment(order("99.90", PaymentMethodType.PIX, false));
        assertEquals(PaymentState.REQUIRES_ACTION, created.state());
        NextAction qr = created.nextAction();
        assertEquals(NextAction.Kind.PIX, qr.kind());
        assertTrue(qr.code().startsWith("000201"), "an EMV copy-paste code: " + qr.code());
        assertTrue(qr.url().toString().endsWith("qr.png"), qr.url().toString());
        Duration left = Duration.between(Instant.now(), qr.expiresAt());
        assertTrue(left.toSeconds() > 3500 && left.toSeconds() <= 3600, left.toString());
        assertEquals(List.of("3600"), lastParams("POST /v1/payment_intents").get("payment_method_options[pix][expires_after_seconds]"));

        stripe.pay(created.gatewayPaymentId());
        GatewayEvent paid = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.succeeded"));
        assertEquals(Money.brl("99.90"), paid.payment().amountReceived());
    }

    @Test
    void anOverpaidBoletoReportsWhatWasReceived() throws Exception {
        GatewayPayment created = gateway.createPayment(order("100.00", PaymentMethodType.BOLETO, false));
        stripe.overpay(created.gatewayPaymentId(), 10_550);
        GatewayEvent paid = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.succeeded"));
        assertEquals(PaymentState.SUCCEEDED, paid.payment().state());
        assertEquals(Money.brl("100.00"), paid.payment().amount());
        assertEquals(Money.brl("105.50"), paid.payment().amountReceived());
        assertTrue(paid.payment().amountReceived().isGreaterThan(paid.payment().amount()));
    }

    @Test
    void boletoAndPixAreForBrlOnlyAndABoletoNeedsThePayersDetails() {
        assertEquals(EnumSet.allOf(PaymentMethodType.class), gateway.methods(Currency.getInstance("BRL")));
        assertEquals(Map.of("publishableKey", stripe.publishableKey, "scriptUrl", "https://js.stripe.com/v3/"), gateway.browserSettings());
        assertEquals(EnumSet.of(PaymentMethodType.CARD), gateway.methods(Currency.getInstance("USD")));
        GatewayException dollars = assertThrows(GatewayException.class, () -> gateway.createPayment(new PaymentOrder("pay-usd",
                Money.of("10.00", "USD"), PaymentMethodType.PIX, payer(null), null, Map.of(), null, false)));
        assertEquals("payment_method_not_available", dollars.code());
        assertFalse(dollars.retryable());
        GatewayException incomplete = assertThrows(GatewayException.class, () -> gateway.createPayment(new PaymentOrder("pay-b",
                Money.brl("10.00"), PaymentMethodType.BOLETO, new Payer("c", null, "No Tax Id", "a@b.test", null, null), null,
                Map.of(), null, false)));
        assertEquals("payer_incomplete", incomplete.code());
        assertEquals(List.of(), stripe.calls, "refused before calling Stripe");
    }

    // ---- saving a card, charging it off-session

    private SavedMethod saveCard(String testCard) throws Exception {
        MethodSetup setup = gateway.startMethodSetup(payer(null), "setup-" + UUID.randomUUID());
        String pm = stripe.confirmSetup(setup.gatewaySetupId(), testCard);
        GatewayEvent event = receive(stripe.lastEvent(setup.gatewaySetupId(), "setup_intent.succeeded"));
        assertEquals(pm, event.savedMethod().gatewayMethodId());
        return event.savedMethod();
    }

    @Test
    void savingACardIsASetupIntentThatArrivesAsMethodSaved() throws Exception {
        String reference = "setup-" + UUID.randomUUID();
        MethodSetup setup = gateway.startMethodSetup(payer(null), reference);
        assertTrue(setup.gatewaySetupId().startsWith("seti_"), setup.gatewaySetupId());
        assertEquals(reference, setup.reference());
        assertTrue(setup.gatewayCustomerId().startsWith("cus_"));
        assertEquals(NextAction.Kind.CONFIRM_IN_BROWSER, setup.nextAction().kind());
        assertEquals(stripe.object(setup.gatewaySetupId()).path("client_secret").asText(), setup.nextAction().clientSecret());
        Map<String, List<String>> p = lastParams("POST /v1/setup_intents");
        assertEquals(List.of("off_session"), p.get("usage"));
        assertEquals(List.of("card"), p.get("payment_method_types[]"));
        assertEquals(List.of(reference), p.get("metadata[clientele_reference]"));

        String pm = stripe.confirmSetup(setup.gatewaySetupId(), FakeStripeServer.VISA);
        GatewayEvent event = receive(stripe.lastEvent(setup.gatewaySetupId(), "setup_intent.succeeded"));
        assertEquals(GatewayEvent.Type.METHOD_SAVED, event.type());
        assertEquals(reference, event.reference());
        assertNull(event.payment());
        SavedMethod saved = event.savedMethod();
        assertEquals(pm, saved.gatewayMethodId());
        assertEquals(setup.gatewayCustomerId(), saved.gatewayCustomerId());
        assertEquals("visa", saved.brand());
        assertEquals("4242", saved.last4());
        assertEquals(saved, gateway.savedMethod(pm));
    }

    @Test
    void aSavedCardIsChargedOffSession() throws Exception {
        SavedMethod card = saveCard(FakeStripeServer.VISA);
        PaymentOrder order = new PaymentOrder("auto-" + UUID.randomUUID(), Money.brl("300.00"), PaymentMethodType.CARD,
                payer(card.gatewayCustomerId()), "Invoice 43", Map.of("invoice", "43"), null, false);
        GatewayPayment charged = gateway.chargeSavedMethod(order, card);
        assertEquals(PaymentState.SUCCEEDED, charged.state());
        assertEquals(Money.brl("300.00"), charged.amountReceived());
        assertEquals(order.reference(), charged.reference());
        Map<String, List<String>> p = lastParams("POST /v1/payment_intents");
        assertEquals(List.of("true"), p.get("off_session"));
        assertEquals(List.of("true"), p.get("confirm"));
        assertEquals(List.of(card.gatewayMethodId()), p.get("payment_method"));
        assertEquals(List.of(card.gatewayCustomerId()), p.get("customer"));
        assertEquals(GatewayEvent.Type.PAYMENT_SUCCEEDED,
                receive(stripe.lastEvent(charged.gatewayPaymentId(), "payment_intent.succeeded")).type());
    }

    @Test
    void aDeclinedOffSessionChargeIsANonRetryableException() throws Exception {
        SavedMethod card = new SavedMethod(FakeStripeServer.DECLINED, saveCard(FakeStripeServer.VISA).gatewayCustomerId(),
                PaymentMethodType.CARD, "visa", "0002", null);
        PaymentOrder order = new PaymentOrder("auto-" + UUID.randomUUID(), Money.brl("300.00"), PaymentMethodType.CARD,
                payer(card.gatewayCustomerId()), null, Map.of(), null, false);
        GatewayException declined = assertThrows(GatewayException.class, () -> gateway.chargeSavedMethod(order, card));
        assertEquals("card_declined", declined.code());
        assertFalse(declined.retryable());
        assertEquals("Your card was declined.", declined.getMessage());
        // the same call again: Stripe answers the stored refusal, it does not charge again
        GatewayException again = assertThrows(GatewayException.class, () -> gateway.chargeSavedMethod(order, card));
        assertEquals("card_declined", again.code());
        assertEquals(1, stripe.events.stream().filter(e -> e.path("type").asText().equals("payment_intent.payment_failed")).count());
    }

    @Test
    void anOffSessionChargeNeedingAuthenticationRequiresActionInsteadOfFailing() throws Exception {
        SavedMethod card = saveCard(FakeStripeServer.AUTHENTICATION_REQUIRED);
        PaymentOrder order = new PaymentOrder("auto-" + UUID.randomUUID(), Money.brl("120.00"), PaymentMethodType.CARD,
                payer(card.gatewayCustomerId()), null, Map.of(), null, false);
        GatewayPayment charged = gateway.chargeSavedMethod(order, card);
        assertEquals(PaymentState.REQUIRES_ACTION, charged.state());
        assertEquals("authentication_required", charged.failureCode());
        assertEquals(order.reference(), charged.reference());
        assertEquals(NextAction.Kind.CONFIRM_IN_BROWSER, charged.nextAction().kind());
        assertEquals(stripe.object(charged.gatewayPaymentId()).path("client_secret").asText(), charged.nextAction().clientSecret(),
                "the pay link's page confirms on-session with it");

        GatewayEvent failed = receive(stripe.lastEvent(charged.gatewayPaymentId(), "payment_intent.payment_failed"));
        assertEquals(GatewayEvent.Type.PAYMENT_REQUIRES_ACTION, failed.type());
        stripe.authenticate(charged.gatewayPaymentId());
        assertEquals(GatewayEvent.Type.PAYMENT_SUCCEEDED,
                receive(stripe.lastEvent(charged.gatewayPaymentId(), "payment_intent.succeeded")).type());
    }

    // ---- idempotency and errors

    @Test
    void aRetriedCreateReturnsTheSamePaymentIntent() {
        PaymentOrder order = order("70.00", PaymentMethodType.CARD, false);
        GatewayPayment first = gateway.createPayment(order);
        GatewayPayment again = gateway.createPayment(order);
        assertEquals(first.gatewayPaymentId(), again.gatewayPaymentId());
        assertEquals(first.gatewayCustomerId(), again.gatewayCustomerId());
        assertEquals(1, stripe.events.stream().filter(e -> e.path("type").asText().equals("payment_intent.created")).count());
        assertEquals(1, stripe.events.stream().filter(e -> e.path("type").asText().equals("payment_intent.created")).count());

        PaymentOrder changed = new PaymentOrder(order.reference(), Money.brl("71.00"), order.method(), payer(first.gatewayCustomerId()),
                order.description(), order.metadata(), null, false);
        GatewayException conflict = assertThrows(GatewayException.class, () -> gateway.createPayment(changed));
        assertEquals("idempotency_error", conflict.code());
        assertFalse(conflict.retryable());
    }

    @Test
    void aServerErrorOrRateLimitIsRetryableAndTheRetrySucceeds() {
        PaymentOrder order = order("70.00", PaymentMethodType.PIX, false);
        stripe.outages.add(500);
        GatewayException down = assertThrows(GatewayException.class, () -> gateway.createPayment(order));
        assertTrue(down.retryable());
        assertEquals("api_error", down.code());
        stripe.outages.add(429);
        GatewayException limited = assertThrows(GatewayException.class, () -> gateway.createPayment(order));
        assertTrue(limited.retryable());
        assertEquals("rate_limit", limited.code());
        assertEquals(PaymentState.REQUIRES_ACTION, gateway.createPayment(order).state());
    }

    @Test
    void aWrongKeyIsNotRetryableAndNeverShown() {
        StripeGateway wrong = gateway(stripe.baseUrl(), "sk_test_wrongwrongwrong", Duration.ofSeconds(5), Clock.systemUTC());
        GatewayException refused = assertThrows(GatewayException.class, () -> wrong.payment("pi_1"));
        assertFalse(refused.retryable());
        assertFalse(refused.getMessage().contains("wrong"), refused.getMessage());
    }

    @Test
    void aTimeoutOrAnUnreachableStripeIsRetryable() throws Exception {
        stripe.delayMillis = 1500;
        GatewayException slow = assertThrows(GatewayException.class,
                () -> gateway(stripe.baseUrl(), stripe.secretKey, Duration.ofMillis(300), Clock.systemUTC()).payment("pi_1"));
        assertEquals("timeout", slow.code());
        assertTrue(slow.retryable());
        stripe.delayMillis = 0;
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        GatewayException gone = assertThrows(GatewayException.class,
                () -> gateway("http://127.0.0.1:" + closed, stripe.secretKey, Duration.ofSeconds(2), Clock.systemUTC()).payment("pi_1"));
        assertEquals("unreachable", gone.code());
        assertTrue(gone.retryable());
    }

    @Test
    void anUnknownPaymentIsNotRetryable() {
        GatewayException missing = assertThrows(GatewayException.class, () -> gateway.payment("pi_nope"));
        assertEquals("resource_missing", missing.code());
        assertFalse(missing.retryable());
    }

    // ---- configuration

    private static StripeConfig config(Map<String, Object> values) {
        return (StripeConfig) java.lang.reflect.Proxy.newProxyInstance(StripeConfig.class.getClassLoader(), new Class<?>[] {StripeConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void withoutItsKeysThereIsNoGatewayAndAReconfigurationAppliesLive() throws Exception {
        assertTrue(StripeGateway.Settings.of(config(Map.of("_webhookSecret", stripe.webhookSecret))).isEmpty());
        assertTrue(StripeGateway.Settings.of(config(Map.of("_secretKey", stripe.secretKey, "_webhookSecret", "  "))).isEmpty());

        StripeGateway configured = new StripeGateway(StripeGateway.Settings.of(config(Map.of("apiBaseUrl", "http://127.0.0.1:9",
                "_secretKey", stripe.secretKey, "_webhookSecret", stripe.webhookSecret, "connectTimeoutMillis", 500))).orElseThrow(),
                Clock.systemUTC());
        assertEquals(Map.of("scriptUrl", "https://js.stripe.com/v3/"), configured.browserSettings());
        assertEquals("unreachable", assertThrows(GatewayException.class, () -> configured.payment("pi_1")).code());
        configured.reconfigure(StripeGateway.Settings.of(config(Map.of("apiBaseUrl", stripe.baseUrl(), "_secretKey", stripe.secretKey,
                "_webhookSecret", stripe.webhookSecret, "publishableKey", stripe.publishableKey))).orElseThrow());
        assertEquals(PaymentState.REQUIRES_ACTION, configured.createPayment(order("5.00", PaymentMethodType.PIX, false)).state());
        assertEquals(stripe.publishableKey, configured.browserSettings().get("publishableKey"));
    }

    // ---- webhooks

    @Test
    void webhookSignatures() throws Exception {
        GatewayPayment created = gateway.createPayment(order("10.00", PaymentMethodType.PIX, false));
        String body = stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.requires_action").toString();
        long now = Instant.now().getEpochSecond();
        String good = FakeStripeServer.signatureHeader(stripe.webhookSecret, now, body);

        assertEquals(GatewayEvent.Type.PAYMENT_REQUIRES_ACTION, gateway.verifyWebhook(delivery(good, body)).type());
        // several v1 while the secret is rolled: one matching is enough, in any position; v0 is ignored
        String rolled = "t=" + now + ",v1=" + FakeStripeServer.sign("whsec_old", now, body) + ",v1="
                + FakeStripeServer.sign(stripe.webhookSecret, now, body) + ",v0=abc";
        assertEquals(created.gatewayPaymentId(), gateway.verifyWebhook(delivery(rolled, body)).payment().gatewayPaymentId());

        String tampered = body.replace("\"amount\":1000", "\"amount\":1");
        assertFalse(tampered.equals(body));
        assertRejected(good, tampered, "no v1 signature matches");
        assertRejected(FakeStripeServer.signatureHeader("whsec_someone_else", now, body), body, "no v1 signature matches");
        assertRejected(FakeStripeServer.signatureHeader(stripe.webhookSecret, now - 301, body), body, "outside the tolerance");
        assertRejected(FakeStripeServer.signatureHeader(stripe.webhookSecret, now + 330, body), body, "outside the tolerance");
        assertRejected("t=" + now + ",v0=" + FakeStripeServer.sign(stripe.webhookSecret, now, body), body, "no v1 signature");
        assertRejected("v1=" + FakeStripeServer.sign(stripe.webhookSecret, now, body), body, "no timestamp");
        assertRejected(null, body, "no Stripe-Signature");
        assertRejected("t=soon,v1=00", body, "not a number");
        // a well-signed body that is not an event
        assertRejected(FakeStripeServer.signatureHeader(stripe.webhookSecret, now, "[1]"), "[1]", "not a Stripe event");

        // the tolerance is the clock's: a gateway whose clock says it is 10 minutes later refuses the fresh signature
        StripeGateway later = gateway(stripe.baseUrl(), stripe.secretKey, Duration.ofSeconds(5),
                Clock.fixed(Instant.now().plusSeconds(600), ZoneOffset.UTC));
        assertThrows(WebhookRejected.class, () -> later.verifyWebhook(delivery(good, body)));
    }

    private void assertRejected(String signature, String body, String why) {
        WebhookRejected rejected = assertThrows(WebhookRejected.class, () -> gateway.verifyWebhook(delivery(signature, body)));
        assertTrue(rejected.getMessage().contains(why), rejected.getMessage());
        assertFalse(rejected.getMessage().contains(stripe.webhookSecret));
    }

    @Test
    void anyOtherEventIsOther() throws Exception {
        GatewayPayment created = gateway.createPayment(order("10.00", PaymentMethodType.CARD, false));
        GatewayEvent createdEvent = receive(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.created"));
        assertEquals(GatewayEvent.Type.OTHER, createdEvent.type());
        String body = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.refunded\",\"created\":1700000000,"
                + "\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\"}}}";
        GatewayEvent other = gateway.verifyWebhook(delivery(FakeStripeServer.signatureHeader(stripe.webhookSecret,
                Instant.now().getEpochSecond(), body), body));
        assertEquals(GatewayEvent.Type.OTHER, other.type());
        assertEquals("evt_1", other.eventId());
        assertNull(other.payment());

        // a signed payment event whose intent is in a state the gateway does not know is refused, not guessed at
        String odd = stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.created").toString()
                .replace("\"status\":\"requires_payment_method\"", "\"status\":\"requires_a_miracle\"");
        assertTrue(odd.contains("requires_a_miracle"));
        WebhookRejected rejected = assertThrows(WebhookRejected.class, () -> gateway.verifyWebhook(delivery(
                FakeStripeServer.signatureHeader(stripe.webhookSecret, Instant.now().getEpochSecond(), odd), odd)));
        assertTrue(rejected.getMessage().contains("cannot be read"), rejected.getMessage());
    }

    @Test
    void theFakeSignsAndDeliversWebhooksAgainAndOutOfOrder() throws Exception {
        List<GatewayEvent> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                Map<String, List<String>> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                try {
                    received.add(gateway.verifyWebhook(new WebhookDelivery(headers, exchange.getRequestBody().readAllBytes())));
                    exchange.sendResponseHeaders(200, -1);
                } catch (WebhookRejected e) {
                    exchange.sendResponseHeaders(400, -1);
                }
            }
        });
        receiver.start();
        try {
            stripe.webhookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            stripe.autoDeliver = true;
            GatewayPayment created = gateway.createPayment(order("10.00", PaymentMethodType.BOLETO, false));
            stripe.pay(created.gatewayPaymentId());
            stripe.awaitDeliveries();
            assertEquals(List.of(GatewayEvent.Type.OTHER, GatewayEvent.Type.PAYMENT_REQUIRES_ACTION, GatewayEvent.Type.PAYMENT_SUCCEEDED),
                    received.stream().map(GatewayEvent::type).toList());
            // Stripe delivers again, and late: the succeeded event twice, then the older requires_action
            JsonNode succeeded = stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.succeeded");
            assertEquals(200, stripe.deliver(succeeded));
            assertEquals(200, stripe.deliver(stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.requires_action")));
            assertEquals(5, received.size());
            assertEquals(received.get(2).eventId(), received.get(3).eventId(), "the same event, to deduplicate on");
            assertEquals(GatewayEvent.Type.PAYMENT_REQUIRES_ACTION, received.get(4).type());
            assertTrue(stripe.deliveries.stream().allMatch(d -> d.getValue() == 200), stripe.deliveries.toString());
        } finally {
            receiver.stop(0);
        }
    }
}
