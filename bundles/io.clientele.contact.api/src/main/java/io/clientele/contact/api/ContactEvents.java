package io.clientele.contact.api;

/**
 * The contacts' events.
 *
 * <p>Topics of the events this module posts through {@link io.clientele.platform.api.event.DomainEvents}: after the
 * change's transaction commits, never for one that rolled back; every event also carries {@code agencyId},
 * {@code actorId} and {@code at}. Subscribe with an OSGi {@code EventHandler} ({@code event.topics}
 * {@link #ALL}, or one topic), or name them in an integration's list of events.
 */
public final class ContactEvents {

    /** Every event of the contacts. */
    public static final String ALL = "clientele/contact/*";

    /** {@code contactId}, {@code customerId}. */
    public static final String CONTACT_CREATED = "clientele/contact/contact/CREATED";

    /** {@code contactId}, {@code customerId} (also when portal access changes). */
    public static final String CONTACT_UPDATED = "clientele/contact/contact/UPDATED";

    /** {@code contactId}, {@code customerId}. */
    public static final String CONTACT_DELETED = "clientele/contact/contact/DELETED";

    private ContactEvents() {
    }
}
