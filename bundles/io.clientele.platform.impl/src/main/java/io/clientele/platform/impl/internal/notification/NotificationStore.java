package io.clientele.platform.impl.internal.notification;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.notification.Notification;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Users' notifications, on the platform's persistence unit ({@link NotificationRecord}, tenant-owned). */
@Component(service = NotificationService.class)
public class NotificationStore implements NotificationService {

    private final EntityWork work;

    @Activate
    public NotificationStore(@Reference Database database, @Reference(target = "(osgi.unit.name=platform)") EntityManagerFactory unit) {
        this.work = new EntityWork(database, unit);
    }

    @Override
    public void notify(Collection<String> userIds, String kind, String title, String body, String link) {
        Instant now = EntityWork.now();
        work.inTransaction(em -> {
            for (String userId : new LinkedHashSet<>(userIds)) {
                em.persist(new NotificationRecord(Jdbc.newId(), userId, kind, truncate(title, 300), truncate(body, 4000),
                        truncate(link, 500), now));
            }
            return null;
        });
    }

    /**
     * The caller's notifications, newest first, keyset-paged. Not {@code KeysetPages}, which pages oldest first: the
     * list and its cursor (creation time, id of the last one) stay what clients already hold.
     */
    @Override
    public Page<Notification> forCurrentUser(boolean unreadOnly, int limit, String cursor) {
        StringBuilder jpql = new StringBuilder("SELECT n FROM PlatformNotification n WHERE n.userId = :userId");
        if (unreadOnly) {
            jpql.append(" AND n.readAt IS NULL");
        }
        Instant at = null;
        String afterId = null;
        if (cursor != null) {
            List<String> after = Cursor.decode(cursor, 2);
            try {
                at = Instant.parse(after.get(0));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            afterId = after.get(1);
            jpql.append(" AND (n.createdAt < :at OR (n.createdAt = :at AND n.id < :afterId))");
        }
        jpql.append(" ORDER BY n.createdAt DESC, n.id DESC");
        String userId = RequestContext.principal().id();
        Instant afterAt = at;
        String afterIdentity = afterId;
        List<Notification> rows = work.inTransaction(em -> {
            TypedQuery<NotificationRecord> query = em.createQuery(jpql.toString(), NotificationRecord.class)
                    .setParameter("userId", userId).setMaxResults(limit + 1);
            if (afterAt != null) {
                query.setParameter("at", afterAt).setParameter("afterId", afterIdentity);
            }
            return query.getResultList().stream().map(NotificationRecord::toApi).toList();
        });
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
        return work.inTransaction(em -> {
            NotificationRecord n = em.find(NotificationRecord.class, notificationId);
            if (n == null || !n.userId().equals(userId)) {
                throw ProblemException.notFound("Notification " + notificationId);
            }
            n.read(EntityWork.now());
            em.flush();
            return n.toApi();
        });
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
