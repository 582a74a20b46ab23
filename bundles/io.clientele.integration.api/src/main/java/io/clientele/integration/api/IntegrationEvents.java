package io.clientele.integration.api;

/**
 * Domain event topics of integrations, posted after the change commits, with {@code agencyId}, {@code actorId},
 * {@code at}, and {@link #INTEGRATION_ID}, {@link #PROVIDER_ID} and (when it has one) {@link #CUSTOMER_ID}.
 */
public final class IntegrationEvents {

    public static final String CREATED = "clientele/integration/integration/CREATED";
    public static final String UPDATED = "clientele/integration/integration/UPDATED";
    public static final String DELETED = "clientele/integration/integration/DELETED";
    /** The status changed (to {@code NEEDS_ATTENTION} after a failure, back to {@code ACTIVE}); carries {@link #STATUS}. */
    public static final String STATUS_CHANGED = "clientele/integration/integration/STATUS_CHANGED";
    public static final String ALL = "clientele/integration/*";

    public static final String INTEGRATION_ID = "integrationId";
    public static final String PROVIDER_ID = "providerId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String STATUS = "status";

    private IntegrationEvents() {
    }
}
