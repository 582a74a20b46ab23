package io.clientele.portal.impl.internal;

import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One line of a customer's portal history ({@code portal_event}): written when something the customer may see happens,
 * with a summary meant for the customer. Never an internal comment, never a staff user's id.
 */
@Entity(name = "PortalEvent")
@Table(name = "portal_event")
public class PortalEventRecord extends TenantOwned implements CreationOrder {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "kind", length = 40, nullable = false, updatable = false)
    private String kind;

    @Column(name = "summary", length = 500, nullable = false, updatable = false)
    private String summary;

    /** The note or request the line is about. */
    @Column(name = "subject_id", length = 36, updatable = false)
    private String subjectId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected PortalEventRecord() {
    }

    PortalEventRecord(String id, String customerId, String kind, String summary, String subjectId, Instant now) {
        super(id);
        this.customerId = customerId;
        this.kind = kind;
        this.summary = summary.length() > 500 ? summary.substring(0, 497) + "..." : summary;
        this.subjectId = subjectId;
        this.createdAt = now;
    }

    String customerId() {
        return customerId;
    }

    String kind() {
        return kind;
    }

    String summary() {
        return summary;
    }

    String subjectId() {
        return subjectId;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }
}
