package io.clientele.platform.api.tenancy;

/**
 * The agencies' events, posted through {@link io.clientele.platform.api.event.DomainEvents} after the change commits
 * (with {@code agencyId}, {@code actorId} and {@code at} like every domain event).
 */
public final class AgencyEvents {

    /** Every event of the agencies. */
    public static final String ALL = "clientele/platform/agency/*";

    /** An operator created an agency with its first admin; {@code slug}. */
    public static final String AGENCY_CREATED = "clientele/platform/agency/CREATED";

    /** An operator changed the modules an agency subscribes; {@code slug}, {@code modules} (comma-separated ids). */
    public static final String MODULES_CHANGED = "clientele/platform/agency/MODULES_CHANGED";

    private AgencyEvents() {
    }
}
