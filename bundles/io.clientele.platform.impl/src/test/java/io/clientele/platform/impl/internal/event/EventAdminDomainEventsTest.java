package io.clientele.platform.impl.internal.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.event.TransactionalEventListener;
import io.clientele.platform.impl.internal.db.MigratedDerby;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Transactional listeners write in the change's transaction; Event Admin hears of committed changes only. */
class EventAdminDomainEventsTest {

    private static ThreadBoundDatabase db;
    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private final EventAdminDomainEvents events = new EventAdminDomainEvents(new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            posted.add(event);
        }
    }, db);

    @BeforeAll
    static void migrate() {
        db = MigratedDerby.create();
    }

    /** A listener that queues a row per event, as an integration's delivery queue does. */
    private static final TransactionalEventListener QUEUE = (topic, properties) -> db.inTransaction(c -> Jdbc.update(c,
            "INSERT INTO platform_secret (name, secret_value, created_at) VALUES (?, ?, ?)",
            properties.get("name"), topic, Instant.now()));

    private static long queued(String name) {
        return db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM platform_secret WHERE name = ?", name));
    }

    @Test
    void aListenerWritesInTheChangesTransactionAndTheEventIsPostedAfterTheCommit() {
        events.addListener(QUEUE);
        db.inTransaction(c -> {
            events.publish("clientele/test/thing/CREATED", Map.of("name", "committed-1"));
            assertTrue(posted.isEmpty(), "posted before the commit");
            return null;
        });
        assertEquals(1, queued("committed-1"));
        assertEquals(1, posted.size());
        assertEquals("clientele/test/thing/CREATED", posted.get(0).getTopic());
        assertTrue(posted.get(0).containsProperty(DomainEvents.AT));
    }

    @Test
    void aChangeThatRollsBackLeavesNeitherTheListenersRowNorAnEvent() {
        events.addListener(QUEUE);
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            events.publish("clientele/test/thing/CREATED", Map.of("name", "rolled-back-1"));
            throw new IllegalStateException("the change fails after its event");
        }));
        assertEquals(0, queued("rolled-back-1"));
        assertTrue(posted.isEmpty());
    }

    @Test
    void aListenerThatFailsFailsTheChange() {
        events.addListener((topic, properties) -> {
            throw new IllegalStateException("cannot queue");
        });
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO platform_secret (name, secret_value, created_at) VALUES ('failed-change-1', 'v', ?)",
                    Instant.now());
            events.publish("clientele/test/thing/CREATED", Map.of("name", "failed-1"));
            return null;
        }));
        assertEquals(0, queued("failed-change-1"));
        assertTrue(posted.isEmpty());
    }

    @Test
    void anEventOutsideATransactionIsQueuedInOneOfItsOwnAndPostedAtOnce() {
        events.addListener(QUEUE);
        events.publish("clientele/test/thing/UPDATED", Map.of("name", "alone-1"));
        assertEquals(1, queued("alone-1"));
        assertEquals(1, posted.size());
    }
}
