package io.clientele.integration.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** One call of a provider's {@code deliver} for a delivery ({@code integration_delivery_attempt}), as the delivery log shows it. */
@Entity(name = "IntegrationDeliveryAttempt")
@Table(name = "integration_delivery_attempt")
public class DeliveryAttemptRecord extends TenantOwned {

    /** The longest answer excerpt kept (the column's size). */
    static final int MAX_EXCERPT = 1000;
    /** The longest message kept (the column's size). */
    static final int MAX_MESSAGE = 500;

    @Column(name = "delivery_id", length = 36, nullable = false, updatable = false)
    private String deliveryId;

    @Column(name = "attempt", nullable = false, updatable = false)
    private int attempt;

    @Column(name = "attempted_at", nullable = false, updatable = false)
    private Instant at;

    @Column(name = "outcome", length = 20, nullable = false, updatable = false)
    private String outcome;

    @Column(name = "http_status", updatable = false)
    private Integer httpStatus;

    @Column(name = "latency_ms", nullable = false, updatable = false)
    private long latencyMs;

    @Column(name = "answer_excerpt", length = MAX_EXCERPT, updatable = false)
    private String answerExcerpt;

    @Column(name = "message", length = MAX_MESSAGE, updatable = false)
    private String message;

    protected DeliveryAttemptRecord() {
    }

    DeliveryAttemptRecord(String id, String deliveryId, int attempt, Instant at, String outcome, Integer httpStatus, long latencyMs,
                          String answerExcerpt, String message) {
        super(id);
        this.deliveryId = deliveryId;
        this.attempt = attempt;
        this.at = at;
        this.outcome = outcome;
        this.httpStatus = httpStatus;
        this.latencyMs = latencyMs;
        this.answerExcerpt = cut(answerExcerpt, MAX_EXCERPT);
        this.message = cut(message, MAX_MESSAGE);
    }

    /** {@code text} at most {@code max} characters long, or null. */
    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    String deliveryId() {
        return deliveryId;
    }

    int attempt() {
        return attempt;
    }

    Instant at() {
        return at;
    }

    String outcome() {
        return outcome;
    }

    Integer httpStatus() {
        return httpStatus;
    }

    long latencyMs() {
        return latencyMs;
    }

    String answerExcerpt() {
        return answerExcerpt;
    }

    String message() {
        return message;
    }
}
