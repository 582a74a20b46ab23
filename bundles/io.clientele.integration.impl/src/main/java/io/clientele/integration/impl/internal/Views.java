package io.clientele.integration.impl.internal;

import io.clientele.integration.api.Integration;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.api.ProviderScope;
import io.clientele.platform.api.rest.ProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the integration resources read and write besides {@link Integration} itself. */
public final class Views {

    private Views() {
    }

    /** {@code POST /customers/{id}/integrations} and {@code POST /integrations}. */
    @Schema(name = "NewIntegration")
    public record NewIntegration(@Schema(example = "webhook") String providerId,
                                 @Schema(description = "the provider's settings, as its settingsSchema describes them") Map<String, Object> settings) {
    }

    /** One provider of {@code GET /integrations/providers}; {@code settingsSchema} is the schema as a JSON object. */
    @Schema(name = "IntegrationProvider")
    public record ProviderView(String id, String name, ProviderScope scope, Object settingsSchema, List<String> events) {
    }

    @Schema(name = "IntegrationPage")
    public record IntegrationPage(List<Integration> items, String nextCursor) {
    }

    /** The answer of {@code POST /integrations/{id}/test}: the provider's verdict and when it was recorded. */
    @Schema(name = "IntegrationTestResult")
    public record TestResult(boolean ok, String message, Instant at) {
    }

    /** The {@code status} query parameter; 400 naming it when it is not a status. */
    static IntegrationStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IntegrationStatus.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be ACTIVE, NEEDS_ATTENTION or DISCONNECTED");
        }
    }

    /** The body of a create, refused as malformed when there is none. */
    static NewIntegration required(NewIntegration request) {
        if (request == null) {
            throw ProblemException.malformed("A JSON object with providerId and settings is required.", null);
        }
        return request;
    }
}
