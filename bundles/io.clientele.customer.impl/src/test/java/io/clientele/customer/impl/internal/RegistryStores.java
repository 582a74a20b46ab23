package io.clientele.customer.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.impl.internal.auth.AuthConfig;
import io.clientele.platform.impl.internal.auth.BreachedListPasswordPolicy;
import io.clientele.platform.impl.internal.auth.DatabaseLoginThrottle;
import io.clientele.platform.impl.internal.auth.Pbkdf2PasswordHasher;
import io.clientele.platform.impl.internal.auth.TokenSessionService;
import io.clientele.platform.impl.internal.event.EventAdminDomainEvents;
import io.clientele.platform.impl.internal.history.HistoryStore;
import io.clientele.platform.impl.internal.notification.NotificationStore;
import io.clientele.platform.impl.internal.users.UserStore;
import io.clientele.platform.testing.JpaUnitFixture;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The registry's stores as the runtime wires them, outside OSGi: every store of this bundle on the {@code customer}
 * unit of a {@link JpaUnitFixture}, with the platform's real history, notification, user and domain-event components on
 * the same database (users and notifications on the platform's own unit). Only OSGi's Event Admin is replaced, by a list of the events posted (after their commit).
 */
final class RegistryStores {

    final JpaUnitFixture db;
    final List<String> posted = new CopyOnWriteArrayList<>();
    final HistoryStore history;
    final LookupStore lookups;
    final SettingsStore settings;
    final CustomerStore customers;
    final LegalEntityStore legalEntities;
    final ViewStore views;
    final CommentStore comments;

    RegistryStores(JpaUnitFixture db) {
        this.db = db;
        Database database = db.database();
        EventAdmin eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event.getTopic());
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event.getTopic());
            }
        };
        EventAdminDomainEvents events = new EventAdminDomainEvents(eventAdmin, database);
        AuthConfig auth = defaults();
        history = new HistoryStore(database, db.platformUnit());
        UserStore users = new UserStore(database, db.platformUnit(), new BreachedListPasswordPolicy(), new Pbkdf2PasswordHasher(1_000),
                new TokenSessionService(database, db.platformUnit(), auth), history, events, new DatabaseLoginThrottle(database, auth, Clock.systemUTC()));
        CustomerSchema schema = new CustomerSchema(database);
        lookups = new LookupStore(database, db.unit(), schema);
        settings = new SettingsStore(database, db.unit(), schema, history);
        customers = new CustomerStore(database, db.unit(), schema, lookups, settings, users, history, events);
        legalEntities = new LegalEntityStore(database, db.unit(), schema, customers, history, events);
        views = new ViewStore(database, db.unit(), schema);
        comments = new CommentStore(database, db.unit(), schema, customers, users, new NotificationStore(database, db.platformUnit()), history, events);
    }

    /** The platform's authentication settings at their defaults (the annotation type is the typed configuration). */
    private static AuthConfig defaults() {
        return (AuthConfig) Proxy.newProxyInstance(AuthConfig.class.getClassLoader(), new Class<?>[] {AuthConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> AuthConfig.class;
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "AuthConfig defaults";
                    default -> method.getDefaultValue();
                });
    }

    /** A customer of {@code agency} as the registry stores it; a restricted one is hidden from staff who do not serve it. */
    void addCustomer(String agency, String id, boolean restricted) {
        Instant now = Instant.now();
        db.database().inTransaction(c -> Jdbc.update(c, "INSERT INTO customer (id, agency_id, name, name_lower, person_type, restricted,"
                        + " supplier, receive_promotional_emails, publish_digital_media, portal_access, archived, version, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, 'COMPANY', ?, FALSE, FALSE, FALSE, FALSE, FALSE, 0, ?, ?)",
                id, agency, "Customer " + id, "customer " + id, restricted, now, now));
    }

    /** The number of rows {@code sql} (a {@code SELECT COUNT(*)} with one parameter) counts, read in a transaction of its own. */
    long count(String sql, Object arg) {
        return db.database().inTransaction(c -> Jdbc.queryOne(c, sql, rs -> rs.getLong(1), arg).orElseThrow());
    }
}
