package io.clientele.integration.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The integrations of the current agency, for provider bundles and modules (the REST API is the agencies' way in).
 * Every method acts for the agency of the current request or scheduled work and sees only its integrations.
 */
@ProviderType
public interface IntegrationService {

    Optional<Integration> find(String integrationId);

    /** The agency's integrations of one provider, oldest first; {@code customerId} null for all customers. */
    List<Integration> list(String providerId, String customerId);

    /** The integration with its secrets, to call its provider's service with; empty when there is none. */
    Optional<IntegrationContext> context(String integrationId);

    /**
     * Records a successful call: the last success is now, the last error is cleared, and an integration that
     * {@link IntegrationStatus#NEEDS_ATTENTION needed attention} is {@link IntegrationStatus#ACTIVE} again.
     */
    void recordSuccess(String integrationId);

    /**
     * Records a failed call with a short message for the agency (never a secret). With {@code needsAttention} the
     * integration becomes {@link IntegrationStatus#NEEDS_ATTENTION} (credentials refused, endpoint gone): the agency's
     * administrators are notified and calls should stop until someone acts; without it, it is a passing failure.
     */
    void recordFailure(String integrationId, String message, boolean needsAttention);
}
