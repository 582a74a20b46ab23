package io.clientele.webhook.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.DeliveryResult.Outcome;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.OutboundHttp;
import io.clientele.integration.api.ProviderScope;
import io.clientele.platform.api.domain.Refusal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a receiver on 127.0.0.1 that verifies each message as a Standard Webhooks consumer would. */
class WebhookProviderTest {

    static final String SECRET = WebhookSignerTest.secretOf(32, (byte) 3);
    static final String PREVIOUS = WebhookSignerTest.secretOf(24, (byte) 90);
    static final Instant OCCURRED = Instant.parse("2026-12-03T10:15:30.123Z");

    final WebhookProvider provider = new WebhookProvider(java.time.Clock.systemUTC());
    final LoopbackHttp http = new LoopbackHttp();
    final Receiver receiver = new Receiver();
    HttpServer server;
    String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", receiver::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void describesItself() throws IOException {
        assertEquals("webhook", provider.id());
        assertEquals("Webhooks", provider.name());
        assertEquals(ProviderScope.AGENCY, provider.scope());
        assertEquals(WebhookModule.ID, provider.module());
        assertEquals("webhook", new WebhookModule().id());
        assertEquals(EventCatalog.topics(), provider.eventTopics());
        assertTrue(provider.eventTopics().contains(EventCatalog.INVOICE_PAID));

