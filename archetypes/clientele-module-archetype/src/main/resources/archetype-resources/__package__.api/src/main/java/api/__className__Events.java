package ${package}.api;

/**
 * Topics of the events the module "${moduleId}" posts through {@code io.clientele.platform.api.event.DomainEvents}:
 * after the change's transaction commits, never for one that rolled back; each also carries {@code agencyId},
 * {@code actorId} and {@code at}. Subscribe with an OSGi {@code EventHandler}, or list them in an integration
 * provider's {@code eventTopics()}.
 */
public final class ${className}Events {

    /** Every event of the module. */
    public static final String ALL = "clientele/${moduleId}/*";

    /** {@code itemId}, {@code title}. */
    public static final String ITEM_CREATED = "clientele/${moduleId}/item/CREATED";

    private ${className}Events() {
    }
}
