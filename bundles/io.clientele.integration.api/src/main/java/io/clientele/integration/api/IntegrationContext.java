package io.clientele.integration.api;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** One integration as the platform hands it to its provider: who it belongs to and its settings, secrets decrypted. */
@ProviderType
public interface IntegrationContext {

    String integrationId();

    String agencyId();

    /** The customer it belongs to, empty for a provider of {@link ProviderScope#AGENCY} scope. */
    Optional<String> customerId();

    String providerId();

    /**
     * The integration's settings as JSON values ({@code String}, {@code Boolean}, {@code Long}, {@code BigDecimal},
     * {@code List}, {@code Map}), secret ones included in clear. Unmodifiable. Never log them.
     */
    Map<String, Object> settings();

    /** The platform's outbound HTTP, which every call to the provider's service must go through. */
    OutboundHttp http();

    /**
     * The platform's replay protection for this integration's inbound calls: a signed timestamp's window and the memory
     * of message ids already accepted (see {@link ReplayGuard}). The platform's contexts always have one; the default,
     * for contexts a provider's own tests build, refuses to guess.
     *
     * @since 1.1
     */
    default ReplayGuard replayGuard() {
        throw new UnsupportedOperationException("this IntegrationContext has no replay guard");
    }
}
