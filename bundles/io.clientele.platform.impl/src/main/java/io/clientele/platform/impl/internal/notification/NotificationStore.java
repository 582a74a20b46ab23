package io.clientele.platform.impl.internal.notification;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.notification.Notification;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
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

    /** The caller's notifications, newest first, keyset-paged (creation time, then id, descending). */
    @Override
    public Page<Notification> forCurrentUser(boolean unreadOnly, int limit, String cursor) {
        String userId = RequestContext.principal().id();
        String condition = "e.userId = :userId" + (unreadOnly ? " AND e.readAt IS NULL" : "");
        return work.inTransaction(em -> KeysetPages.page(em, NotificationRecord.class, KeysetPages.<NotificationRecord>newestFirst(),
                condition, Map.of("userId", userId), new PageRequest(limit, cursor), null)).map(NotificationRecord::toApi);
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
