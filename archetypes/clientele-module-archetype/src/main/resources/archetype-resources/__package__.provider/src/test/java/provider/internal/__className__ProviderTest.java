package ${package}.provider.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import ${package}.api.${className}Events;
import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.OutboundHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One delivery attempt against a receiver on 127.0.0.1, and what each answer of it becomes. */
class ${className}ProviderTest {

    /** The platform's outbound HTTP without its address rule (the receiver is on loopback). */
    private static final OutboundHttp DIRECT = new OutboundHttp() {
        private final HttpClient client = HttpClient.newHttpClient();

        @Override
        public Optional<String> problemWith(URI target) {
            return "http".equals(target.getScheme()) || "https".equals(target.getScheme()) ? Optional.empty()
                    : Optional.of("Only http and https addresses can be called.");
        }

        @Override
        public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    };

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String retryAfter;

    @BeforeEach
    void receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private IntegrationContext integration() {
        Map<String, Object> settings = Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "token", "a-token-of-sixteen-or-more");
        return new IntegrationContext() {
            public String integrationId() { return "integration-1"; }
            public String agencyId() { return "agency-1"; }
            public Optional<String> customerId() { return Optional.empty(); }
            public String providerId() { return ${className}Provider.ID; }
            public Map<String, Object> settings() { return settings; }
            public OutboundHttp http() { return DIRECT; }
        };
    }

    private static Delivery delivery() {
        return new Delivery("msg_1", "integration-1", ${className}Events.ITEM_CREATED, Instant.parse("2026-01-01T10:00:00Z"),
                Map.of("itemId", "item-1", "title", "First"), 1);
    }

    @Test
    void anItemIsPostedWithTheTokenAndTheDeliveryId() {
        DeliveryResult result = new ${className}Provider().deliver(integration(), delivery());
        assertEquals(DeliveryResult.Outcome.DELIVERED, result.outcome(), result.message());
        assertEquals(1, received.size());
        String call = received.get(0);
        assertTrue(call.startsWith("Bearer a-token-of-sixteen-or-more "), call);
        assertTrue(call.contains("\"id\":\"msg_1\"") && call.contains("\"itemId\":\"item-1\""), call);
    }

    @Test
    void aBusyReceiverIsRetriedAfterItsRetryAfterAndAGoneOneIsDeadLettered() {
        status = 503;
        retryAfter = "7";
        DeliveryResult busy = new ${className}Provider().deliver(integration(), delivery());
        assertEquals(DeliveryResult.Outcome.RETRY, busy.outcome());
        assertEquals(Duration.ofSeconds(7), busy.retryAfter());
        status = 410;
        retryAfter = null;
        assertEquals(DeliveryResult.Outcome.GONE, new ${className}Provider().deliver(integration(), delivery()).outcome());
        status = 422;
        assertEquals(DeliveryResult.Outcome.REJECTED, new ${className}Provider().deliver(integration(), delivery()).outcome());
    }

    @Test
    void aUrlTheAddressRuleRefusesIsNamed() {
        assertEquals("settings.url", new ${className}Provider().validate(Map.of("url", "ftp://example.com/x", "token", "x"), DIRECT)
                .get(0).field());
    }
}
