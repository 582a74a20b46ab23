package io.clientele.portal.impl.internal;

import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** A service a customer's contact requested through the portal ({@code portal_service_request}). */
@Entity(name = "PortalServiceRequest")
@Table(name = "portal_service_request")
public class ServiceRequestRecord extends TenantOwned implements CreationOrder {

    static final String OPEN = "OPEN";
    static final String ANSWERED = "ANSWERED";

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "contact_id", length = 36, nullable = false, updatable = false)
    private String contactId;

    @Column(name = "subject", length = 200, nullable = false)
    private String subject;

    @Column(name = "description", length = 4000, nullable = false)
    private String description;

    @Column(name = "status", length = 16, nullable = false)
    private String status;

    @Column(name = "answer", length = 4000)
    private String answer;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "answered_by", length = 36)
    private String answeredBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ServiceRequestRecord() {
    }

    ServiceRequestRecord(String id, String customerId, String contactId, String subject, String description, Instant now) {
        super(id);
        this.customerId = customerId;
        this.contactId = contactId;
        this.subject = subject;
        this.description = description;
        this.status = OPEN;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void answer(String text, String userId, Instant now) {
        this.answer = text;
        this.answeredBy = userId;
        this.answeredAt = now;
        this.status = ANSWERED;
        this.updatedAt = now;
    }

    String customerId() {
        return customerId;
    }

    String contactId() {
        return contactId;
    }

    String subject() {
        return subject;
    }

    String description() {
        return description;
    }

    String status() {
        return status;
    }

    String answer() {
        return answer;
    }

    Instant answeredAt() {
        return answeredAt;
    }

    String answeredBy() {
        return answeredBy;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }
}
