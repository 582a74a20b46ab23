package ${package}.provider.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ${package}.api.${className}Events;
import ${package}.api.${className}Service;
import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.OutboundHttp;
import io.clientele.integration.api.ProviderScope;
import io.clientele.platform.api.domain.Refusal;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The integration provider "${moduleId}-hook": an agency connects a URL and a token, and every item created in the
 * module "${moduleId}" is POSTed there as JSON with {@code Authorization: Bearer <token>}. The platform stores the token
 * encrypted (it is {@code writeOnly} in the schema), queues one delivery per event in the change's transaction, retries
 * it on the schedule and keeps the delivery log; this class only makes one attempt and says what became of it.
 */
@Component(service = IntegrationProvider.class)
public class ${className}Provider implements IntegrationProvider {

    static final String ID = "${moduleId}-hook";
    static final String URL = "url";
    static final String TOKEN = "token";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Published only while the module's service is: no agency sees a provider of a module that is not there. */
    @Activate
    public ${className}Provider(@Reference ${className}Service module) {
    }

    ${className}Provider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "${moduleName} hook";
    }

    @Override
    public ProviderScope scope() {
        return ProviderScope.AGENCY;
    }

    /** Only agencies that enabled the module see and use the provider. */
    @Override
    public String module() {
        return "${moduleId}";
    }

    @Override
    public String settingsSchema() {
        return """
                {"type": "object", "required": ["url", "token"], "additionalProperties": false, "properties": {
                  "url":   {"type": "string", "format": "uri", "maxLength": 2048, "title": "Endpoint URL",
                            "description": "Where each event is POSTed; https."},
                  "token": {"type": "string", "writeOnly": true, "minLength": 16, "maxLength": 200, "title": "Token",
                            "description": "Sent as Authorization: Bearer; stored encrypted, never shown again."}}}""";
    }

    @Override
    public List<Refusal.Field> validate(Map<String, Object> settings, OutboundHttp http) {
        Object url = settings.get(URL);
        if (!(url instanceof String text)) {
            return List.of(); // required and typed by the schema, which the platform checked first
        }
        try {
            return http.problemWith(new URI(text)).map(problem -> List.of(new Refusal.Field("settings." + URL, problem)))
                    .orElse(List.of());
        } catch (URISyntaxException e) {
            return List.of(new Refusal.Field("settings." + URL, "is not a URL"));
        }
    }

    @Override
    public Set<String> eventTopics() {
        return Set.of(${className}Events.ITEM_CREATED);
    }

    @Override
    public DeliveryResult deliver(IntegrationContext integration, Delivery delivery) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", delivery.id()); // the same on every attempt: the receiver deduplicates on it
        message.put("type", delivery.topic());
        message.put("occurredAt", delivery.occurredAt().toString());
        message.put("data", delivery.payload());
        HttpResponse<String> answer;
        try {
            answer = post(integration, delivery.id(), message);
        } catch (OutboundHttp.BlockedAddressException e) {
            return DeliveryResult.rejected(null, null, e.getMessage());
        } catch (IOException e) {
            return DeliveryResult.retry(null, null, null, "The endpoint could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(null, null, null, "Interrupted before the endpoint answered.");
        }
        int status = answer.statusCode();
        String excerpt = answer.body() == null || answer.body().isEmpty() ? null
                : answer.body().substring(0, Math.min(1_000, answer.body().length()));
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(status, excerpt);
        }
        if (status == 401 || status == 403 || status == 410) {
            // the token was revoked or the endpoint is gone: dead-lettered, and the agency is asked to act
            return DeliveryResult.gone(status, excerpt, "The endpoint answered " + status + ".");
        }
        if (status == 429 || status >= 500) {
            Duration wait = answer.headers().firstValue("Retry-After").flatMap(${className}Provider::seconds).orElse(null);
            return DeliveryResult.retry(status, excerpt, wait, "The endpoint answered " + status + ".");
        }
        return DeliveryResult.rejected(status, excerpt, "The endpoint refused the event with " + status + ".");
    }

    @Override
    public ConnectionCheck testConnection(IntegrationContext integration) {
        try {
            HttpResponse<String> answer = post(integration, "test-" + Instant.now().toEpochMilli(),
                    Map.of("type", "ping", "integrationId", integration.integrationId()));
            return answer.statusCode() >= 200 && answer.statusCode() < 300
                    ? ConnectionCheck.ok("The endpoint answered " + answer.statusCode() + ".")
                    : ConnectionCheck.failed("The endpoint answered " + answer.statusCode() + ".");
        } catch (IOException e) {
            return ConnectionCheck.failed("The endpoint could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("Interrupted before the endpoint answered.");
        }
    }

    /** POSTs {@code message} through the platform's outbound HTTP (the address rule applies), never logging the token. */
    private HttpResponse<String> post(IntegrationContext integration, String id, Map<String, Object> message)
            throws IOException, InterruptedException {
        String body;
        try {
            body = JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IOException("The event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        URI target;
        try {
            target = new URI((String) integration.settings().get(URL));
        } catch (URISyntaxException | RuntimeException e) {
            throw new OutboundHttp.BlockedAddressException("The URL setting is not a URL.");
        }
        return integration.http().send(HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + integration.settings().get(TOKEN))
                .header("X-Delivery-Id", id)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** {@code Retry-After} in seconds (an HTTP-date is left to the schedule). */
    static Optional<Duration> seconds(String value) {
        String text = value.trim();
        return text.matches("\\d{1,9}") ? Optional.of(Duration.ofSeconds(Long.parseLong(text))) : Optional.empty();
    }
}
