package io.clientele.itests.sampleprovider.internal;

import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.ProviderScope;
import org.osgi.service.component.annotations.Component;

/** A provider of the whole agency, with one plain setting; its connection test always succeeds. */
@Component(service = IntegrationProvider.class)
public class HookProvider implements IntegrationProvider {

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
              "retries": {"type": "integer"}}}""";
    }

    @Override
    public ConnectionCheck testConnection(IntegrationContext integration) {
        return ConnectionCheck.ok("Nothing to call.");
    }
}
