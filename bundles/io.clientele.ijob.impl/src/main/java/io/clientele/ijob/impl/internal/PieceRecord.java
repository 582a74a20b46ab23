package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.PieceStatus;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/**
 * A piece as stored ({@code ijob_piece}), without its steps ({@link StepRecord}) and timeline ({@link Timeline}). Its
 * version is the piece's ETag: every workflow command moves it on. Liquibase owns the table.
 */
@Entity(name = "Piece")
@Table(name = "ijob_piece")
public class PieceRecord extends TenantOwned {

    @Column(name = "job_id", length = 36, nullable = false, updatable = false)
    private String jobId;

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "title", length = 200, nullable = false)
    private String title;

    @Column(name = "review_url", length = Inputs.MAX_URL)
    private String reviewUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 32, nullable = false)
    private PieceStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PieceRecord() {
    }

    PieceRecord(String id, String jobId, String customerId, String title, String reviewUrl, PieceStatus status, Instant now) {
        super(id);
        this.jobId = jobId;
        this.customerId = customerId;
        this.title = title;
        this.reviewUrl = reviewUrl;
        this.status = status;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The workflow moved: the new status (possibly the same), and a new version either way. */
    void moved(PieceStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    String jobId() {
        return jobId;
    }

    String customerId() {
        return customerId;
    }

    String title() {
        return title;
    }

    /** The link to the thing the customer reviews, or null. */
    String reviewUrl() {
        return reviewUrl;
    }

    /** Staff changed the title or the link to review: a new version. */
    void edited(String title, String reviewUrl, Instant now) {
        this.title = title;
        this.reviewUrl = reviewUrl;
        this.updatedAt = now;
    }

    /** Something on the piece changed (a new file version): a new version, and it moves up the customer's list. */
    void touched(Instant now) {
        this.updatedAt = now;
    }

    PieceStatus status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
