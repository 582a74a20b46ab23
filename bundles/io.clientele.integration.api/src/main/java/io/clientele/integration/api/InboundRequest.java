package io.clientele.integration.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A call the provider's service made to {@code POST /api/v1/integrations/{id}/webhook}, as the platform hands it to
 * {@link IntegrationProvider#receive}: the raw body (signatures are computed over the bytes as sent) and the headers.
 *
 * @param headers    header names in lower case, each with its values in order
 * @param receivedAt when the platform received it (for timestamp-based replay windows)
 */
public record InboundRequest(Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

    public InboundRequest {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The first value of a header, by name in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
