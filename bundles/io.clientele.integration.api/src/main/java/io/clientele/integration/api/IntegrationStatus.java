package io.clientele.integration.api;

/** The state of an integration as its agency sees it. */
public enum IntegrationStatus {
    /** Working, or not yet used. */
    ACTIVE,
    /** Its last call failed in a way that needs a person (credentials refused, endpoint gone); calls are not made. */
    NEEDS_ATTENTION,
    /** Switched off by the agency; kept with its settings, calls are not made. */
    DISCONNECTED
}
