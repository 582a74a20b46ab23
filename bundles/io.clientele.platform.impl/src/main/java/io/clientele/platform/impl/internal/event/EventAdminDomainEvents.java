package io.clientele.platform.impl.internal.event;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.event.TransactionalEventListener;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Hands each domain event to the {@link TransactionalEventListener}s inside the caller's transaction, then posts it
 * asynchronously through Event Admin once that transaction has committed.
 */
@Component(service = DomainEvents.class)
public class EventAdminDomainEvents implements DomainEvents {

    private final EventAdmin eventAdmin;
    private final Database database;
    private final List<TransactionalEventListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public EventAdminDomainEvents(@Reference EventAdmin eventAdmin, @Reference Database database) {
        this.eventAdmin = eventAdmin;
        this.database = database;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(TransactionalEventListener listener) {
        listeners.add(listener);
    }

    void removeListener(TransactionalEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void publish(String topic, Map<String, ?> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        RequestContext.current().ifPresent(p -> {
            props.putIfAbsent(AGENCY_ID, p.agencyId());
            props.putIfAbsent(ACTOR_ID, p.id());
        });
        props.putIfAbsent(AT, Instant.now().toString());
        props.values().removeIf(v -> v == null);
        // on the caller's thread: a listener's writes go through Database.inTransaction, which joins the caller's
        // transaction when there is one; a listener with nothing to write touches no connection
        Map<String, Object> seen = Collections.unmodifiableMap(props);
        for (TransactionalEventListener listener : listeners) {
            listener.inTransaction(topic, seen);
        }
        Event event = new Event(topic, props);
        database.afterCommit(() -> eventAdmin.postEvent(event));
    }

}
