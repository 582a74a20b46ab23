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
                Map.of("invoice", "42", "agency", "a-1"), URI.create("https://portal.test/return?payment=7"), saveForLater);
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
    void aCardPaymentIsACheckoutSessionPaidOnStripesPageAndSucceedsOnce() throws Exception {
        PaymentOrder order = order("123.45", PaymentMethodType.CARD, false);
        GatewayPayment created = gateway.createPayment(order);

        assertEquals(PaymentState.REQUIRES_ACTION, created.state());
        assertTrue(created.gatewayPaymentId().startsWith("cs_"), created.gatewayPaymentId());
        assertEquals(order.reference(), created.reference());
        assertEquals(Money.brl("123.45"), created.amount());
        assertTrue(created.amountReceived().isZero());
        assertEquals(PaymentMethodType.CARD, created.method());
        assertTrue(created.gatewayCustomerId().startsWith("cus_"), created.gatewayCustomerId());
        assertEquals(NextAction.Kind.REDIRECT, created.nextAction().kind());
        assertNull(created.nextAction().clientSecret(), "no secret for a script: the payer pays on Stripe's page");
        assertEquals(stripe.object(created.gatewayPaymentId()).path("url").asText(), created.nextAction().url().toString());
        assertTrue(created.nextAction().url().toString().startsWith(stripe.baseUrl() + "/checkout/cs_"));

        // what went over the wire: Stripe's form encoding, the customer first
        assertEquals(List.of("POST /v1/customers", "POST /v1/checkout/sessions"), stripe.calls);
        Map<String, List<String>> p = lastParams("POST /v1/checkout/sessions");
        assertEquals(List.of("payment"), p.get("mode"));
        assertEquals(List.of("brl"), p.get("line_items[0][price_data][currency]"));
        assertEquals(List.of("12345"), p.get("line_items[0][price_data][unit_amount]"));
        assertEquals(List.of("Invoice 42 — Acme"), p.get("line_items[0][price_data][product_data][name]"));
        assertEquals(List.of("1"), p.get("line_items[0][quantity]"));
        assertEquals(List.of("card"), p.get("payment_method_types[]"));
        assertEquals(List.of(created.gatewayCustomerId()), p.get("customer"));
        assertEquals(List.of(order.reference()), p.get("client_reference_id"));
        assertEquals(List.of("https://portal.test/return?payment=7"), p.get("success_url"));
        assertEquals(List.of("https://portal.test/return?payment=7&canceled=true"), p.get("cancel_url"));
        assertEquals(List.of("42"), p.get("metadata[invoice]"));
        assertEquals(List.of(order.reference()), p.get("metadata[clientele_reference]"));
        assertEquals(List.of("42"), p.get("payment_intent_data[metadata][invoice]"));
        assertEquals(List.of(order.reference()), p.get("payment_intent_data[metadata][clientele_reference]"));
        assertNull(p.get("payment_intent_data[setup_future_usage]"));
        assertEquals(List.of("customer-7"), lastParams("POST /v1/customers").get("metadata[clientele_reference]"));
        assertEquals(PaymentState.REQUIRES_ACTION, gateway.payment(created.gatewayPaymentId()).state(), "read back: still open");

        // paid on the hosted page: the session completes and its PaymentIntent succeeds; both events are a success
        JsonNode session = stripe.payCheckout(created.gatewayPaymentId(), FakeStripeServer.VISA);
        assertEquals("complete", session.path("status").asText());
        String intent = session.path("payment_intent").asText();
        GatewayEvent completed = receive(stripe.lastEvent(created.gatewayPaymentId(), "checkout.session.completed"));
        assertEquals(GatewayEvent.Type.PAYMENT_SUCCEEDED, completed.type());
        assertEquals(order.reference(), completed.reference());
        assertEquals(PaymentState.SUCCEEDED, completed.payment().state());
        assertEquals(Money.brl("123.45"), completed.payment().amountReceived());
        assertEquals(created.gatewayPaymentId(), completed.payment().gatewayPaymentId());
        assertNull(completed.payment().nextAction());
        assertNull(completed.payment().savedMethod(), "not asked to save the card");
        GatewayEvent succeeded = receive(stripe.lastEvent(intent, "payment_intent.succeeded"));
        assertEquals(GatewayEvent.Type.PAYMENT_SUCCEEDED, succeeded.type());
        assertEquals(order.reference(), succeeded.reference(), "the same payment of ours: recorded once by the caller");
        assertEquals(Money.brl("123.45"), succeeded.payment().amountReceived());
        assertEquals("Invoice 42 — Acme", stripe.object(intent).path("description").asText());
        // read back by either id
        assertEquals(PaymentState.SUCCEEDED, gateway.payment(created.gatewayPaymentId()).state());
        assertEquals(Money.brl("123.45"), gateway.payment(created.gatewayPaymentId()).amountReceived());
        assertEquals(PaymentState.SUCCEEDED, gateway.payment(intent).state());
    }

    @Test
    void aKnownCustomerIsReusedAndACardPaidOnCheckoutIsSavedWhenAsked() throws Exception {
        GatewayPayment first = gateway.createPayment(order("10.00", PaymentMethodType.CARD, true));
        PaymentOrder second = new PaymentOrder("pay-" + UUID.randomUUID(), Money.brl("20.00"), PaymentMethodType.CARD,
                payer(first.gatewayCustomerId()), null, Map.of(), URI.create("https://portal.test/back"), true);
        GatewayPayment created = gateway.createPayment(second);
        assertEquals(first.gatewayCustomerId(), created.gatewayCustomerId());
        assertEquals(1, stripe.calls.stream().filter("POST /v1/customers"::equals).count(), "one customer");
        Map<String, List<String>> p = lastParams("POST /v1/checkout/sessions");
        assertEquals(List.of("off_session"), p.get("payment_intent_data[setup_future_usage]"));
        assertEquals(List.of("Payment"), p.get("line_items[0][price_data][product_data][name]"), "a line needs a name");
        assertEquals(List.of("https://portal.test/back?canceled=true"), p.get("cancel_url"));

        stripe.payCheckout(created.gatewayPaymentId(), FakeStripeServer.MASTERCARD);
        GatewayEvent completed = receive(stripe.lastEvent(created.gatewayPaymentId(), "checkout.session.completed"));
        SavedMethod saved = completed.payment().savedMethod();
        assertNotNull(saved, "the card saved for autopay");
        assertEquals("mastercard", saved.brand());
        assertEquals("4444", saved.last4());
        assertEquals(first.gatewayCustomerId(), saved.gatewayCustomerId());
        assertEquals(PaymentMethodType.CARD, saved.type());
        assertNotNull(saved.expiry());
        assertEquals(saved, gateway.payment(created.gatewayPaymentId()).savedMethod());
    }

    @Test
    void aDeclinedCardOnCheckoutIsAFailedAttemptAndThePayerPaysWithAnotherCard() throws Exception {
        GatewayPayment created = gateway.createPayment(order("50.00", PaymentMethodType.CARD, false));
        JsonNode session = stripe.payCheckout(created.gatewayPaymentId(), FakeStripeServer.DECLINED);
        assertEquals("open", session.path("status").asText(), "the page stays open for another card");
        String intent = session.path("payment_intent").asText();
        GatewayEvent event = receive(stripe.lastEvent(intent, "payment_intent.payment_failed"));
        assertEquals(GatewayEvent.Type.PAYMENT_FAILED, event.type());
        assertEquals(PaymentState.REQUIRES_PAYMENT_METHOD, event.payment().state(), "not final: the session is still open");
        assertEquals("card_declined", event.payment().failureCode());
        assertEquals("Your card was declined.", event.payment().failureMessage());
        assertNull(event.payment().nextAction(), "nothing for a script: the payer is on the session's page");
        GatewayPayment open = gateway.payment(created.gatewayPaymentId());
        assertEquals(PaymentState.REQUIRES_ACTION, open.state());
        assertEquals(NextAction.Kind.REDIRECT, open.nextAction().kind());
        assertEquals("card_declined", open.failureCode());

        // a card that asks for authentication: authenticated on the page, then paid
        session = stripe.payCheckout(created.gatewayPaymentId(), FakeStripeServer.AUTHENTICATION_REQUIRED);
        assertEquals("open", session.path("status").asText());
        assertEquals("requires_action", stripe.object(intent).path("status").asText());
        assertNull(receive(stripe.lastEvent(intent, "payment_intent.requires_action")).payment().nextAction());
        assertEquals("complete", stripe.authenticateCheckout(created.gatewayPaymentId()).path("status").asText());
        GatewayEvent paid = receive(stripe.lastEvent(created.gatewayPaymentId(), "checkout.session.completed"));
        assertEquals(PaymentState.SUCCEEDED, paid.payment().state());
        assertNull(paid.payment().failureCode());
    }

    @Test
    void anAbandonedCheckoutExpiresAndIsCanceled() throws Exception {
        GatewayPayment created = gateway.createPayment(order("30.00", PaymentMethodType.CARD, false));
        stripe.expireCheckout(created.gatewayPaymentId());
        GatewayEvent expired = receive(stripe.lastEvent(created.gatewayPaymentId(), "checkout.session.expired"));
        assertEquals(GatewayEvent.Type.PAYMENT_CANCELED, expired.type());
        assertEquals(created.reference(), expired.reference());
        assertEquals(PaymentState.CANCELED, expired.payment().state());
        assertEquals("checkout_session_expired", expired.payment().failureCode());
        assertEquals(PaymentState.CANCELED, gateway.payment(created.gatewayPaymentId()).state());
        assertThrows(IllegalStateException.class, () -> stripe.payCheckout(created.gatewayPaymentId(), FakeStripeServer.VISA));
    }

    @Test
    void aCardPaymentNeedsAReturnUrlAndTheFakeValidatesSessionsAsStripeDoes() {
        GatewayException noReturn = assertThrows(GatewayException.class, () -> gateway.createPayment(new PaymentOrder("pay-x",
                Money.brl("10.00"), PaymentMethodType.CARD, payer(null), null, Map.of(), null, false)));
        assertEquals("return_url_missing", noReturn.code());
        assertEquals(List.of(), stripe.calls, "refused before calling Stripe");

        StripeApi api = new StripeApi(stripe.baseUrl(), stripe.secretKey, Duration.ofSeconds(2), Duration.ofSeconds(5));
        Map<String, StripeForm> refused = new java.util.LinkedHashMap<>();
        refused.put("parameter_missing:mode", new StripeForm().add("success_url", "https://a.test/"));
        refused.put("parameter_missing:success_url", new StripeForm().add("mode", "payment"));
        refused.put("url_invalid:success_url", new StripeForm().add("mode", "setup").add("success_url", "portal/x")
                .add("payment_method_types[]", "card"));
        refused.put("parameter_missing:line_items", new StripeForm().add("mode", "payment").add("success_url", "https://a.test/"));
        refused.put("parameter_missing:line_items[0][price_data][product_data][name]", new StripeForm().add("mode", "payment")
                .add("success_url", "https://a.test/").add("line_items[0][price_data][currency]", "brl")
                .add("line_items[0][price_data][unit_amount]", 100).add("line_items[0][quantity]", 1));
        refused.put("parameter_missing:currency", new StripeForm().add("mode", "setup").add("success_url", "https://a.test/"));
        refused.put("parameter_invalid:payment_intent_data", new StripeForm().add("mode", "setup").add("success_url", "https://a.test/")
                .add("currency", "brl").add("payment_intent_data[setup_future_usage]", "off_session"));
        refused.put("resource_missing:id", new StripeForm().add("mode", "setup").add("success_url", "https://a.test/")
                .add("currency", "brl").add("customer", "cus_nobody"));
        int n = 0;
        for (Map.Entry<String, StripeForm> e : refused.entrySet()) {
            StripeApi.Refusal r = assertThrows(StripeApi.Refusal.class, () -> api.post("/v1/checkout/sessions", e.getValue(), "k-" + e.getKey()));
            assertEquals(e.getKey(), r.code() + ":" + r.error().path("param").asText(), e.getValue().toString());
            assertEquals(r.code().equals("resource_missing") ? 404 : 400, r.status());
            n++;
        }
        assertEquals(8, n);
        // setup mode with a currency and no method types is fine, and the session is read back by its id
        JsonNode ok = api.post("/v1/checkout/sessions", new StripeForm().add("mode", "setup").add("success_url", "https://a.test/?s={CHECKOUT_SESSION_ID}")
                .add("currency", "brl"), "k-ok");
        assertEquals("open", api.get("/v1/checkout/sessions/" + ok.path("id").asText(), null).path("status").asText());
        assertEquals(ok.path("id").asText(), api.post("/v1/checkout/sessions", new StripeForm().add("mode", "setup")
                .add("success_url", "https://a.test/?s={CHECKOUT_SESSION_ID}").add("currency", "brl"), "k-ok").path("id").asText(),
                "the same Idempotency-Key: the same session");
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
        assertEquals(Map.of(), gateway.browserSettings(), "no Stripe.js: cards are paid on Checkout's page");
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
    void savingACardWithAReturnUrlIsACheckoutSessionInSetupModeAndBothEventsSayMethodSaved() throws Exception {
        String reference = "setup-" + UUID.randomUUID();
        MethodSetup setup = gateway.startMethodSetup(payer(null), reference, URI.create("https://portal.test/p?setup=1"));
        assertTrue(setup.gatewaySetupId().startsWith("cs_"), setup.gatewaySetupId());
        assertEquals(NextAction.Kind.REDIRECT, setup.nextAction().kind());
        assertNull(setup.nextAction().clientSecret());
        assertEquals(stripe.object(setup.gatewaySetupId()).path("url").asText(), setup.nextAction().url().toString());
        Map<String, List<String>> p = lastParams("POST /v1/checkout/sessions");
        assertEquals(List.of("setup"), p.get("mode"));
        assertEquals(List.of(setup.gatewayCustomerId()), p.get("customer"));
        assertEquals(List.of("card"), p.get("payment_method_types[]"));
        assertEquals(List.of(reference), p.get("setup_intent_data[metadata][clientele_reference]"));
        assertEquals(List.of("https://portal.test/p?setup=1&canceled=true"), p.get("cancel_url"));

        // a declined card on the page: nothing saved, the page stays open; then a card that authenticates when saved
        assertEquals("open", stripe.payCheckout(setup.gatewaySetupId(), FakeStripeServer.DECLINED).path("status").asText());
        assertEquals("open", stripe.payCheckout(setup.gatewaySetupId(), FakeStripeServer.AUTHENTICATION_ON_SETUP).path("status").asText());
        JsonNode session = stripe.authenticateCheckout(setup.gatewaySetupId());
        assertEquals("complete", session.path("status").asText());
        String setupIntent = session.path("setup_intent").asText();
        GatewayEvent completed = receive(stripe.lastEvent(setup.gatewaySetupId(), "checkout.session.completed"));
        GatewayEvent succeeded = receive(stripe.lastEvent(setupIntent, "setup_intent.succeeded"));
        for (GatewayEvent e : List.of(completed, succeeded)) {
            assertEquals(GatewayEvent.Type.METHOD_SAVED, e.type());
            assertEquals(reference, e.reference());
            assertEquals("3155", e.savedMethod().last4());
            assertEquals(setup.gatewayCustomerId(), e.savedMethod().gatewayCustomerId());
        }
        assertEquals(completed.savedMethod(), succeeded.savedMethod());
        // the saved card charges off-session without asking again
        PaymentOrder order = new PaymentOrder("auto-" + UUID.randomUUID(), Money.brl("12.00"), PaymentMethodType.CARD,
                payer(setup.gatewayCustomerId()), null, Map.of(), null, false);
        assertEquals(PaymentState.SUCCEEDED, gateway.chargeSavedMethod(order, completed.savedMethod()).state());
        // an abandoned setup page that expires is nothing to act on
        MethodSetup abandoned = gateway.startMethodSetup(payer(setup.gatewayCustomerId()), "setup-" + UUID.randomUUID(),
                URI.create("https://portal.test/p"));
        stripe.expireCheckout(abandoned.gatewaySetupId());
        assertEquals(GatewayEvent.Type.OTHER, receive(stripe.lastEvent(abandoned.gatewaySetupId(), "checkout.session.expired")).type());
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
        assertEquals(1, stripe.calls.stream().filter("POST /v1/checkout/sessions"::equals).count() - 1, "asked twice");
        assertEquals(first.nextAction().url(), again.nextAction().url(), "the same page");

        PaymentOrder changed = new PaymentOrder(order.reference(), Money.brl("71.00"), order.method(), payer(first.gatewayCustomerId()),
                order.description(), order.metadata(), order.returnUrl(), false);
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
        assertEquals("unreachable", assertThrows(GatewayException.class, () -> configured.payment("pi_1")).code());
        configured.reconfigure(StripeGateway.Settings.of(config(Map.of("apiBaseUrl", stripe.baseUrl(), "_secretKey", stripe.secretKey,
                "_webhookSecret", stripe.webhookSecret, "publishableKey", stripe.publishableKey))).orElseThrow());
        assertEquals(PaymentState.REQUIRES_ACTION, configured.createPayment(order("5.00", PaymentMethodType.PIX, false)).state());
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
        GatewayPayment created = gateway.createPayment(order("10.00", PaymentMethodType.PIX, false));
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
