package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.Step;
import io.clientele.ijob.api.StepStatus;
import io.clientele.ijob.api.StepType;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/**
 * One step of a piece's workflow as stored ({@code ijob_step}), at its position. The customer id is kept on the step
 * so that {@link StepAssignees} finds the customers a user works for without a join. Liquibase owns the table.
 */
@Entity(name = "Step")
@Table(name = "ijob_step")
public class StepRecord extends TenantOwned {

    @Column(name = "piece_id", length = 36, nullable = false, updatable = false)
    private String pieceId;

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "position", nullable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(name = "type", length = 32, nullable = false, updatable = false)
    private StepType type;

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    @Column(name = "assignee_id", length = 36)
    private String assigneeId;

    @Column(name = "due_at")
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private StepStatus status;

    protected StepRecord() {
    }

    StepRecord(PieceRecord piece, int position, Step step) {
        super(step.id());
        this.pieceId = piece.id();
        this.customerId = piece.customerId();
        this.type = step.type();
        take(position, step);
    }

    /** Takes the workflow's view of this step; unchanged values leave the row (and its version) alone. */
    void take(int position, Step step) {
        this.position = position;
        this.name = step.name();
        this.assigneeId = step.assigneeId();
        this.dueAt = step.dueAt();
        this.status = step.status();
    }

    String pieceId() {
        return pieceId;
    }

    int position() {
        return position;
    }

    Step toApi() {
        return new Step(id(), type, name, assigneeId, dueAt, status);
    }
}
