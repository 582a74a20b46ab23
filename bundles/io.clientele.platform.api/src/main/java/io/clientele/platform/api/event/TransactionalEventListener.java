package io.clientele.platform.api.event;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees every domain event inside the transaction of the change that raised it, before the transaction commits, so
 * that what it writes (a queued delivery to an integration, say) commits or rolls back with the change: a durable
 * outbox, where an OSGi {@code EventHandler} only hears of committed changes, after the fact, and can miss them in a
 * crash. Published as an OSGi service; {@link DomainEvents#publish} calls every registered listener on the caller's
 * thread, inside the caller's transaction when there is one, with the event's properties as they will be posted; a
 * listener writes through {@code Database.inTransaction} (or a unit's {@code EntityWork}), which joins that
 * transaction, or opens one of its own for an event published outside any. A listener that throws fails the change.
 *
 * <p>Keep it cheap: it runs on every change of every module. Decide from memory whether the topic matters before
 * touching the database, and never call out over the network here.
 *
 * @since 1.1
 */
@ConsumerType
public interface TransactionalEventListener {

    /**
     * One domain event in its transaction.
     *
     * @param topic      e.g. {@code clientele/customer/customer/CREATED}
     * @param properties unmodifiable; always with {@link DomainEvents#AGENCY_ID} (when the change has an agency),
     *                   {@link DomainEvents#ACTOR_ID} and {@link DomainEvents#AT}
     */
    void inTransaction(String topic, Map<String, Object> properties);
}
