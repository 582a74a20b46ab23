package io.clientele.platform.impl.internal.event;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.event.DomainEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts domain events asynchronously through Event Admin once the caller's transaction has committed. */
@Component(service = DomainEvents.class)
public class EventAdminDomainEvents implements DomainEvents {

    private final EventAdmin eventAdmin;
    private final Database database;

    @Activate
    public EventAdminDomainEvents(@Reference EventAdmin eventAdmin, @Reference Database database) {
        this.eventAdmin = eventAdmin;
        this.database = database;
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
        Event event = new Event(topic, props);
        database.afterCommit(() -> eventAdmin.postEvent(event));
    }

}
