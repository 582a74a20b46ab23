package io.clientele.payment.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A notification as it reached the platform: its headers (names in lower case) and its exact body bytes, which the
 * signature is computed over.
 */
public record WebhookDelivery(Map<String, List<String>> headers, byte[] body) {
    public WebhookDelivery {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** The first value of a header, by its name in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
