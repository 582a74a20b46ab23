package io.clientele.itests.sampleprovider.internal;

import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.InboundAnswer;
import io.clientele.integration.api.InboundRequest;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.ProviderScope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;

/**
 * A provider of the whole agency, with a plain channel setting; its connection test always succeeds. With a {@code url}
 * it delivers each customer creation there as a JSON POST with the delivery's id in {@code webhook-id}. With an
 * {@code inboundSecret} (secret; {@code whsec_<base64>} or plain text) it takes inbound calls signed as Standard Webhooks
 * signs them ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>}), refuses replays through the platform's {@code ReplayGuard}, and records each call it accepted in
 * {@link ReceivedLog}. A body containing {@code "explode"} makes it fail after the replay check (a provider's bug).
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
              "url": {"type": "string", "format": "uri"},
              "inboundSecret": {"type": "string", "writeOnly": true, "minLength": 8}}}""";
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
    public InboundAnswer receive(IntegrationContext integration, InboundRequest request) {
        if (!(integration.settings().get("inboundSecret") instanceof String secret)) {
            return InboundAnswer.refused(404, "This integration takes no inbound calls.");
        }
        Optional<String> id = request.header("webhook-id");
        Optional<String> timestamp = request.header("webhook-timestamp").filter(t -> t.matches("\\d{1,12}"));
        Optional<String> signatures = request.header("webhook-signature");
        if (id.isEmpty() || id.get().isBlank() || timestamp.isEmpty() || signatures.isEmpty()) {
            return InboundAnswer.refused(400, "webhook-id, webhook-timestamp (seconds) and webhook-signature are required.");
        }
        byte[] expected = ("v1," + sign(secret, id.get(), timestamp.get(), request.body())).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String candidate : signatures.get().trim().split(" +")) {
            matches |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matches) {
            return InboundAnswer.refused(401, "The signature does not match.");
        }
        Optional<InboundAnswer> replay = integration.replayGuard().refusal(id.get(), Instant.ofEpochSecond(Long.parseLong(timestamp.get())));
        if (replay.isPresent()) {
            return replay.get();
        }
        String body = new String(request.body(), StandardCharsets.UTF_8);
        if (body.contains("\"explode\"")) {
            throw new IllegalStateException("the sample provider fails on purpose");
        }
        ReceivedLog.RECEIVED.add(integration.agencyId() + " " + integration.integrationId() + " " + id.get() + " " + body);
        return InboundAnswer.accepted();
    }

    /** Standard Webhooks' signature: base64 of HMAC-SHA256 over {@code id.timestamp.body} with the secret's key. */
    static String sign(String secret, String id, String timestamp, byte[] body) {
        byte[] key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6)) : secret.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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
