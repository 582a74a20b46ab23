package io.clientele.itests.sampleprovider.internal;

import io.clientele.integration.api.ConnectionCheck;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * A provider per customer: its connection test calls {@code url} with {@code Authorization: Bearer <token>}, the token
 * being a secret (writeOnly) setting. Its check of the settings applies the platform's outbound address rule to the URL.
 */
@Component(service = IntegrationProvider.class)
public class PingProvider implements IntegrationProvider {

    @Override
    public String id() {
        return "sample-ping";
    }

    @Override
    public String name() {
        return "Sample ping";
    }

    @Override
    public ProviderScope scope() {
        return ProviderScope.CUSTOMER;
    }

    @Override
    public String settingsSchema() {
        return """
            {"type": "object", "required": ["url", "token"], "properties": {
              "url":   {"type": "string", "format": "uri", "title": "Endpoint", "maxLength": 2000},
              "token": {"type": "string", "writeOnly": true, "title": "Token", "minLength": 8},
              "label": {"type": "string", "title": "Label", "maxLength": 40},
              "mode":  {"type": "string", "enum": ["live", "sandbox"]}}}""";
    }

    @Override
    public List<Refusal.Field> validate(Map<String, Object> settings, OutboundHttp http) {
        URI url;
        try {
            url = new URI((String) settings.get("url"));
        } catch (URISyntaxException e) {
            return List.of(new Refusal.Field("settings.url", "is not a URL"));
        }
        return http.problemWith(url).map(problem -> List.of(new Refusal.Field("settings.url", problem))).orElse(List.of());
    }

    @Override
    public ConnectionCheck testConnection(IntegrationContext integration) {
        try {
            HttpResponse<String> answer = integration.http().send(HttpRequest.newBuilder(URI.create((String) integration.settings().get("url")))
                    .header("Authorization", "Bearer " + integration.settings().get("token")).GET().build());
            return answer.statusCode() < 300 ? ConnectionCheck.ok("Answered " + answer.statusCode() + ".")
                    : ConnectionCheck.failed("Answered " + answer.statusCode() + ".");
        } catch (IOException | IllegalArgumentException e) {
            return ConnectionCheck.failed("Could not call the endpoint: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("Interrupted.");
        }
    }

    @Override
    public Set<String> eventTopics() {
        return Set.of("clientele/customer/customer/UPDATED");
    }
}