        JsonNode schema = new ObjectMapper().readTree(provider.settingsSchema());
        assertEquals("[\"url\",\"events\",\"secret\"]", schema.get("required").toString());
        JsonNode properties = schema.get("properties");
        assertEquals("uri", properties.get("url").get("format").asText());
        assertTrue(properties.get("secret").get("writeOnly").asBoolean());
        assertTrue(properties.get("previousSecret").get("writeOnly").asBoolean());
        assertEquals("date-time", properties.get("previousSecretUntil").get("format").asText());
        assertTrue(properties.get("events").get("uniqueItems").asBoolean());
        assertEquals(1, properties.get("events").get("minItems").asInt());
        List<String> enumerated = new ArrayList<>();
        properties.get("events").get("items").get("enum").forEach(n -> enumerated.add(n.asText()));
        assertEquals(List.copyOf(EventCatalog.types()), enumerated);
        String pattern = properties.get("secret").get("pattern").asText();
        assertTrue(SECRET.matches(pattern) && PREVIOUS.matches(pattern) && !"whsec_short".matches(pattern));
    }

    @Test
    void deliversASignedMessage() throws IOException {
        receiver.answer(200, "{\"ok\":true}", Map.of());
        Delivery delivery = delivery(EventCatalog.CUSTOMER_CREATED, Map.of("customerId", "cus_1", "agencyId", "ag_1",
                "actorId", "usr_1", "at", "2026-12-03T10:15:30.123Z"));

        DeliveryResult result = provider.deliver(context(settings()), delivery);

        assertEquals(Outcome.DELIVERED, result.outcome(), result.message());
        assertEquals(200, result.status());
        assertEquals("{\"ok\":true}", result.answerExcerpt());
        Received message = receiver.only();
        assertTrue(message.verified(), "the receiver verified the signature");
        assertEquals("POST", message.method());
        assertEquals(delivery.id(), message.header("webhook-id"));
        assertEquals("application/json", message.header("Content-Type"));
        assertEquals(WebhookProvider.USER_AGENT, message.header("User-Agent"));
        assertTrue(Math.abs(Long.parseLong(message.header("webhook-timestamp")) - Instant.now().getEpochSecond()) < 60);
        assertEquals(1, message.header("webhook-signature").split(" ").length);
        assertEquals("{\"type\":\"customer.created\",\"timestamp\":\"2026-12-03T10:15:30.123Z\",\"data\":{\"actorId\":\"usr_1\","
                + "\"agencyId\":\"ag_1\",\"at\":\"2026-12-03T10:15:30.123Z\",\"customerId\":\"cus_1\"}}", message.body());
    }

    @Test
    void keepsTheFirstThousandCharactersOfTheAnswer() {
        receiver.answer(202, "x".repeat(5_000), Map.of());
        DeliveryResult result = provider.deliver(context(settings()), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.DELIVERED, result.outcome());
        assertEquals(WebhookProvider.EXCERPT_CHARS, result.answerExcerpt().length());
    }

    @Test
    void goneEndsTheSubscription() {
        receiver.answer(410, "", Map.of());
        DeliveryResult result = provider.deliver(context(settings()), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.GONE, result.outcome());
        assertEquals(410, result.status());
        assertNull(result.answerExcerpt());
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheServicesWait() {
        receiver.answer(429, "slow down", Map.of("Retry-After", "120"));
        DeliveryResult result = provider.deliver(context(settings()), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.RETRY, result.outcome());
        assertEquals(429, result.status());
        assertEquals(Duration.ofSeconds(120), result.retryAfter());
        assertEquals("slow down", result.answerExcerpt());
    }

    @Test
    void unavailableWithAnHttpDateIsRetriedThen() {
        receiver.answer(503, "", Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
        DeliveryResult result = provider.deliver(context(settings()), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.RETRY, result.outcome());
        assertEquals(Duration.ZERO, result.retryAfter(), "a date already past: at once");
        assertEquals(Optional.of(Duration.ofSeconds(60)),
                WebhookProvider.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Instant.parse("2015-10-21T07:27:00Z")));
        assertEquals(Optional.empty(), WebhookProvider.retryAfter("soon", Instant.now()));
    }

    @Test
    void otherFailuresAreRetriedOnTheSchedule() {
        receiver.answer(500, "boom", Map.of("Retry-After", "5"));
        DeliveryResult result = provider.deliver(context(settings()), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.RETRY, result.outcome());
        assertEquals(500, result.status());
        assertNull(result.retryAfter(), "only 429 and 503 name their wait");

        receiver.answer(404, "", Map.of());
        assertEquals(Outcome.RETRY, provider.deliver(context(settings()), delivery(EventCatalog.INVOICE_PAID, Map.of())).outcome());

        receiver.answer(302, "", Map.of("Location", "https://example.com/elsewhere"));
        result = provider.deliver(context(settings()), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.RETRY, result.outcome());
        assertEquals(302, result.status());
        assertTrue(result.message().contains("redirects are not followed"), result.message());
        assertEquals(3, receiver.received.size(), "the redirect was not followed");
    }

    @Test
    void unreachableAndTimedOutAreRetried() throws IOException {
        HttpServer gone = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gone.start();
        Map<String, Object> closedPort = settings();
        closedPort.put("url", "http://127.0.0.1:" + gone.getAddress().getPort() + "/hook");
        gone.stop(0);
        DeliveryResult result = provider.deliver(context(closedPort), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.RETRY, result.outcome());
        assertNull(result.status());

        OutboundHttp slow = new LoopbackHttp() {
            @Override
            public HttpResponse<String> send(HttpRequest request) throws IOException {
                throw new HttpTimeoutException("request timed out");
            }
        };
        result = provider.deliver(context(settings(), slow), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.RETRY, result.outcome());
        assertTrue(result.message().contains("did not answer"), result.message());
    }

    @Test
    void aBlockedAddressIsRejected() {
        http.blocked = "The address resolves to a private network address.";
        DeliveryResult result = provider.deliver(context(settings()), delivery(EventCatalog.INVOICE_PAID, Map.of()));
        assertEquals(Outcome.REJECTED, result.outcome());
        assertEquals(http.blocked, result.message());
        assertTrue(receiver.received.isEmpty());
    }

    @Test
    void duringRotationBothSecretsSign() {
        receiver.answer(204, "", Map.of());
        Map<String, Object> rotating = settings();
        rotating.put("previousSecret", PREVIOUS);
        rotating.put("previousSecretUntil", Instant.now().plus(Duration.ofHours(1)).toString());

        assertEquals(Outcome.DELIVERED, provider.deliver(context(rotating), delivery(EventCatalog.INVOICE_PAID, Map.of())).outcome());

        Received message = receiver.only();
        String[] signatures = message.header("webhook-signature").split(" ");
        assertEquals(2, signatures.length);
        assertTrue(message.verifies(SECRET, signatures[0]));
        assertTrue(message.verifies(PREVIOUS, signatures[1]));
        assertFalse(message.verifies(SECRET, signatures[1]));
        assertTrue(message.verifies(PREVIOUS, message.header("webhook-signature")), "a receiver still on the old secret");
    }

    @Test
    void afterRotationOnlyTheNewSecretSigns() {
        receiver.answer(204, "", Map.of());
        Map<String, Object> rotated = settings();
        rotated.put("previousSecret", PREVIOUS);
        rotated.put("previousSecretUntil", "2026-01-01T00:00:00Z");

        assertEquals(Outcome.DELIVERED, provider.deliver(context(rotated), delivery(EventCatalog.INVOICE_PAID, Map.of())).outcome());

        Received message = receiver.only();
        assertEquals(1, message.header("webhook-signature").split(" ").length);
        assertTrue(message.verified());
        assertFalse(message.verifies(PREVIOUS, message.header("webhook-signature")));
    }

    @Test
    void wantsOnlyTheChosenEvents() {
        IntegrationContext integration = context(settings());
        assertTrue(provider.wants(integration, EventCatalog.CUSTOMER_CREATED));
        assertTrue(provider.wants(integration, EventCatalog.INVOICE_PAID));
        assertFalse(provider.wants(integration, EventCatalog.CUSTOMER_UPDATED));
        assertFalse(provider.wants(integration, "clientele/other/thing/CREATED"));
        Map<String, Object> none = settings();
        none.remove("events");
        assertFalse(provider.wants(context(none), EventCatalog.CUSTOMER_CREATED));
    }

    @Test
    void validSettingsPass() {
        assertEquals(List.of(), provider.validate(settings(), http));
        Map<String, Object> rotating = settings();
        rotating.put("previousSecret", PREVIOUS);
        rotating.put("previousSecretUntil", "2027-01-31T12:00:00+01:00");
        assertEquals(List.of(), provider.validate(rotating, http));
    }

    @Test
    void validationNamesEveryBadField() {
        assertEquals(List.of("settings.url", "settings.events", "settings.secret"), fields(provider.validate(Map.of(), http)));

        Map<String, Object> bad = settings();
        bad.put("url", "ftp://example.com/hook");
        bad.put("events", List.of("customer.created", "customer.exploded"));
        bad.put("secret", WebhookSignerTest.secretOf(16, (byte) 1));
        List<Refusal.Field> problems = provider.validate(bad, http);
        assertEquals(List.of("settings.url", "settings.events", "settings.secret"), fields(problems));
        assertTrue(problems.get(1).message().contains("customer.exploded"), problems.get(1).message());
        assertTrue(problems.get(2).message().contains("16"), problems.get(2).message());

        bad = settings();
        bad.put("events", List.of("invoice.paid", "invoice.paid"));
        bad.put("secret", "whsec_***");
        assertEquals(List.of("settings.events", "settings.secret"), fields(provider.validate(bad, http)));

        bad = settings();
        bad.put("events", List.of());
        assertEquals(List.of("settings.events"), fields(provider.validate(bad, http)));
    }

    @Test
    void theAddressRuleDecidesOnTheUrl() {
        http.blocked = "The address is a loopback address.";
        List<Refusal.Field> problems = provider.validate(settings(), http);
        assertEquals(List.of(new Refusal.Field("settings.url", http.blocked)), problems);
    }

    @Test
    void rotationNeedsBothPreviousSettings() {
        Map<String, Object> untilAlone = settings();
        untilAlone.put("previousSecretUntil", "2027-01-31T12:00:00Z");
        assertEquals(List.of("settings.previousSecretUntil"), fields(provider.validate(untilAlone, http)));

        Map<String, Object> secretAlone = settings();
        secretAlone.put("previousSecret", PREVIOUS);
        assertEquals(List.of("settings.previousSecretUntil"), fields(provider.validate(secretAlone, http)));

        Map<String, Object> badDate = settings();
        badDate.put("previousSecret", "whsec_nope");
        badDate.put("previousSecretUntil", "next tuesday");
        assertEquals(List.of("settings.previousSecret", "settings.previousSecretUntil"), fields(provider.validate(badDate, http)));
    }

    @Test
    void testConnectionSendsASignedTestEvent() throws IOException {
        receiver.answer(204, "", Map.of());
        ConnectionCheck check = provider.testConnection(context(settings()));
        assertTrue(check.ok(), check.message());
        Received message = receiver.only();
        assertTrue(message.verified());
        JsonNode body = new ObjectMapper().readTree(message.body());
        assertEquals("webhook.test", body.get("type").asText());
        assertEquals("int_1", body.get("data").get("integrationId").asText());
        assertFalse(message.header("webhook-id").contains("."));

        receiver.answer(401, "invalid signature\nmore", Map.of());
        check = provider.testConnection(context(settings()));
        assertFalse(check.ok());
        assertTrue(check.message().startsWith("The endpoint answered 401."), check.message());
        assertTrue(check.message().contains("invalid signature"), check.message());

        http.blocked = "The address resolves to a private network address.";
        assertEquals(ConnectionCheck.failed(http.blocked), provider.testConnection(context(settings())));
    }

    // ---- fixtures

    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("url", url);
        settings.put("events", List.of("customer.created", "invoice.paid"));
        settings.put("secret", SECRET);
        return settings;
    }

    IntegrationContext context(Map<String, Object> settings) {
        return context(settings, http);
    }

    static IntegrationContext context(Map<String, Object> settings, OutboundHttp http) {
        return new IntegrationContext() {
            @Override
            public String integrationId() {
                return "int_1";
            }

            @Override
            public String agencyId() {
                return "ag_1";
            }

            @Override
            public Optional<String> customerId() {
                return Optional.empty();
            }

            @Override
            public String providerId() {
                return "webhook";
            }

            @Override
            public Map<String, Object> settings() {
                return Map.copyOf(settings);
            }

            @Override
            public OutboundHttp http() {
                return http;
            }
        };
    }

    static Delivery delivery(String topic, Map<String, Object> payload) {
        return new Delivery("msg_" + System.nanoTime(), "int_1", topic, OCCURRED, payload, 1);
    }

    static List<String> fields(List<Refusal.Field> problems) {
        return problems.stream().map(Refusal.Field::field).collect(Collectors.toList());
    }

    /** The platform's outbound HTTP as tests need it: loopback allowed, redirects not followed, or every target blocked. */
    static class LoopbackHttp implements OutboundHttp {
        final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        volatile String blocked;

        @Override
        public Optional<String> problemWith(URI target) {
            return Optional.ofNullable(blocked);
        }

        @Override
        public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            if (blocked != null) {
                throw new BlockedAddressException(blocked);
            }
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    record Received(String method, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        boolean verifies(String secret, String signatures) {
            return WebhookSigner.verify(secret, header("webhook-id"), header("webhook-timestamp"), signatures, body,
                    Instant.now());
        }

        /** What a receiver holding the current secret concludes. */
        boolean verified() {
            return verifies(SECRET, header("webhook-signature"));
        }
    }

    /** A webhook consumer: records each message, answers 401 to a bad signature, else what the test set. */
    static final class Receiver {
        final List<Received> received = new CopyOnWriteArrayList<>();
        volatile int status = 204;
        volatile String answer = "";
        volatile Map<String, String> answerHeaders = Map.of();

        void answer(int status, String answer, Map<String, String> headers) {
            this.status = status;
            this.answer = answer;
            this.answerHeaders = headers;
        }

        Received only() {
            assertEquals(1, received.size());
            return received.get(0);
        }

        void handle(HttpExchange exchange) throws IOException {
            try {
                Received message = new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                received.add(message);
                int code = status;
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                if (!message.verified() && !message.verifies(PREVIOUS, message.header("webhook-signature"))) {
                    code = 401;
                    out = "bad signature".getBytes(StandardCharsets.UTF_8);
                }
                answerHeaders.forEach(exchange.getResponseHeaders()::add);
                exchange.sendResponseHeaders(code, out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            } finally {
                exchange.close();
            }
        }
    }
}
