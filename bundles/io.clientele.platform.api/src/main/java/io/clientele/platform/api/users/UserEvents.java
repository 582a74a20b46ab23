package io.clientele.platform.api.users;

/**
 * The agency users' events.
 *
 * <p>Topics of the events this module posts through {@link io.clientele.platform.api.event.DomainEvents}: after the
 * change's transaction commits, never for one that rolled back; every event also carries {@code agencyId},
 * {@code actorId} and {@code at}. Subscribe with an OSGi {@code EventHandler} ({@code event.topics}
 * {@link #ALL}, or one topic), or name them in an integration's list of events.
 */
public final class UserEvents {

    /** Every event of the agency users. */
    public static final String ALL = "clientele/platform/user/*";

    /** {@code userId}. */
    public static final String USER_CREATED = "clientele/platform/user/CREATED";

    /** {@code userId}. */
    public static final String USER_UPDATED = "clientele/platform/user/UPDATED";

    /** {@code userId}. */
    public static final String USER_DEACTIVATED = "clientele/platform/user/DEACTIVATED";

    private UserEvents() {
    }
}
