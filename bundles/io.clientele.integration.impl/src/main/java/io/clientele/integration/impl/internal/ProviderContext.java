package io.clientele.integration.impl.internal;

import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.OutboundHttp;
import io.clientele.integration.api.ReplayGuard;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/** An integration as its provider gets it, secrets in clear: never logged ({@link #toString()} leaves the settings out). */
final class ProviderContext implements IntegrationContext {

    private final String integrationId;
    private final String agencyId;
    private final String customerId;
    private final String providerId;
    private final Map<String, Object> settings;
    private final OutboundHttp http;
    private final ReplayGuard replayGuard;

    ProviderContext(String integrationId, String agencyId, String customerId, String providerId, Map<String, Object> settings,
                    OutboundHttp http, ReplayGuard replayGuard) {
        this.replayGuard = replayGuard;
        this.integrationId = integrationId;
        this.agencyId = agencyId;
        this.customerId = customerId;
        this.providerId = providerId;
        this.settings = Collections.unmodifiableMap(settings);
        this.http = http;
    }

    @Override
    public String integrationId() {
        return integrationId;
    }

    @Override
    public String agencyId() {
        return agencyId;
    }

    @Override
    public Optional<String> customerId() {
        return Optional.ofNullable(customerId);
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public Map<String, Object> settings() {
        return settings;
    }

    @Override
    public OutboundHttp http() {
        return http;
    }

    @Override
    public ReplayGuard replayGuard() {
        if (replayGuard == null) {
            throw new UnsupportedOperationException("no replay guard here");
        }
        return replayGuard;
    }

    @Override
    public String toString() {
        return "IntegrationContext[" + integrationId + " of provider " + providerId + "]";
    }
}
