package io.clientele.itests.sampleprovider.internal;

import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.ProviderScope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;

/**
 * A provider of the whole agency, with a plain channel setting; its connection test always succeeds. With a {@code url}
 * it delivers each customer creation there as a JSON POST with the delivery's id in {@code webhook-id}.
 */
@Component(service = IntegrationProvider.class)
public class HookProvider implements IntegrationProvider {

    /** The topic of {@code CustomerEvents.CREATED}, copied rather than imported. */
    static final String CUSTOMER_CREATED = "clientele/customer/customer/CREATED";

    @Override
    public String id() {
        return "sample-hook";
    }

    @Override
    public String name() {
        return "Sample hook";
    }

    @Override
    public ProviderScope scope() {
        return ProviderScope.AGENCY;
    }

    @Override
    public String settingsSchema() {
        return """
            {"type": "object", "required": ["channel"], "properties": {
              "channel": {"type": "string", "minLength": 1, "maxLength": 50},
              "retries": {"type": "integer"},
              "url": {"type": "string", "format": "uri"}}}""";
    }

    @Override
    public Set<String> eventTopics() {
        return Set.of(CUSTOMER_CREATED);
    }

    @Override
    public boolean wants(IntegrationContext integration, String topic) {
        return CUSTOMER_CREATED.equals(topic) && integration.settings().get("url") instanceof String;
    }

    @Override
    public DeliveryResult deliver(IntegrationContext integration, Delivery delivery) {
        try {
            String body = json(delivery.payload());
            HttpResponse<String> answer = integration.http().send(HttpRequest.newBuilder(URI.create((String) integration.settings().get("url")))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("webhook-id", delivery.id())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            int status = answer.statusCode();
            Duration retryAfter = answer.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}"))
                    .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
            if (status >= 200 && status < 300) {
                return DeliveryResult.delivered(status, answer.body());
            } else if (status == 410) {
                return DeliveryResult.gone(status, answer.body(), "The endpoint is gone (410).");
            } else if (status == 408 || status == 429 || status >= 500) {
                return DeliveryResult.retry(status, answer.body(), retryAfter, "Answered " + status + ".");
            }
            return DeliveryResult.rejected(status, answer.body(), "Answered " + status + ".");
        } catch (IOException e) {
            return DeliveryResult.retry(null, null, null, "No answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(null, null, null, "Interrupted.");
        }
    }

    @Override
    public ConnectionCheck testConnection(IntegrationContext integration) {
        return ConnectionCheck.ok("Nothing to call.");
    }

    /** The event's properties (text, numbers, booleans) as a flat JSON object. */
    static String json(Map<String, Object> payload) {
        return payload.entrySet().stream().map(e -> quote(e.getKey()) + ":" + (e.getValue() instanceof Number || e.getValue() instanceof Boolean
                ? String.valueOf(e.getValue()) : quote(String.valueOf(e.getValue())))).collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
