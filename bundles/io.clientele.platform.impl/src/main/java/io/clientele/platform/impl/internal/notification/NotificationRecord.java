package io.clientele.platform.impl.internal.notification;

import io.clientele.platform.api.notification.Notification;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** A notification to one user of an agency as stored ({@code platform_notification}); only its read time changes. */
@Entity(name = "PlatformNotification")
@Table(name = "platform_notification")
public class NotificationRecord extends TenantOwned implements CreationOrder {

    @Column(name = "user_id", length = 36, nullable = false, updatable = false)
    private String userId;

    @Column(name = "kind", length = 64, nullable = false, updatable = false)
    private String kind;

    @Column(name = "title", length = 300, nullable = false, updatable = false)
    private String title;

    @Column(name = "body", length = 4000, updatable = false)
    private String body;

    @Column(name = "link", length = 500, updatable = false)
    private String link;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected NotificationRecord() {
    }

    /** A new, unread notification (texts already cut to their columns). */
    NotificationRecord(String id, String userId, String kind, String title, String body, String link, Instant now) {
        super(id);
        this.userId = userId;
        this.kind = kind;
        this.title = title;
        this.body = body;
        this.link = link;
        this.createdAt = now;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    String userId() {
        return userId;
    }

    /** Marks it read now, unless it was read before (the first read time stays). */
    void read(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    Notification toApi() {
        return new Notification(id(), userId, kind, title, body, link, createdAt, readAt);
    }
}
