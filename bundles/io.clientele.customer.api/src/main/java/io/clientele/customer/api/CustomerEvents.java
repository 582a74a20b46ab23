package io.clientele.customer.api;

/**
 * The customer registry's events.
 *
 * <p>Topics of the events this module posts through {@link io.clientele.platform.api.event.DomainEvents}: after the
 * change's transaction commits, never for one that rolled back; every event also carries {@code agencyId},
 * {@code actorId} and {@code at}. Subscribe with an OSGi {@code EventHandler} ({@code event.topics}
 * {@link #ALL}, or one topic), or name them in an integration's list of events.
 */
public final class CustomerEvents {

    /** Every event of the customer registry. */
    public static final String ALL = "clientele/customer/*";

    /** A customer was registered; {@code customerId}. */
    public static final String CUSTOMER_CREATED = "clientele/customer/customer/CREATED";

    /** A customer was changed; {@code customerId}. */
    public static final String CUSTOMER_UPDATED = "clientele/customer/customer/UPDATED";

    /** A customer was archived; {@code customerId}. */
    public static final String CUSTOMER_ARCHIVED = "clientele/customer/customer/ARCHIVED";

    /** An import created customers; {@code count}. */
    public static final String CUSTOMERS_IMPORTED = "clientele/customer/customer/IMPORTED";

    /** {@code legalEntityId}, {@code customerId}. */
    public static final String LEGAL_ENTITY_CREATED = "clientele/customer/legal-entity/CREATED";

    /** {@code legalEntityId}, {@code customerId}. */
    public static final String LEGAL_ENTITY_UPDATED = "clientele/customer/legal-entity/UPDATED";

    /** {@code legalEntityId}, {@code customerId}. */
    public static final String LEGAL_ENTITY_DELETED = "clientele/customer/legal-entity/DELETED";

    /** A comment on a customer; {@code commentId}, {@code customerId}. */
    public static final String COMMENT_CREATED = "clientele/customer/comment/CREATED";

    /** A file attached to a comment; {@code attachmentId}, {@code commentId}, {@code customerId}. */
    public static final String ATTACHMENT_CREATED = "clientele/customer/attachment/CREATED";

    private CustomerEvents() {
    }
}
