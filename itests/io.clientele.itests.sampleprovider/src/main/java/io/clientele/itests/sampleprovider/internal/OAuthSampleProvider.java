package io.clientele.itests.sampleprovider.internal;

import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.OAuthClient;
import io.clientele.integration.api.OAuthIntegrationProvider;
import io.clientele.integration.api.OAuthTokens;
import io.clientele.integration.api.ProviderScope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * An agency-wide provider connected with OAuth 2.0 (authorization code, PKCE) to the service its configuration names;
 * present only while configured ({@code io.clientele.itests.sampleoauth}: the client id and secret never go through the
 * API). It posts each customer creation to the service's {@code /api/events} with the integration's access token, which
 * the platform refreshes as needed ({@link OAuthTokens#send}).
 */
@Component(service = IntegrationProvider.class, configurationPid = "io.clientele.itests.sampleoauth",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SampleOAuthConfig.class)
public class OAuthSampleProvider implements OAuthIntegrationProvider {

    private final OAuthTokens tokens;
    private volatile SampleOAuthConfig config;

    @Activate
    public OAuthSampleProvider(@Reference OAuthTokens tokens, SampleOAuthConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    @Modified
    void modified(SampleOAuthConfig config) {
        this.config = config;
    }

    @Override
    public OAuthClient oauthClient() {
        String base = config.baseUrl();
        return OAuthClient.builder(URI.create(base + "/authorize"), URI.create(base + "/token"), config.clientId(), config.clientSecret())
                .revocationEndpoint(URI.create(base + "/revoke"))
                .scopes("events")
                .pkce(true)
                .clientAuthentication("client_secret_post".equals(config.clientAuthentication())
                        ? OAuthClient.ClientAuthentication.CLIENT_SECRET_POST : OAuthClient.ClientAuthentication.CLIENT_SECRET_BASIC)
                .build();
    }

    @Override
    public String id() {
        return "sample-oauth";
    }

    @Override
    public String name() {
        return "Sample OAuth";
    }

    @Override
    public ProviderScope scope() {
        return ProviderScope.AGENCY;
    }

    @Override
    public String settingsSchema() {
        return """
            {"type": "object", "properties": {"label": {"type": "string", "maxLength": 50}}}""";
    }

    @Override
    public Set<String> eventTopics() {
        return Set.of(HookProvider.CUSTOMER_CREATED);
    }

    @Override
    public DeliveryResult deliver(IntegrationContext integration, Delivery delivery) {
        try {
            HttpResponse<String> answer = tokens.send(integration, HttpRequest.newBuilder(URI.create(config.baseUrl() + "/api/events"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("webhook-id", delivery.id())
                    .POST(HttpRequest.BodyPublishers.ofString(HookProvider.json(delivery.payload()))).build());
            int status = answer.statusCode();
            if (status < 300) {
                return DeliveryResult.delivered(status, answer.body());
            } else if (status == 401 || status == 403) {
                return DeliveryResult.gone(status, answer.body(), "The service refused the integration's token (" + status + ").");
            }
            return DeliveryResult.retry(status, answer.body(), null, "Answered " + status + ".");
        } catch (OAuthTokens.NotAuthorizedException e) {
            return DeliveryResult.gone(null, null, e.getMessage());
        } catch (IOException e) {
            return DeliveryResult.retry(null, null, null, "No answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(null, null, null, "Interrupted.");
        }
    }

    @Override
    public ConnectionCheck testConnection(IntegrationContext integration) {
        try {
            int status = tokens.send(integration, HttpRequest.newBuilder(URI.create(config.baseUrl() + "/api/me")).build()).statusCode();
            return status < 300 ? ConnectionCheck.ok("Answered " + status + ".") : ConnectionCheck.failed("Answered " + status + ".");
        } catch (IOException e) {
            return ConnectionCheck.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("Interrupted.");
        }
    }
}
