package io.clientele.portal.impl.internal;

import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** A note staff published to a customer's portal ({@code portal_service_note}). */
@Entity(name = "PortalServiceNote")
@Table(name = "portal_service_note")
public class ServiceNoteRecord extends TenantOwned implements CreationOrder {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "body", length = 4000, nullable = false)
    private String body;

    @Column(name = "author_id", length = 36, updatable = false)
    private String authorId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected ServiceNoteRecord() {
    }

    ServiceNoteRecord(String id, String customerId, String body, String authorId, Instant now) {
        super(id);
        this.customerId = customerId;
        this.body = body;
        this.authorId = authorId;
        this.createdAt = now;
    }

    String customerId() {
        return customerId;
    }

    String body() {
        return body;
    }

    String authorId() {
        return authorId;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }
}
