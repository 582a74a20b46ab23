package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.Job;
import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * A job as stored ({@code ijob_job}). The briefing is a JSON object of question → answer texts; the estimated cost and
 * the budget commitment are written once, when the job is opened. Liquibase owns the table.
 */
@Entity(name = "Job")
@Table(name = "ijob_job")
public class JobRecord extends TenantOwned {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "title", length = 200, nullable = false)
    private String title;

    @Column(name = "ijob", nullable = false)
    private boolean ijob;

    @Column(name = "template_id", length = 36, updatable = false)
    private String templateId;

    @Column(name = "budget_id", length = 36)
    private String budgetId;

    @Lob
    @Column(name = "briefing", length = Integer.MAX_VALUE)
    private String briefing;

    @Column(name = "origin", length = 16, nullable = false, updatable = false)
    private String origin;

    @Column(name = "estimated_cost", precision = 19, scale = 2, updatable = false)
    private BigDecimal estimatedCost;

    @Column(name = "budget_commitment_id", length = 36, updatable = false)
    private String budgetCommitmentId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected JobRecord() {
    }

    JobRecord(String id, String customerId, String title, boolean ijob, String templateId, String budgetId, Map<String, String> briefing,
              String origin, BigDecimal estimatedCost, String budgetCommitmentId, Instant now) {
        super(id);
        this.customerId = customerId;
        this.title = title;
        this.ijob = ijob;
        this.templateId = templateId;
        this.budgetId = budgetId;
        this.briefing = JsonText.write(briefing);
        this.origin = origin;
        this.estimatedCost = estimatedCost;
        this.budgetCommitmentId = budgetCommitmentId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void title(String title) {
        this.title = title;
    }

    void ijob(boolean ijob) {
        this.ijob = ijob;
    }

    void budgetId(String budgetId) {
        this.budgetId = budgetId;
    }

    void briefing(Map<String, String> briefing) {
        this.briefing = JsonText.write(briefing);
    }

    /** Marks the job changed (its version moves on even when no field did, as the JDBC store's update did). */
    void touched(Instant now) {
        this.updatedAt = now;
    }

    String customerId() {
        return customerId;
    }

    String title() {
        return title;
    }

    boolean ijob() {
        return ijob;
    }

    String budgetId() {
        return budgetId;
    }

    BigDecimal estimatedCost() {
        return estimatedCost;
    }

    String budgetCommitmentId() {
        return budgetCommitmentId;
    }

    Instant createdAt() {
        return createdAt;
    }

    Job toApi() {
        return new Job(id(), customerId, title, ijob, templateId, budgetId, JsonText.read(briefing, JsonText.BRIEFING), origin, version(),
                createdAt, updatedAt);
    }
}
