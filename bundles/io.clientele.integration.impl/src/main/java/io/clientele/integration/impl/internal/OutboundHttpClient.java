package io.clientele.integration.impl.internal;

import io.clientele.integration.api.OutboundHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * The platform's {@link OutboundHttp}: one {@link HttpClient} (connect timeout 5 s, redirects never followed), a request
 * timeout from configuration ({@code requestTimeoutSeconds}, 15 s) when the provider sets none, and the
 * {@link AddressRule} checked before every call ({@code allowPrivateAddresses} switches it off, for tests).
 */
@Component(service = {OutboundHttp.class, OutboundHttpClient.class}, configurationPid = IntegrationSecrets.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class OutboundHttpClient implements OutboundHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private volatile boolean allowPrivateAddresses;
    private volatile Duration requestTimeout;

    @Activate
    public OutboundHttpClient(IntegrationConfig config) {
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        modified(config);
    }

    @Modified
    void modified(IntegrationConfig config) {
        this.allowPrivateAddresses = config.allowPrivateAddresses();
        this.requestTimeout = Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds()));
    }

    @Override
    public Optional<String> problemWith(URI target) {
        return AddressRule.problemWith(target, allowPrivateAddresses, InetAddress::getAllByName);
    }

    @Override
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        Optional<String> problem = problemWith(request.uri());
        if (problem.isPresent()) {
            throw new BlockedAddressException(problem.get());
        }
        HttpRequest timed = request.timeout().isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).timeout(requestTimeout).build();
        return client.send(timed, HttpResponse.BodyHandlers.ofString());
    }
}
