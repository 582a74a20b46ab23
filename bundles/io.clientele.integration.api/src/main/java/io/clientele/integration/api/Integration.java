package io.clientele.integration.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An integration as the API shows it.
 *
 * @param settings      its settings without the secret ones
 * @param secretsSet    the names of the secret ({@code writeOnly}) settings that hold a value; their values are
 *                      never shown
 * @param providerAvailable whether its provider is installed right now (records outlive their provider's bundle)
 * @param lastError     the message of the last failure, null when none since the last success
 */
public record Integration(String id, String providerId, String customerId, IntegrationStatus status,
        Map<String, Object> settings, List<String> secretsSet, boolean providerAvailable, Instant lastSuccessAt,
        Instant lastErrorAt, String lastError, long version, Instant createdAt, Instant updatedAt) {
}
