package io.clientele.platform.testing;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.impl.internal.agency.AgencyStore;
import io.clientele.platform.impl.internal.auth.AuthConfig;
import io.clientele.platform.impl.internal.auth.BreachedListPasswordPolicy;
import io.clientele.platform.impl.internal.auth.DatabaseLoginThrottle;
import io.clientele.platform.impl.internal.auth.Pbkdf2PasswordHasher;
import io.clientele.platform.impl.internal.auth.TokenSessionService;
import io.clientele.platform.impl.internal.event.EventAdminDomainEvents;
import io.clientele.platform.impl.internal.history.HistoryStore;
import io.clientele.platform.impl.internal.notification.NotificationStore;
import io.clientele.platform.impl.internal.users.UserStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The platform's stores on its unit {@code platform} as the runtime wires them, outside OSGi: agencies, users and
 * notifications and sessions on a {@link JpaUnitFixture}, with the real history, sessions, login throttle, password policy and hasher
 * and domain events on the same database. Only OSGi's Event Admin is replaced, by a list of the topics posted (after
 * their commit).
 */
final class PlatformStores {

    final JpaUnitFixture db;
    final List<String> posted = new CopyOnWriteArrayList<>();
    final HistoryStore history;
    final UserStore users;
    final AgencyStore agencies;
    final NotificationStore notifications;
    final TokenSessionService sessions;

    PlatformStores(JpaUnitFixture db) {
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
        history = new HistoryStore(database, db.unit());
        sessions = new TokenSessionService(database, db.unit(), auth);
        users = new UserStore(database, db.unit(), new BreachedListPasswordPolicy(), new Pbkdf2PasswordHasher(1_000),
                sessions, history, events, new DatabaseLoginThrottle(database, auth, Clock.systemUTC()));
        agencies = new AgencyStore(database, db.unit(), users, events);
        notifications = new NotificationStore(database, db.unit());
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

    /** The number of rows {@code sql} (a {@code SELECT COUNT(*)} with one parameter) counts, read in a transaction of its own. */
    long count(String sql, Object arg) {
        return db.database().inTransaction(c -> Jdbc.queryOne(c, sql, rs -> rs.getLong(1), arg).orElseThrow());
    }
}
