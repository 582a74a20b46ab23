package io.clientele.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local Stripe: the part of Stripe's API the Stripe gateway speaks, with Stripe's JSON shapes, error format
 * ({@code {"error":{"type","code","message",…}}}) and status codes, state kept in memory, and the outside world driven
 * by the test.
 *
 * <p><b>Endpoints</b> (form-encoded, bracket notation, {@code Authorization: Bearer} {@link #secretKey}):
 * {@code POST /v1/customers}, {@code GET /v1/customers/{id}}, {@code POST /v1/payment_intents} (card, boleto, Pix;
 * {@code confirm=true} with {@code payment_method_data[type]=boleto|pix} shows the voucher or QR code; with
 * {@code payment_method=…&off_session=true} charges a saved card), {@code GET /v1/payment_intents/{id}},
 * {@code POST /v1/payment_intents/{id}/confirm} (what Stripe.js does in the payer's browser: also accepted with the
 * {@link #publishableKey} and the intent's {@code client_secret}), {@code POST /v1/setup_intents},
 * {@code GET /v1/setup_intents/{id}}, {@code POST /v1/setup_intents/{id}/confirm}, {@code GET /v1/payment_methods/{id}},
 * {@code POST /v1/checkout/sessions} (modes {@code payment} and {@code setup}, with Stripe's validation errors),
 * {@code GET /v1/checkout/sessions/{id}}, {@code POST /v1/checkout/sessions/{id}/expire}.
 * Every POST must carry an {@code Idempotency-Key}: the same key with the same parameters answers the stored answer
 * again (header {@code Idempotent-Replayed: true}); with other parameters or another endpoint, 400
 * {@code idempotency_error}, as Stripe does. Whatever the server finds wrong in what it receives is also kept in
 * {@link #problems}.
 *
 * <p><b>Test cards</b> (Stripe's documented test PaymentMethods): {@value #VISA} and {@value #MASTERCARD} succeed;
 * {@value #DECLINED} is declined ({@code card_declined}); {@value #INSUFFICIENT_FUNDS} is declined
 * ({@code card_declined}, {@code insufficient_funds}); {@value #AUTHENTICATION_REQUIRED} asks for authentication on
 * every payment (on-session {@code requires_action}, off-session 402 {@code authentication_required});
 * {@value #AUTHENTICATION_ON_SETUP} asks for it only when saved, then charges off-session. Saving a test card
 * (a SetupIntent, or a payment with {@code setup_future_usage}) creates a {@code pm_…} attached to the customer that
 * behaves like the card.
 *
 * <p><b>Checkout's hosted page</b>: a session's {@code url} is {@code GET /checkout/{cs_id}} on this server, a small HTML
 * page with the amount and description, a choice among the test cards, a Pay (Save card) button and a Cancel link to
 * {@code cancel_url}. Submitting it makes the session's PaymentIntent (from {@code payment_intent_data}) or SetupIntent
 * (from {@code setup_intent_data}) and confirms it as Stripe does, with the same events; a card that asks for
 * authentication shows an "Authenticate" step first; a declined card shows Stripe's message on the page and the payer
 * may choose another; once paid (saved) the session is {@code complete} ({@code checkout.session.completed}) and the
 * browser is sent to {@code success_url} with {@code {CHECKOUT_SESSION_ID}} replaced by the session's id. Without a
 * browser: {@link #payCheckout}, {@link #authenticateCheckout}, {@link #expireCheckout} ({@code checkout.session.expired})
 * and {@link #sessionFor} (the session made for a reference).
 *
 * <p><b>The outside world</b>: {@link #confirmPayment} and {@link #confirmSetup} (the payer's browser),
 * {@link #authenticate} (3-D Secure passed), {@link #pay} (a card succeeds; a boleto or Pix is paid, days later for a
 * boleto), {@link #overpay}, {@link #expire} (the voucher or code expires unpaid: {@code payment_intent.payment_failed}
 * with {@code payment_intent_payment_attempt_expired}), {@link #cancel}.
 *
 * <p><b>Webhooks</b>: every change makes an event ({@code {"id":"evt_…","object":"event","type":…,"created":…,
 * "data":{"object":{…}}}}, the object as it was then), kept in {@link #events} and, while {@link #webhookUrl} is set
 * and {@link #autoDeliver} is on, POSTed there in order on one background thread with a {@code Stripe-Signature}
 * under {@link #webhookSecret}. {@link #deliver} sends any event again (a duplicate, or out of order);
 * {@link #deliveries} records every attempt's answer.
 */
public final class FakeStripeServer implements AutoCloseable {

    public static final String VISA = "pm_card_visa";
    public static final String MASTERCARD = "pm_card_mastercard";
    public static final String DECLINED = "pm_card_chargeDeclined";
    public static final String INSUFFICIENT_FUNDS = "pm_card_chargeDeclinedInsufficientFunds";
    public static final String AUTHENTICATION_REQUIRED = "pm_card_authenticationRequired";
    public static final String AUTHENTICATION_ON_SETUP = "pm_card_authenticationRequiredOnSetup";
    public static final String API_VERSION = "2024-06-20";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Behaviour { SUCCEEDS, DECLINED, INSUFFICIENT_FUNDS, ALWAYS_AUTHENTICATE, AUTHENTICATE_ON_SETUP }

    private record Card(String brand, String last4, Behaviour behaviour) {
    }

    private static final Map<String, Card> TEST_CARDS = Map.of(
            VISA, new Card("visa", "4242", Behaviour.SUCCEEDS),
            MASTERCARD, new Card("mastercard", "4444", Behaviour.SUCCEEDS),
            DECLINED, new Card("visa", "0002", Behaviour.DECLINED),
            INSUFFICIENT_FUNDS, new Card("visa", "9995", Behaviour.INSUFFICIENT_FUNDS),
            AUTHENTICATION_REQUIRED, new Card("visa", "3184", Behaviour.ALWAYS_AUTHENTICATE),
            AUTHENTICATION_ON_SETUP, new Card("visa", "3155", Behaviour.AUTHENTICATE_ON_SETUP));

    public final String secretKey = "sk_test_" + random(24);
    public final String publishableKey = "pk_test_" + random(24);
    public final String webhookSecret = "whsec_" + random(32);
    /** Where events are POSTed; {@code null}: nowhere. */
    public volatile String webhookUrl;
    /** Whether each new event is POSTed at once (in order); off: only {@link #deliver} sends them. */
    public volatile boolean autoDeliver = true;
    /** Answer the next API calls with these statuses (e.g. 500, 429), one per entry, before doing anything. */
    public final List<Integer> outages = new CopyOnWriteArrayList<>();
    /** Milliseconds each API call waits before it is handled (to make a client time out). */
    public volatile long delayMillis;
    /** How many days after it was shown {@link #pay} says a boleto was paid (a boleto is confirmed days later). */
    public volatile int boletoSettlementDays = 2;

    /** What the server found wrong in what it received. */
    public final List<String> problems = new CopyOnWriteArrayList<>();
    /** Every API call: {@code "POST /v1/payment_intents"}, in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** The parameters of every API call, in order (for checking the encoding). */
    public final List<Map<String, List<String>>> params = new CopyOnWriteArrayList<>();
    /** Every event made, in order. */
    public final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    /** Every webhook attempt: the event id and the status the endpoint answered (0: no answer). */
    public final List<Map.Entry<String, Integer>> deliveries = new CopyOnWriteArrayList<>();

    private record Stored(String endpoint, Map<String, List<String>> params, int status, String body) {
    }

    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Stored> idempotency = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService webhookSender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-stripe-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Object lock = new Object();

    public FakeStripeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::api);
        server.createContext("/vouchers/", this::voucher);
        server.createContext("/checkout/", this::checkoutPage);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The base URL to configure as the gateway's {@code apiBaseUrl}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return baseUrl() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        webhookSender.shutdownNow();
    }

    // ---- reading state

    /** A copy of an object (customer, payment intent, setup intent, payment method) as it is now. */
    public ObjectNode object(String id) {
        ObjectNode o = objects.get(id);
        return o == null ? null : o.deepCopy();
    }

    /** The events made about {@code objectId}, oldest first. */
    public List<ObjectNode> eventsAbout(String objectId) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode e : events) {
            if (objectId.equals(e.path("data").path("object").path("id").asText())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The last event of {@code type} about {@code objectId}. */
    public ObjectNode lastEvent(String objectId, String type) {
        ObjectNode last = null;
        for (ObjectNode e : eventsAbout(objectId)) {
            if (type.equals(e.path("type").asText())) {
                last = e;
            }
        }
        if (last == null) {
            throw new IllegalStateException("no " + type + " event about " + objectId);
        }
        return last;
    }

    // ---- the outside world

    /** The payer's browser confirms a card PaymentIntent with a test card (Stripe.js); answers the intent as it is then. */
    public ObjectNode confirmPayment(String paymentIntentId, String testCard) {
        synchronized (lock) {
            ObjectNode intent = require(paymentIntentId);
            Answer answer = confirmCard(intent, testCard, false);
            return answer.status == 200 ? intent.deepCopy() : (ObjectNode) answer.body.path("error").path("payment_intent");
        }
    }

    /** The payer passes the authentication (3-D Secure) a card PaymentIntent in {@code requires_action} asked for. */
    public void authenticate(String paymentIntentId) {
        synchronized (lock) {
            ObjectNode intent = require(paymentIntentId);
            String status = intent.path("status").asText();
            if (!"requires_action".equals(status) && !("requires_payment_method".equals(status)
                    && "authentication_required".equals(intent.path("last_payment_error").path("code").asText()))) {
                throw new IllegalStateException(paymentIntentId + " does not await authentication: " + status);
            }
            String pm = intent.path("payment_method").asText(null);
            if (pm == null) {
                pm = intent.path("last_payment_error").path("payment_method").path("id").asText();
                intent.put("payment_method", pm);
            }
            succeed(intent, intent.path("amount").asLong(), Instant.now());
        }
    }

    /** The payer's browser confirms a SetupIntent with a test card; answers the saved {@code pm_…}. */
    public String confirmSetup(String setupIntentId, String testCard) {
        synchronized (lock) {
            ObjectNode setup = require(setupIntentId);
            Answer answer = confirmSetup(setup, testCard);
            if (answer.status != 200) {
                throw new IllegalStateException("the setup was refused: " + answer.body);
            }
            return setup.path("payment_method").asText();
        }
    }

    /**
     * The payer pays: a card PaymentIntent awaiting its payer is confirmed with {@value #VISA} (or authenticated when
     * it awaits authentication); a boleto or Pix awaiting payment is paid its exact amount (a boleto
     * {@link #boletoSettlementDays} days after it was shown).
     */
    public void pay(String paymentIntentId) {
        synchronized (lock) {
            ObjectNode intent = require(paymentIntentId);
            String type = intent.path("payment_method_types").path(0).asText();
            if (!"card".equals(type)) {
                settle(intent, intent.path("amount").asLong());
            } else if ("requires_action".equals(intent.path("status").asText())) {
                authenticate(paymentIntentId);
            } else {
                confirmPayment(paymentIntentId, VISA);
            }
        }
    }

    /** A boleto (or Pix) is paid with {@code amountReceived} minor units, more than its amount. */
    public void overpay(String paymentIntentId, long amountReceived) {
        synchronized (lock) {
            settle(require(paymentIntentId), amountReceived);
        }
    }

    /** A boleto voucher or Pix code expires unpaid: {@code payment_intent.payment_failed}, attempt expired. */
    public void expire(String paymentIntentId) {
        synchronized (lock) {
            ObjectNode intent = require(paymentIntentId);
            if (!"requires_action".equals(intent.path("status").asText())) {
                throw new IllegalStateException(paymentIntentId + " has nothing to expire: " + intent.path("status").asText());
            }
            String type = intent.path("payment_method_types").path(0).asText();
            ObjectNode error = error("invalid_request_error", "payment_intent_payment_attempt_expired",
                    "The latest attempt for this PaymentIntent has expired (the " + type + " was not paid in time).");
            error.set("payment_method", objects.get(intent.path("payment_method").asText()).deepCopy());
            intent.set("last_payment_error", error);
            intent.putNull("next_action");
            intent.put("status", "requires_payment_method");
            emit("payment_intent.payment_failed", intent);
        }
    }

    /** The PaymentIntent is canceled at Stripe ({@code payment_intent.canceled}) with the reason given (e.g. "abandoned"). */
    public void cancel(String paymentIntentId, String reason) {
        synchronized (lock) {
            ObjectNode intent = require(paymentIntentId);
            intent.put("status", "canceled");
            intent.put("cancellation_reason", reason);
            intent.put("canceled_at", Instant.now().getEpochSecond());
            intent.putNull("next_action");
            emit("payment_intent.canceled", intent);
        }
    }

    // ---- Checkout (the hosted page, without a browser)

    /** The Checkout Session made for our {@code reference} ({@code metadata[clientele_reference]}), the latest one. */
    public ObjectNode sessionFor(String reference) {
        ObjectNode found = null;
        for (ObjectNode o : objects.values()) {
            if ("checkout.session".equals(o.path("object").asText()) && reference.equals(o.path("metadata").path("clientele_reference").asText())
                    && (found == null || o.path("created").asLong() >= found.path("created").asLong())) {
                found = o;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no Checkout Session for " + reference);
        }
        return found.deepCopy();
    }

    /**
     * The payer submits the session's hosted page with {@code testCard}: answers the session as it is then — {@code complete}
     * when paid (or the card saved); still {@code open} when the card was declined (its PaymentIntent has the
     * {@code last_payment_error}) or asks for authentication (then {@link #authenticateCheckout}).
     */
    public ObjectNode payCheckout(String sessionId, String testCard) {
        synchronized (lock) {
            submitCheckout(require(sessionId), testCard, false);
            return require(sessionId).deepCopy();
        }
    }

    /** The payer passes the authentication the session's card asked for; answers the session (complete). */
    public ObjectNode authenticateCheckout(String sessionId) {
        synchronized (lock) {
            ObjectNode session = require(sessionId);
            String pending = session.path("pending_card").asText(null);
            if (pending == null) {
                throw new IllegalStateException(sessionId + " awaits no authentication");
            }
            submitCheckout(session, pending, true);
            return require(sessionId).deepCopy();
        }
    }

    /** The session expires unpaid (the payer left; Stripe's 24 hours): {@code checkout.session.expired}. */
    public ObjectNode expireCheckout(String sessionId) {
        synchronized (lock) {
            Answer answer = expireSession(require(sessionId));
            if (answer.status != 200) {
                throw new IllegalStateException(answer.body.toString());
            }
            return answer.body;
        }
    }

    // ---- webhooks

    /** POSTs {@code event} to {@link #webhookUrl} now, signed (again, for a duplicate; in any order); answers the status. */
    public int deliver(JsonNode event) {
        String body = event.toString();
        long t = Instant.now().getEpochSecond();
        int status = 0;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(Objects.requireNonNull(webhookUrl, "webhookUrl")))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("Stripe-Signature", "t=" + t + ",v1=" + sign(webhookSecret, t, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            status = answer.statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveries.add(Map.entry(event.path("id").asText(), status));
        return status;
    }

    /** Waits until the events made so far were delivered (when delivered automatically). */
    public void awaitDeliveries() {
        try {
            webhookSender.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("webhooks still being delivered", e);
        }
    }

    /** The {@code Stripe-Signature} header of {@code body} signed at {@code timestamp} under {@code secret}. */
    public static String signatureHeader(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + sign(secret, timestamp, body);
    }

    /** Stripe's v1 signature: hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void emit(String type, ObjectNode object) {
        emit(type, object, Instant.now());
    }

    private void emit(String type, ObjectNode object, Instant created) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_" + random(24));
        event.put("object", "event");
        event.put("api_version", API_VERSION);
        event.put("created", created.getEpochSecond());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        event.putObject("data").set("object", object.deepCopy());
        events.add(event);
        if (autoDeliver && webhookUrl != null) {
            webhookSender.submit(() -> deliver(event));
        }
    }

    // ---- the API

    private record Answer(int status, ObjectNode body) {
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String raw = "POST".equals(method) ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : exchange.getRequestURI().getRawQuery();
            Map<String, List<String>> p = parse(raw);
            calls.add(method + " " + path);
            params.add(p);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (!outages.isEmpty()) {
                int status = outages.remove(0);
                send(exchange, status, errorBody(status == 429 ? "invalid_request_error" : "api_error", status == 429 ? "rate_limit" : null,
                        status == 429 ? "Too many requests hit the API too quickly." : "An unknown error occurred on Stripe's end."));
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Stripe-Version") == null) {
                problems.add(method + " " + path + ": no Stripe-Version header");
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean secret = ("Bearer " + secretKey).equals(auth);
            boolean browser = ("Bearer " + publishableKey).equals(auth) && path.endsWith("/confirm");
            if (!secret && !browser) {
                String shown = auth == null ? "none" : auth.length() > 11 ? auth.substring(7, 15) + "****" : "****";
                send(exchange, 401, errorBody("invalid_request_error", null, "Invalid API Key provided: " + shown));
                return;
            }
            if (!"POST".equals(method)) {
                Answer answer;
                synchronized (lock) {
                    answer = get(path);
                }
                send(exchange, answer.status, answer.body);
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
                problems.add("POST " + path + ": content type " + contentType);
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key == null || key.isBlank()) {
                problems.add("POST " + path + ": no Idempotency-Key");
            }
            Answer answer;
            boolean replayed = false;
            synchronized (lock) {
                Stored stored = key == null ? null : idempotency.get(key);
                if (stored != null) {
                    if (!stored.endpoint().equals(path) || !stored.params().equals(p)) {
                        answer = new Answer(400, errorBody("idempotency_error", null, "Keys for idempotent requests can only be used with"
                                + " the same parameters they were first used with. Try using a key other than '" + key
                                + "' if you meant to execute a different request."));
                    } else {
                        answer = new Answer(stored.status(), (ObjectNode) JSON.readTree(stored.body()));
                        replayed = true;
                    }
                } else {
                    answer = post(path, p, browser);
                    // Stripe keeps the answer of a request that ran (success or a card refusal), not of one refused upfront
                    if (key != null && (answer.status == 200 || answer.status == 402)) {
                        idempotency.put(key, new Stored(path, p, answer.status, answer.body.toString()));
                    }
                }
            }
            if (replayed) {
                exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
            }
            send(exchange, answer.status, answer.body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problems.add("the fake failed: " + e);
            send(exchange, 500, errorBody("api_error", null, "The fake failed: " + e.getMessage()));
        }
    }

    private Answer get(String path) {
        String[] parts = path.split("/");
        if (parts.length == 5 && "checkout".equals(parts[2]) && "sessions".equals(parts[3])) {
            ObjectNode o = objects.get(parts[4]);
            return o != null && "checkout.session".equals(o.path("object").asText()) ? new Answer(200, o.deepCopy()) : missing(parts[4]);
        }
        if (parts.length == 4) {
            ObjectNode o = objects.get(parts[3]);
            String kind = switch (parts[2]) {
                case "customers" -> "customer";
                case "payment_intents" -> "payment_intent";
                case "setup_intents" -> "setup_intent";
                case "payment_methods" -> "payment_method";
                default -> null;
            };
            if (kind != null && o != null && kind.equals(o.path("object").asText())) {
                return new Answer(200, o.deepCopy());
            }
            if (kind != null) {
                return missing(parts[3]);
            }
        }
        return new Answer(404, errorBody("invalid_request_error", null, "Unrecognized request URL (GET: " + path + ")."));
    }

    private Answer post(String path, Map<String, List<String>> p, boolean browser) {
        String[] parts = path.split("/");
        if (browser) {
            // Stripe.js: only confirming, with the intent's client secret
            ObjectNode o = parts.length == 5 ? objects.get(parts[3]) : null;
            if (o == null || !o.path("client_secret").asText().equals(one(p, "client_secret"))) {
                return new Answer(401, errorBody("invalid_request_error", null, "The client_secret provided does not match."));
            }
        }
        if (path.equals("/v1/customers")) {
            return createCustomer(p);
        }
        if (path.equals("/v1/payment_intents")) {
            return createPaymentIntent(p);
        }
        if (path.equals("/v1/setup_intents")) {
            return createSetupIntent(p);
        }
        if (path.equals("/v1/checkout/sessions")) {
            return createSession(p);
        }
        if (parts.length == 6 && "checkout".equals(parts[2]) && "sessions".equals(parts[3]) && "expire".equals(parts[5])) {
            ObjectNode o = objects.get(parts[4]);
            return o != null && "checkout.session".equals(o.path("object").asText()) ? expireSession(o) : missing(parts[4]);
        }
        if (parts.length == 5 && "confirm".equals(parts[4])) {
            ObjectNode o = objects.get(parts[3]);
            if (o == null) {
                return missing(parts[3]);
            }
            String pm = one(p, "payment_method");
            if (pm == null) {
                return paramMissing("payment_method");
            }
            if ("payment_intents".equals(parts[2]) && "payment_intent".equals(o.path("object").asText())) {
                Answer answer = confirmCard(o, pm, false);
                return answer.status == 200 ? new Answer(200, o.deepCopy()) : answer;
            }
            if ("setup_intents".equals(parts[2]) && "setup_intent".equals(o.path("object").asText())) {
                Answer answer = confirmSetup(o, pm);
                return answer.status == 200 ? new Answer(200, o.deepCopy()) : answer;
            }
            return missing(parts[3]);
        }
        return new Answer(404, errorBody("invalid_request_error", null, "Unrecognized request URL (POST: " + path + ")."));
    }

    private Answer createCustomer(Map<String, List<String>> p) {
        ObjectNode customer = JSON.createObjectNode();
        customer.put("id", "cus_" + random(14));
        customer.put("object", "customer");
        customer.put("created", Instant.now().getEpochSecond());
        customer.put("name", one(p, "name"));
        customer.put("email", one(p, "email"));
        customer.set("address", address(p, "address"));
        customer.set("metadata", metadata(p));
        customer.put("livemode", false);
        objects.put(customer.path("id").asText(), customer);
        return new Answer(200, customer.deepCopy());
    }

    private Answer createPaymentIntent(Map<String, List<String>> p) {
        String amountText = one(p, "amount");
        String currency = one(p, "currency");
        if (amountText == null) {
            return paramMissing("amount");
        }
        if (currency == null) {
            return paramMissing("currency");
        }
        long amount;
        try {
            amount = Long.parseLong(amountText);
        } catch (NumberFormatException e) {
            return invalid("amount", "Invalid integer: " + amountText);
        }
        if (amount < 1) {
            return invalid("amount", "Amount must be at least 1");
        }
        List<String> types = p.getOrDefault("payment_method_types[]", List.of("card"));
        for (String type : types) {
            if (!List.of("card", "boleto", "pix").contains(type)) {
                return invalid("payment_method_types", "The payment method type \"" + type + "\" is invalid.");
            }
            if (!"card".equals(type) && !"brl".equals(currency)) {
                return invalid("payment_method_types", "The currency provided (" + currency + ") is invalid for " + type + ".");
            }
        }
        String customer = one(p, "customer");
        if (customer != null && !"customer".equals(objects.getOrDefault(customer, JSON.createObjectNode()).path("object").asText())) {
            return missing(customer);
        }
        String setupFutureUsage = one(p, "setup_future_usage");
        if (setupFutureUsage != null && customer == null) {
            return invalid("setup_future_usage", "A customer is required to save a payment method.");
        }
        ObjectNode intent = JSON.createObjectNode();
        String id = "pi_" + random(24);
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", 0);
        intent.put("currency", currency);
        intent.put("customer", customer);
        intent.put("description", one(p, "description"));
        intent.put("receipt_email", one(p, "receipt_email"));
        intent.set("metadata", metadata(p));
        ArrayNode typeArray = intent.putArray("payment_method_types");
        types.forEach(typeArray::add);
        intent.putNull("payment_method");
        intent.put("setup_future_usage", setupFutureUsage);
        intent.put("status", "requires_payment_method");
        intent.put("client_secret", id + "_secret_" + random(24));
        intent.putNull("next_action");
        intent.putNull("last_payment_error");
        intent.putNull("cancellation_reason");
        intent.putNull("latest_charge");
        intent.put("created", Instant.now().getEpochSecond());
        intent.put("livemode", false);
        ObjectNode options = intent.putObject("payment_method_options");
        String days = one(p, "payment_method_options[boleto][expires_after_days]");
        if (days != null) {
            options.putObject("boleto").put("expires_after_days", Integer.parseInt(days));
        }
        String seconds = one(p, "payment_method_options[pix][expires_after_seconds]");
        if (seconds != null) {
            options.putObject("pix").put("expires_after_seconds", Long.parseLong(seconds));
        }
        boolean confirm = "true".equals(one(p, "confirm"));
        boolean offSession = "true".equals(one(p, "off_session"));
        if (offSession && !confirm) {
            return invalid("off_session", "off_session can only be used with confirm=true.");
        }
        if (one(p, "return_url") != null && !confirm) {
            return invalid("return_url", "return_url can only be used with confirm=true.");
        }
        objects.put(id, intent);
        emit("payment_intent.created", intent);
        if (!confirm) {
            return new Answer(200, intent.deepCopy());
        }
        String dataType = one(p, "payment_method_data[type]");
        if (dataType != null) {
            if (!types.contains(dataType)) {
                return invalid("payment_method_data[type]", "The PaymentMethod type " + dataType + " is not allowed by payment_method_types.");
            }
            return showVoucher(intent, dataType, p);
        }
        String pm = one(p, "payment_method");
        if (pm == null) {
            return paramMissing("payment_method");
        }
        if (offSession) {
            if (customer == null) {
                return invalid("customer", "An off-session payment needs a customer.");
            }
            ObjectNode saved = objects.get(pm);
            if (saved != null && !customer.equals(saved.path("customer").asText())) {
                return invalid("payment_method", "The provided PaymentMethod belongs to another customer.");
            }
            if (saved == null && !TEST_CARDS.containsKey(pm)) {
                return missing(pm);
            }
        }
        Answer answer = confirmCard(intent, pm, offSession);
        return answer.status == 200 ? new Answer(200, intent.deepCopy()) : answer;
    }

    /** Boleto and Pix confirmed with the payer's details: the voucher or QR code is shown, the intent waits. */
    private Answer showVoucher(ObjectNode intent, String type, Map<String, List<String>> p) {
        String prefix = "payment_method_data[billing_details]";
        if ("boleto".equals(type)) {
            String taxId = one(p, "payment_method_data[boleto][tax_id]");
            if (taxId == null || !(taxId.matches("\\d{11}") || taxId.matches("\\d{14}"))) {
                return invalid("payment_method_data[boleto][tax_id]", "The tax_id must be a CPF (11 digits) or a CNPJ (14 digits).");
            }
            for (String field : List.of("[name]", "[email]", "[address][line1]", "[address][city]", "[address][state]",
                    "[address][postal_code]", "[address][country]")) {
                if (one(p, prefix + field) == null) {
                    return paramMissing(prefix + field);
                }
            }
        }
        ObjectNode pm = JSON.createObjectNode();
        String pmId = "pm_" + random(24);
        pm.put("id", pmId);
        pm.put("object", "payment_method");
        pm.put("type", type);
        pm.putNull("customer");
        ObjectNode billing = pm.putObject("billing_details");
        billing.put("name", one(p, prefix + "[name]"));
        billing.put("email", one(p, prefix + "[email]"));
        billing.set("address", address(p, prefix + "[address]"));
        if ("boleto".equals(type)) {
            pm.putObject("boleto").put("tax_id", one(p, "payment_method_data[boleto][tax_id]"));
        } else {
            pm.putObject("pix");
        }
        pm.put("created", Instant.now().getEpochSecond());
        objects.put(pmId, pm);
        intent.put("payment_method", pmId);
        intent.put("status", "requires_action");
        ObjectNode next = intent.putObject("next_action");
        String id = intent.path("id").asText();
        if ("boleto".equals(type)) {
            int days = intent.path("payment_method_options").path("boleto").path("expires_after_days").asInt(3);
            next.put("type", "boleto_display_details");
            ObjectNode details = next.putObject("boleto_display_details");
            details.put("expires_at", Instant.now().plus(Duration.ofDays(days)).getEpochSecond());
            details.put("hosted_voucher_url", url("/vouchers/" + id));
            details.put("number", digits(47));
            details.put("pdf", url("/vouchers/" + id + "/pdf"));
        } else {
            long seconds = intent.path("payment_method_options").path("pix").path("expires_after_seconds").asLong(86400);
            next.put("type", "pix_display_qr_code");
            ObjectNode qr = next.putObject("pix_display_qr_code");
            qr.put("data", "00020101021226880014br.gov.bcb.pix2566qr.stripe.com/pix/" + id + "5204000053039865802BR5913Stripe Fake6009SAO PAULO62070503***6304"
                    + digits(4));
            qr.put("expires_at", Instant.now().plusSeconds(seconds).getEpochSecond());
            qr.put("hosted_instructions_url", url("/vouchers/" + id));
            qr.put("image_url_png", url("/vouchers/" + id + "/qr.png"));
            qr.put("image_url_svg", url("/vouchers/" + id + "/qr.svg"));
        }
        emit("payment_intent.requires_action", intent);
        return new Answer(200, intent.deepCopy());
    }

    /** A card confirmed (on-session by the payer's browser, or off-session by the merchant) with a test or saved card. */
    private Answer confirmCard(ObjectNode intent, String pm, boolean offSession) {
        String status = intent.path("status").asText();
        if (!"requires_payment_method".equals(status) && !"requires_confirmation".equals(status)) {
            return new Answer(400, errorBody("invalid_request_error", "payment_intent_unexpected_state",
                    "This PaymentIntent's status is " + status + " and cannot be confirmed."));
        }
        if (!intent.path("payment_method_types").toString().contains("\"card\"")) {
            return invalid("payment_method", "The PaymentIntent does not allow card.");
        }
        ObjectNode card = objects.get(pm);
        Behaviour behaviour = card != null ? behaviours.get(pm) : TEST_CARDS.containsKey(pm) ? TEST_CARDS.get(pm).behaviour() : null;
        if (behaviour == null) {
            return missing(pm);
        }
        if (card == null) {
            card = newCard(pm, null);
        }
        String pmId = card.path("id").asText();
        intent.put("payment_method", pmId);
        intent.putNull("last_payment_error");
        boolean saving = "off_session".equals(intent.path("setup_future_usage").asText()) || offSession;
        String customer = intent.path("customer").asText(null);
        if (saving && customer != null && card.path("customer").isNull()) {
            card.put("customer", customer); // attached as it is used for a payment that saves it
        }
        switch (behaviour) {
            case DECLINED, INSUFFICIENT_FUNDS -> {
                ObjectNode error = error("card_error", "card_declined", behaviour == Behaviour.DECLINED ? "Your card was declined."
                        : "Your card has insufficient funds.");
                error.put("decline_code", behaviour == Behaviour.DECLINED ? "generic_decline" : "insufficient_funds");
                error.set("payment_method", card.deepCopy());
                intent.set("last_payment_error", error);
                intent.put("status", "requires_payment_method");
                intent.putNull("payment_method");
                emit("payment_intent.payment_failed", intent);
                ObjectNode body = errorBody(error.deepCopy());
                ((ObjectNode) body.path("error")).set("payment_intent", intent.deepCopy());
                return new Answer(402, body);
            }
            case ALWAYS_AUTHENTICATE -> {
                if (offSession) {
                    ObjectNode error = error("card_error", "authentication_required",
                            "Your card was declined. This transaction requires authentication.");
                    error.put("decline_code", "authentication_required");
                    error.set("payment_method", card.deepCopy());
                    intent.set("last_payment_error", error);
                    intent.put("status", "requires_payment_method");
                    intent.putNull("payment_method");
                    emit("payment_intent.payment_failed", intent);
                    ObjectNode body = errorBody(error.deepCopy());
                    ((ObjectNode) body.path("error")).set("payment_intent", intent.deepCopy());
                    return new Answer(402, body);
                }
                requireAction(intent);
                return new Answer(200, intent);
            }
            default -> {
                succeed(intent, intent.path("amount").asLong(), Instant.now());
                return new Answer(200, intent);
            }
        }
    }

    private void requireAction(ObjectNode intent) {
        intent.put("status", "requires_action");
        ObjectNode next = intent.putObject("next_action");
        next.put("type", "use_stripe_sdk");
        next.putObject("use_stripe_sdk").put("type", "three_d_secure_redirect");
        emit("payment_intent.requires_action", intent);
    }

    private Answer confirmSetup(ObjectNode setup, String pm) {
        if ("succeeded".equals(setup.path("status").asText())) {
            return new Answer(400, errorBody("invalid_request_error", "setup_intent_unexpected_state",
                    "This SetupIntent has already succeeded."));
        }
        Card test = TEST_CARDS.get(pm);
        if (test == null) {
            return missing(pm);
        }
        if (test.behaviour() == Behaviour.DECLINED || test.behaviour() == Behaviour.INSUFFICIENT_FUNDS) {
            ObjectNode error = error("card_error", "card_declined", "Your card was declined.");
            setup.set("last_setup_error", error);
            emit("setup_intent.setup_failed", setup);
            ObjectNode body = errorBody(error.deepCopy());
            ((ObjectNode) body.path("error")).set("setup_intent", setup.deepCopy());
            return new Answer(402, body);
        }
        ObjectNode card = newCard(pm, setup.path("customer").asText(null));
        setup.put("payment_method", card.path("id").asText());
        setup.put("status", "succeeded");
        setup.putNull("last_setup_error");
        setup.putNull("next_action");
        emit("setup_intent.succeeded", setup);
        return new Answer(200, setup);
    }

    private ObjectNode newCard(String testCard, String customer) {
        Card test = TEST_CARDS.get(testCard);
        ObjectNode pm = JSON.createObjectNode();
        String id = "pm_" + random(24);
        pm.put("id", id);
        pm.put("object", "payment_method");
        pm.put("type", "card");
        pm.put("customer", customer);
        ObjectNode card = pm.putObject("card");
        card.put("brand", test.brand());
        card.put("last4", test.last4());
        card.put("exp_month", 12);
        card.put("exp_year", Instant.now().atZone(java.time.ZoneOffset.UTC).getYear() + 3);
        card.put("country", "BR");
        card.put("funding", "credit");
        pm.putObject("billing_details");
        pm.put("created", Instant.now().getEpochSecond());
        objects.put(id, pm);
        // a saved card that asked for authentication only when it was set up charges off-session without it
        behaviours.put(id, test.behaviour() == Behaviour.AUTHENTICATE_ON_SETUP && customer != null ? Behaviour.SUCCEEDS
                : test.behaviour() == Behaviour.AUTHENTICATE_ON_SETUP ? Behaviour.ALWAYS_AUTHENTICATE : test.behaviour());
        return pm;
    }

    private Answer createSetupIntent(Map<String, List<String>> p) {
        String customer = one(p, "customer");
        if (customer != null && !"customer".equals(objects.getOrDefault(customer, JSON.createObjectNode()).path("object").asText())) {
            return missing(customer);
        }
        ObjectNode setup = JSON.createObjectNode();
        String id = "seti_" + random(24);
        setup.put("id", id);
        setup.put("object", "setup_intent");
        setup.put("customer", customer);
        setup.put("usage", one(p, "usage") == null ? "off_session" : one(p, "usage"));
        ArrayNode types = setup.putArray("payment_method_types");
        p.getOrDefault("payment_method_types[]", List.of("card")).forEach(types::add);
        setup.put("status", "requires_payment_method");
        setup.put("client_secret", id + "_secret_" + random(24));
        setup.putNull("payment_method");
        setup.putNull("next_action");
        setup.putNull("last_setup_error");
        setup.set("metadata", metadata(p));
        setup.put("created", Instant.now().getEpochSecond());
        setup.put("livemode", false);
        objects.put(id, setup);
        emit("setup_intent.created", setup);
        return new Answer(200, setup.deepCopy());
    }

    // ---- Checkout Sessions

    private Answer createSession(Map<String, List<String>> p) {
        String mode = one(p, "mode");
        if (mode == null) {
            return paramMissing("mode");
        }
        if (!"payment".equals(mode) && !"setup".equals(mode)) {
            return invalid("mode", "Invalid mode: the fake speaks payment and setup (got " + mode + ").");
        }
        for (String url : new String[] {"success_url", "cancel_url"}) {
            String value = one(p, url);
            if (value == null && "success_url".equals(url)) {
                return paramMissing("success_url");
            }
            if (value != null && !value.matches("https?://\\S+")) {
                ObjectNode error = error("invalid_request_error", "url_invalid", "Not a valid URL");
                error.put("param", url);
                return new Answer(400, errorBody(error));
            }
        }
        String customer = one(p, "customer");
        if (customer != null && !"customer".equals(objects.getOrDefault(customer, JSON.createObjectNode()).path("object").asText())) {
            return missing(customer);
        }
        List<String> types = p.getOrDefault("payment_method_types[]", List.of());
        for (String type : types) {
            if (!"card".equals(type)) {
                return invalid("payment_method_types", "The fake's Checkout takes card only (got " + type + ").");
            }
        }
        boolean hasPiData = p.keySet().stream().anyMatch(k -> k.startsWith("payment_intent_data["));
        boolean hasSiData = p.keySet().stream().anyMatch(k -> k.startsWith("setup_intent_data["));
        String currency = one(p, "currency");
        long amount = 0;
        if ("payment".equals(mode)) {
            if (hasSiData) {
                return invalid("setup_intent_data", "You can only pass in setup_intent_data in setup mode.");
            }
            if (one(p, "line_items[0][price]") == null && one(p, "line_items[0][price_data][currency]") == null
                    && one(p, "line_items[0][quantity]") == null) {
                return paramMissing("line_items");
            }
            for (int i = 0; p.containsKey("line_items[" + i + "][quantity]") || p.containsKey("line_items[" + i + "][price_data][currency]"); i++) {
                String prefix = "line_items[" + i + "]";
                if (one(p, prefix + "[price]") != null) {
                    return invalid(prefix + "[price]", "The fake takes price_data only.");
                }
                String itemCurrency = one(p, prefix + "[price_data][currency]");
                if (itemCurrency == null) {
                    return paramMissing(prefix + "[price_data][currency]");
                }
                if (currency != null && !currency.equals(itemCurrency)) {
                    return invalid(prefix + "[price_data][currency]", "All line items must be in the session's currency.");
                }
                currency = itemCurrency;
                String unit = one(p, prefix + "[price_data][unit_amount]");
                if (unit == null) {
                    return paramMissing(prefix + "[price_data][unit_amount]");
                }
                if (one(p, prefix + "[price_data][product_data][name]") == null && one(p, prefix + "[price_data][product]") == null) {
                    return paramMissing(prefix + "[price_data][product_data][name]");
                }
                String quantity = one(p, prefix + "[quantity]");
                if (quantity == null) {
                    return paramMissing(prefix + "[quantity]");
                }
                try {
                    long u = Long.parseLong(unit);
                    long q = Long.parseLong(quantity);
                    if (u < 0 || q < 1) {
                        return invalid(prefix, "unit_amount must be at least 0 and quantity at least 1.");
                    }
                    amount += u * q;
                } catch (NumberFormatException e) {
                    return invalid(prefix + "[price_data][unit_amount]", "Invalid integer: " + unit);
                }
            }
            if (amount < 1) {
                return invalid("line_items", "The Checkout Session's total amount must be at least 1.");
            }
            String sfu = one(p, "payment_intent_data[setup_future_usage]");
            if (sfu != null && !List.of("on_session", "off_session").contains(sfu)) {
                return invalid("payment_intent_data[setup_future_usage]", "Invalid setup_future_usage: " + sfu);
            }
        } else {
            if (hasPiData) {
                return invalid("payment_intent_data", "You can only pass in payment_intent_data in payment mode.");
            }
            if (p.keySet().stream().anyMatch(k -> k.startsWith("line_items["))) {
                return invalid("line_items", "You cannot pass line_items in setup mode.");
            }
            if (types.isEmpty() && currency == null) {
                return paramMissing("currency"); // Stripe: required in setup mode when payment_method_types is not set
            }
        }
        ObjectNode session = JSON.createObjectNode();
        String id = "cs_test_" + random(58);
        session.put("id", id);
        session.put("object", "checkout.session");
        session.put("mode", mode);
        session.put("status", "open");
        session.put("payment_status", "payment".equals(mode) ? "unpaid" : "no_payment_required");
        session.put("url", url("/checkout/" + id));
        session.put("success_url", one(p, "success_url"));
        session.put("cancel_url", one(p, "cancel_url"));
        session.put("customer", customer);
        session.put("client_reference_id", one(p, "client_reference_id"));
        session.put("currency", currency);
        if ("payment".equals(mode)) {
            session.put("amount_subtotal", amount);
            session.put("amount_total", amount);
        } else {
            session.putNull("amount_subtotal");
            session.putNull("amount_total");
        }
        ArrayNode typeArray = session.putArray("payment_method_types");
        (types.isEmpty() ? List.of("card") : types).forEach(typeArray::add);
        session.set("metadata", metadata(p));
        session.putNull("payment_intent");
        session.putNull("setup_intent");
        session.put("created", Instant.now().getEpochSecond());
        session.put("expires_at", Instant.now().plus(Duration.ofHours(24)).getEpochSecond());
        session.put("livemode", false);
        // what the session makes its intent with when the payer submits (Stripe keeps it too, not shown in the object)
        ObjectNode data = JSON.createObjectNode();
        p.forEach((k, v) -> {
            if (k.startsWith("payment_intent_data[") || k.startsWith("setup_intent_data[")) {
                data.put(k, v.get(0));
            }
        });
        data.put("description", one(p, "line_items[0][price_data][product_data][name]"));
        sessionData.put(id, data);
        objects.put(id, session);
        return new Answer(200, session.deepCopy());
    }

    private final Map<String, ObjectNode> sessionData = new ConcurrentHashMap<>();

    private Answer expireSession(ObjectNode session) {
        if (!"open".equals(session.path("status").asText())) {
            return new Answer(400, errorBody("invalid_request_error", "checkout_session_unexpected_state",
                    "This Checkout Session is " + session.path("status").asText() + " and can no longer be expired."));
        }
        session.put("status", "expired");
        session.remove("pending_card");
        String pi = session.path("payment_intent").asText(null);
        if (pi != null && !"succeeded".equals(objects.get(pi).path("status").asText())) {
            cancel(pi, "abandoned");
        }
        emit("checkout.session.expired", publicView(session));
        return new Answer(200, publicView(session));
    }

    /** The session as Stripe shows it (without the fake's own bookkeeping). */
    private static ObjectNode publicView(ObjectNode session) {
        ObjectNode copy = session.deepCopy();
        copy.remove("pending_card");
        copy.remove("last_error");
        return copy;
    }

    /**
     * The hosted page submitted with {@code card} ({@code authenticated}: the authentication step passed): the session's
     * intent is made (once) and confirmed; paid or saved → the session completes. Answers the error message to show, or null.
     */
    private String submitCheckout(ObjectNode session, String card, boolean authenticated) {
        if (!"open".equals(session.path("status").asText())) {
            throw new IllegalStateException(session.path("id").asText() + " is " + session.path("status").asText());
        }
        Card test = TEST_CARDS.get(card);
        if (test == null) {
            throw new IllegalArgumentException("not a test card: " + card);
        }
        ObjectNode data = sessionData.get(session.path("id").asText());
        session.remove("last_error");
        if ("setup".equals(session.path("mode").asText())) {
            ObjectNode setup = session.path("setup_intent").isNull() ? null : objects.get(session.path("setup_intent").asText());
            if (setup == null) {
                Map<String, List<String>> p = new LinkedHashMap<>();
                p.put("customer", session.path("customer").isNull() ? new ArrayList<>() : List.of(session.path("customer").asText()));
                p.values().removeIf(List::isEmpty);
                p.put("usage", List.of("off_session"));
                p.put("payment_method_types[]", List.of("card"));
                data.fields().forEachRemaining(e -> {
                    if (e.getKey().startsWith("setup_intent_data[metadata][")) {
                        p.put("metadata[" + e.getKey().substring("setup_intent_data[metadata][".length()), List.of(e.getValue().asText()));
                    }
                });
                setup = objects.get(createSetupIntent(p).body.path("id").asText());
                session.put("setup_intent", setup.path("id").asText());
            }
            boolean asks = test.behaviour() == Behaviour.ALWAYS_AUTHENTICATE || test.behaviour() == Behaviour.AUTHENTICATE_ON_SETUP;
            if (asks && !authenticated) {
                session.put("pending_card", card);
                return null;
            }
            session.remove("pending_card");
            Answer answer = confirmSetup(setup, card);
            if (answer.status != 200) {
                String message = answer.body.path("error").path("message").asText("Your card was declined.");
                session.put("last_error", message);
                return message;
            }
            complete(session);
            return null;
        }
        ObjectNode intent = session.path("payment_intent").isNull() ? null : objects.get(session.path("payment_intent").asText());
        if (intent == null) {
            Map<String, List<String>> p = new LinkedHashMap<>();
            p.put("amount", List.of(session.path("amount_total").asText()));
            p.put("currency", List.of(session.path("currency").asText()));
            if (!session.path("customer").isNull()) {
                p.put("customer", List.of(session.path("customer").asText()));
            }
            p.put("payment_method_types[]", List.of("card"));
            String description = data.path("payment_intent_data[description]").asText(data.path("description").asText(null));
            if (description != null) {
                p.put("description", List.of(description));
            }
            data.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("payment_intent_data[metadata][")) {
                    p.put("metadata[" + e.getKey().substring("payment_intent_data[metadata][".length()), List.of(e.getValue().asText()));
                }
            });
            String sfu = data.path("payment_intent_data[setup_future_usage]").asText(null);
            if (sfu != null && !session.path("customer").isNull()) {
                p.put("setup_future_usage", List.of(sfu));
            }
            Answer created = createPaymentIntent(p);
            if (created.status != 200) {
                throw new IllegalStateException("the session's PaymentIntent was refused: " + created.body);
            }
            intent = objects.get(created.body.path("id").asText());
            session.put("payment_intent", intent.path("id").asText());
        }
        if (authenticated) {
            session.remove("pending_card");
            authenticate(intent.path("id").asText());
        } else {
            Answer answer = confirmCard(intent, card, false);
            if (answer.status != 200) {
                String message = answer.body.path("error").path("message").asText("Your card was declined.");
                session.put("last_error", message);
                return message;
            }
            if ("requires_action".equals(intent.path("status").asText())) {
                session.put("pending_card", card);
                return null;
            }
        }
        if ("succeeded".equals(intent.path("status").asText())) {
            session.put("payment_status", "paid");
            complete(session);
        }
        return null;
    }

    private void complete(ObjectNode session) {
        session.put("status", "complete");
        session.remove("pending_card");
        emit("checkout.session.completed", publicView(session));
    }

    // ---- the hosted page

    private static final Map<String, String> CARD_LABELS = new LinkedHashMap<>();

    static {
        CARD_LABELS.put(VISA, "Visa •••• 4242 (succeeds)");
        CARD_LABELS.put(MASTERCARD, "Mastercard •••• 4444 (succeeds)");
        CARD_LABELS.put(DECLINED, "Visa •••• 0002 (declined)");
        CARD_LABELS.put(INSUFFICIENT_FUNDS, "Visa •••• 9995 (insufficient funds)");
        CARD_LABELS.put(AUTHENTICATION_REQUIRED, "Visa •••• 3184 (asks for authentication)");
        CARD_LABELS.put(AUTHENTICATION_ON_SETUP, "Visa •••• 3155 (authenticates when saved)");
    }

    private void checkoutPage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/checkout/".length());
            String redirect = null;
            String page;
            synchronized (lock) {
                ObjectNode session = objects.get(id);
                if (session == null || !"checkout.session".equals(session.path("object").asText())) {
                    html(exchange, 404, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>"
                            + "<body><main><h1>This payment page does not exist</h1></main></body></html>");
                    return;
                }
                String message = null;
                if ("POST".equals(exchange.getRequestMethod()) && "open".equals(session.path("status").asText())) {
                    Map<String, List<String>> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    boolean authenticate = "authenticate".equals(one(form, "action"));
                    String card = authenticate ? session.path("pending_card").asText(null) : one(form, "card");
                    if (card == null || !TEST_CARDS.containsKey(card)) {
                        message = "Choose a card.";
                    } else {
                        message = submitCheckout(session, card, authenticate);
                    }
                }
                if ("complete".equals(session.path("status").asText())) {
                    redirect = session.path("success_url").asText().replace("{CHECKOUT_SESSION_ID}", id);
                    page = null;
                } else {
                    page = checkoutHtml(session, message);
                }
            }
            if (redirect != null) {
                exchange.getResponseHeaders().add("Location", redirect);
                exchange.sendResponseHeaders(303, -1);
                return;
            }
            html(exchange, 200, page);
        }
    }

    private String checkoutHtml(ObjectNode session, String message) {
        String id = session.path("id").asText();
        boolean setup = "setup".equals(session.path("mode").asText());
        ObjectNode data = sessionData.getOrDefault(id, JSON.createObjectNode());
        StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(setup ? "Save a card" : "Pay").append(" — Stripe Checkout (fake)</title></head><body><main>");
        if (setup) {
            b.append("<h1>Save a card</h1><p id=\"description\">For future payments</p>");
        } else {
            b.append("<h1>Pay ").append(esc(session.path("currency").asText().toUpperCase(java.util.Locale.ROOT))).append(' ')
                    .append(esc(new java.math.BigDecimal(session.path("amount_total").asLong()).movePointLeft(2).toPlainString()))
                    .append("</h1><p id=\"description\">").append(esc(data.path("description").asText(""))).append("</p>");
        }
        String status = session.path("status").asText();
        if (!"open".equals(status)) {
            b.append("<p id=\"closed\" role=\"alert\">This page has ").append("expired".equals(status) ? "expired" : "been used").append(".</p>");
        } else if (session.hasNonNull("pending_card")) {
            b.append("<form method=\"post\" id=\"authenticate-form\"><h2>Authenticate</h2><p>Your bank asks you to confirm this ")
                    .append(setup ? "card" : "payment").append(".</p><input type=\"hidden\" name=\"action\" value=\"authenticate\">")
                    .append("<button type=\"submit\" id=\"authenticate\">Complete authentication</button></form>");
        } else {
            if (message != null) {
                b.append("<p id=\"error\" role=\"alert\">").append(esc(message)).append("</p>");
            }
            b.append("<form method=\"post\" id=\"checkout-form\"><fieldset><legend>Card</legend>");
            int n = 0;
            for (Map.Entry<String, String> card : CARD_LABELS.entrySet()) {
                b.append("<div><input type=\"radio\" name=\"card\" id=\"").append(card.getKey()).append("\" value=\"")
                        .append(card.getKey()).append('"').append(n++ == 0 ? " checked" : "").append("><label for=\"")
                        .append(card.getKey()).append("\">").append(esc(card.getValue())).append("</label></div>");
            }
            b.append("</fieldset><button type=\"submit\" id=\"submit\">").append(setup ? "Save card" : "Pay").append("</button></form>");
        }
        if (session.hasNonNull("cancel_url") && "open".equals(status)) {
            b.append("<p><a id=\"cancel\" href=\"").append(esc(session.path("cancel_url").asText())).append("\">Cancel and go back</a></p>");
        }
        return b.append("</main></body></html>").toString();
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A boleto or Pix awaiting payment is paid ({@code payment_intent.succeeded}). */
    private void settle(ObjectNode intent, long amountReceived) {
        String type = intent.path("payment_method_types").path(0).asText();
        if ("card".equals(type) || !"requires_action".equals(intent.path("status").asText())) {
            throw new IllegalStateException(intent.path("id").asText() + " is not a " + type + " awaiting payment: " + intent.path("status").asText());
        }
        if (amountReceived < intent.path("amount").asLong()) {
            throw new IllegalArgumentException("Stripe does not take a boleto or Pix paid with less than its amount");
        }
        Instant paidAt = "boleto".equals(type) ? Instant.now().plus(Duration.ofDays(boletoSettlementDays)) : Instant.now();
        succeed(intent, amountReceived, paidAt);
    }

    private void succeed(ObjectNode intent, long amountReceived, Instant at) {
        intent.put("status", "succeeded");
        intent.put("amount_received", amountReceived);
        intent.putNull("next_action");
        intent.putNull("last_payment_error");
        intent.put("latest_charge", "ch_" + random(24));
        emit("payment_intent.succeeded", intent, at);
    }

    private ObjectNode require(String id) {
        ObjectNode o = objects.get(id);
        if (o == null) {
            throw new IllegalArgumentException("no such object: " + id);
        }
        return o;
    }

    // ---- the vouchers' pages (what the payer would open)

    private void voucher(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] page = ("<!doctype html><title>Boleto / Pix</title><p>" + exchange.getRequestURI().getPath() + "</p>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
        }
    }

    // ---- Stripe's shapes

    private static ObjectNode error(String type, String code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", message);
        return error;
    }

    private static ObjectNode errorBody(ObjectNode error) {
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body;
    }

    private static ObjectNode errorBody(String type, String code, String message) {
        return errorBody(error(type, code, message));
    }

    private static Answer missing(String id) {
        ObjectNode error = error("invalid_request_error", "resource_missing", "No such object: '" + id + "'");
        error.put("param", "id");
        return new Answer(404, errorBody(error));
    }

    private static Answer paramMissing(String param) {
        ObjectNode error = error("invalid_request_error", "parameter_missing", "Missing required param: " + param + ".");
        error.put("param", param);
        return new Answer(400, errorBody(error));
    }

    private static Answer invalid(String param, String message) {
        ObjectNode error = error("invalid_request_error", "parameter_invalid", message);
        error.put("param", param);
        return new Answer(400, errorBody(error));
    }

    private static ObjectNode metadata(Map<String, List<String>> p) {
        ObjectNode metadata = JSON.createObjectNode();
        p.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                metadata.put(k.substring("metadata[".length(), k.length() - 1), v.get(0));
            }
        });
        return metadata;
    }

    private static ObjectNode address(Map<String, List<String>> p, String prefix) {
        ObjectNode address = JSON.createObjectNode();
        for (String field : List.of("line1", "line2", "city", "state", "postal_code", "country")) {
            address.put(field, one(p, prefix + "[" + field + "]"));
        }
        return address;
    }

    private static String one(Map<String, List<String>> p, String key) {
        List<String> values = p.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return p;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            p.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return p;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_" + random(14));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String random(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String digits(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(RANDOM.nextInt(10));
        }
        return out.toString();
    }
}
