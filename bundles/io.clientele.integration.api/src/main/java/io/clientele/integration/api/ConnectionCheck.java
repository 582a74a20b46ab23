package io.clientele.integration.api;

import java.util.Objects;

/**
 * The result of {@link IntegrationProvider#testConnection}: whether the provider's service accepted the settings,
 * and a short message for the agency (never a secret, never a stack trace).
 */
public record ConnectionCheck(boolean ok, String message) {

    public ConnectionCheck {
        Objects.requireNonNull(message, "message");
    }

    public static ConnectionCheck ok(String message) {
        return new ConnectionCheck(true, message);
    }

    public static ConnectionCheck failed(String message) {
        return new ConnectionCheck(false, message);
    }
}
