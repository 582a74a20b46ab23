package io.clientele.platform.impl.internal.notification;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.notification.Notification;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = NotificationService.class)
public class NotificationStore implements NotificationService {

    private final Database database;
    private final TenantTable notifications;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public NotificationStore(@Reference Database database) {
        this.database = database;
        this.notifications = new TenantTable(database, "platform_notification");
    }

    @Override
    public void notify(Collection<String> userIds, String kind, String title, String body, String link) {
        Instant now = clock.instant();
        database.inTransaction(c -> {
            for (String userId : new LinkedHashSet<>(userIds)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", Jdbc.newId());
                row.put("user_id", userId);
                row.put("kind", kind);
                row.put("title", truncate(title, 300));
                row.put("body", truncate(body, 4000));
                row.put("link", truncate(link, 500));
                row.put("created_at", now);
                row.put("version", 0L);
                notifications.insert(row);
            }
            return null;
        });
    }

    @Override
    public Page<Notification> forCurrentUser(boolean unreadOnly, int limit, String cursor) {
        StringBuilder where = new StringBuilder("user_id = ?");
        List<Object> params = TenantTable.params(RequestContext.principal().id());
        if (unreadOnly) {
            where.append(" AND read_at IS NULL");
        }
        if (cursor != null) {
            List<String> after = Cursor.decode(cursor, 2);
            Instant at;
            try {
                at = Instant.parse(after.get(0));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            where.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            params.add(at);
            params.add(at);
            params.add(after.get(1));
        }
        List<Notification> rows = notifications.find(where.toString(), params, "created_at DESC, id DESC", limit + 1,
                NotificationStore::map);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Notification last = rows.get(limit - 1);
            next = Cursor.encode(last.createdAt().toString(), last.id());
        }
        return new Page<>(rows, next);
    }

    @Override
    public Notification markRead(String notificationId) {
        String userId = RequestContext.principal().id();
        return database.inTransaction(c -> {
            Notification n = notifications.findById(notificationId, NotificationStore::map)
                    .filter(x -> x.userId().equals(userId))
                    .orElseThrow(() -> ProblemException.notFound("Notification " + notificationId));
            if (n.readAt() == null) {
                notifications.update(notificationId, null, Map.of("read_at", clock.instant()));
            }
            return notifications.findById(notificationId, NotificationStore::map).orElseThrow();
        });
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static Notification map(ResultSet rs) throws SQLException {
        return new Notification(rs.getString("id"), rs.getString("user_id"), rs.getString("kind"), rs.getString("title"),
                rs.getString("body"), rs.getString("link"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "read_at"));
    }
}
