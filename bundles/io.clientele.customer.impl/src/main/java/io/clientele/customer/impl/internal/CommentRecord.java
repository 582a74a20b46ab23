package io.clientele.customer.impl.internal;

import io.clientele.platform.jpa.TenantRow;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A comment on a customer as stored ({@code customer_comment}): written once and never changed, so a tenant-owned row
 * without a version, as the table has none.
 */
@Entity(name = "CustomerComment")
@Table(name = "customer_comment")
public class CommentRecord extends TenantRow {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "author_id", length = 36, nullable = false, updatable = false)
    private String authorId;

    @Column(name = "author_name", length = 200, updatable = false)
    private String authorName;

    @Column(name = "body", length = 10000, nullable = false, updatable = false)
    private String body;

    /** The mentioned users' ids, comma-separated (empty when none). */
    @Column(name = "mentioned_user_ids", length = 2000, updatable = false)
    private String mentionedUserIds;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected CommentRecord() {
    }

    CommentRecord(String id, String customerId, String authorId, String authorName, String body, List<String> mentionedUserIds,
                  Instant now) {
        super(id);
        this.customerId = customerId;
        this.authorId = authorId;
        this.authorName = authorName;
        this.body = body;
        this.mentionedUserIds = String.join(",", mentionedUserIds);
        this.createdAt = now;
    }

    String customerId() {
        return customerId;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** The comment as the API shows it, with {@code attachments}. */
    CommentStore.Comment toApi(List<CommentStore.Attachment> attachments) {
        List<String> mentioned = mentionedUserIds == null || mentionedUserIds.isEmpty() ? List.of()
                : Arrays.asList(mentionedUserIds.split(","));
        return new CommentStore.Comment(id(), customerId, authorId, authorName, body, mentioned, attachments, createdAt);
    }
}
