package io.clientele.customer.impl.internal;

import io.clientele.platform.jpa.TenantRow;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A file attached to a comment, its metadata as stored ({@code customer_attachment}): written once with its comment's
 * customer, never changed, so without a version. The bytes are not mapped: they stay in
 * {@code customer_attachment_content}, written and read by {@link CommentStore} as a stream over JDBC in the same
 * transaction, so that listing attachments never reads them.
 */
@Entity(name = "CustomerAttachment")
@Table(name = "customer_attachment")
public class AttachmentRecord extends TenantRow {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "comment_id", length = 36, nullable = false, updatable = false)
    private String commentId;

    @Column(name = "file_name", length = 255, nullable = false, updatable = false)
    private String fileName;

    @Column(name = "content_type", length = 100, nullable = false, updatable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long size;

    @Column(name = "created_by", length = 36, nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected AttachmentRecord() {
    }

    AttachmentRecord(String id, String customerId, String commentId, String fileName, String contentType, long size, String createdBy,
                     Instant now) {
        super(id);
        this.customerId = customerId;
        this.commentId = commentId;
        this.fileName = fileName;
        this.contentType = contentType;
        this.size = size;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    String customerId() {
        return customerId;
    }

    String commentId() {
        return commentId;
    }

    CommentStore.Attachment toApi() {
        return new CommentStore.Attachment(id(), commentId, fileName, contentType, size, createdAt);
    }
}
