package io.clientele.integration.impl.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the OAuth endpoints answer. */
public final class OAuthViews {

    private OAuthViews() {
    }

    /** {@code POST /integrations/{id}/oauth/authorize}: where to send the browser, and until when the state is good. */
    @Schema(name = "IntegrationOAuthAuthorization")
    public record Authorization(@Schema(description = "the service's authorization endpoint with this authorization's parameters;"
            + " send the user's browser there") String authorizationUrl,
                                @Schema(description = "the authorization must come back to the callback before this") Instant expiresAt) {
    }

    /** {@code GET /integrations/{id}/oauth}: whether the integration holds tokens, never the tokens. */
    @Schema(name = "IntegrationOAuthStatus")
    public record Status(boolean connected, @Schema(description = "the scopes the service granted, when it said") List<String> scopes,
                         @Schema(description = "when the current access token expires, when the service said") Instant expiresAt,
                         @Schema(description = "whether the service gave a refresh token") boolean refreshable,
                         @Schema(description = "the user who authorized it") String authorizedBy, Instant authorizedAt) {
    }

    /** The callback's JSON answer when no completion page is configured. */
    @Schema(name = "IntegrationOAuthCompletion")
    public record Completion(String integrationId, @Schema(allowableValues = {"connected"}) String result, String status) {
    }
}
