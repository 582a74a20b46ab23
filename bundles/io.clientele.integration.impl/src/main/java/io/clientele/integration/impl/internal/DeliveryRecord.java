package io.clientele.integration.impl.internal;

import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * One domain event queued for one integration ({@code integration_delivery}), written by {@link DeliveryQueue} in the
 * transaction of the change that raised the event and worked off by {@link DeliveryWorker}. Its id ({@code msg_…},
 * time-ordered) is the one the receiver deduplicates on, the same on every attempt and re-queue. {@code version} is
 * the worker's claim token: every claim, lease renewal and outcome bumps it and holds only while it is unchanged.
 */
@Entity(name = "IntegrationDelivery")
@Table(name = "integration_delivery")
public class DeliveryRecord extends TenantOwned implements CreationOrder {

    /** PENDING until delivered or dead-lettered. */
    enum Status { PENDING, DELIVERED, DEAD }

    @Column(name = "integration_id", length = 36, nullable = false, updatable = false)
    private String integrationId;

    @Column(name = "topic", length = 200, nullable = false, updatable = false)
    private String topic;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Lob
    @Column(name = "payload", length = Integer.MAX_VALUE, nullable = false, updatable = false)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 20, nullable = false)
    private Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_outcome", length = 20)
    private String lastOutcome;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_message", length = 500)
    private String lastMessage;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DeliveryRecord() {
    }

    DeliveryRecord(String id, String integrationId, String topic, Instant occurredAt, String payload, Instant now) {
        super(id);
        this.integrationId = integrationId;
        this.topic = topic;
        this.occurredAt = occurredAt;
        this.payload = payload;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    String integrationId() {
        return integrationId;
    }

    String topic() {
        return topic;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    String payloadJson() {
        return payload;
    }

    Status status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }

    String lastOutcome() {
        return lastOutcome;
    }

    Integer lastStatus() {
        return lastStatus;
    }

    String lastMessage() {
        return lastMessage;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }
}
