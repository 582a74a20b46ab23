package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.PieceStatus;
import io.clientele.ijob.api.Step;
import io.clientele.ijob.api.StepStatus;
import io.clientele.ijob.api.StepType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The workflow of one piece as a pure state machine (no database, no clock, no ids of its own). Steps run in
 * order: a step opens when every step before it is done, so at most one step is open at a time. The customer
 * approves an open CUSTOMER_APPROVAL step or requests changes, which closes it and inserts a CUSTOMER_ALTERATION
 * step (open at once) followed by a new CUSTOMER_APPROVAL step (pending until the alteration is done); the loop
 * may repeat any number of times. Each command appends {@link Event}s describing what happened, in order.
 */
public final class Workflow {

    /** What a command did, for the timeline: STEP_OPENED, STEP_COMPLETED, APPROVED, CHANGES_REQUESTED, STEP_INSERTED, STEP_REASSIGNED, PIECE_FINISHED. */
    public record Event(String action, Step step, String comment, Step before) {
    }

    /** Why a command was refused. */
    public enum Reason {
        /** no step with that id in this piece */
        NO_SUCH_STEP,
        /** the step is not open (pending or already done) */
        STEP_NOT_OPEN,
        /** staff tried to complete a customer approval step: only the customer decides it */
        CUSTOMER_DECIDES,
        /** approve / request changes while no customer approval step is open */
        NOT_AWAITING_CUSTOMER,
        /** a done step cannot be reassigned, a customer approval step has no assignee */
        NOT_REASSIGNABLE
    }

    /** A command that the current state does not allow. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final List<Step> steps;
    private final List<Event> events = new ArrayList<>();

    public Workflow(List<Step> steps) {
        this.steps = new ArrayList<>(Objects.requireNonNull(steps));
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public PieceStatus status() {
        Optional<Step> open = openStep();
        if (open.isEmpty()) {
            return steps.stream().allMatch(s -> s.status() == StepStatus.DONE) ? PieceStatus.FINISHED : PieceStatus.IN_PROGRESS;
        }
        return open.get().type() == StepType.CUSTOMER_APPROVAL ? PieceStatus.AWAITING_CUSTOMER : PieceStatus.IN_PROGRESS;
    }

    public Optional<Step> openStep() {
        return steps.stream().filter(s -> s.status() == StepStatus.OPEN).findFirst();
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** Opens the first step when a new piece starts (or nothing when it has no steps: it is finished). */
    public Workflow start() {
        advance();
        return this;
    }

    /** Staff complete an open TASK or CUSTOMER_ALTERATION step; the next step opens. */
    public Workflow complete(String stepId) {
        Step step = step(stepId).orElseThrow(() -> new Refused(Reason.NO_SUCH_STEP, "The piece has no step " + stepId + "."));
        if (step.type() == StepType.CUSTOMER_APPROVAL) {
            throw new Refused(Reason.CUSTOMER_DECIDES,
                    "A customer approval step is decided by the customer through the portal (approve or request changes).");
        }
        if (step.status() != StepStatus.OPEN) {
            throw new Refused(Reason.STEP_NOT_OPEN, "The step is " + step.status() + ", not OPEN: "
                    + (step.status() == StepStatus.DONE ? "it is already done." : "a step before it is not done yet."));
        }
        Step done = replace(step, StepStatus.DONE);
        events.add(new Event("STEP_COMPLETED", done, null, step));
        advance();
        return this;
    }

    /** The customer approves the open approval step; the next step opens (or the piece is finished). */
    public Workflow approve() {
        Step approval = awaitingApproval();
        Step done = replace(approval, StepStatus.DONE);
        events.add(new Event("APPROVED", done, null, approval));
        advance();
        return this;
    }

    /**
     * The customer requests changes: the open approval step closes, a CUSTOMER_ALTERATION step is inserted right
     * after it and opens, and a new CUSTOMER_APPROVAL step (same name) follows it, pending until the alteration is done.
     */
    public Workflow requestChanges(String comment, String alterationId, String alterationName, String assigneeId, Instant dueAt,
                                   String newApprovalId) {
        Step approval = awaitingApproval();
        Step closed = replace(approval, StepStatus.DONE);
        events.add(new Event("CHANGES_REQUESTED", closed, comment, approval));
        int at = steps.indexOf(closed) + 1;
        Step alteration = new Step(alterationId, StepType.CUSTOMER_ALTERATION, alterationName, assigneeId, dueAt, StepStatus.PENDING);
        Step again = new Step(newApprovalId, StepType.CUSTOMER_APPROVAL, approval.name(), null, null, StepStatus.PENDING);
        steps.add(at, alteration);
        steps.add(at + 1, again);
        events.add(new Event("STEP_INSERTED", alteration, null, null));
        events.add(new Event("STEP_INSERTED", again, null, null));
        advance();
        return this;
    }

    /** Changes a pending or open step's assignee and deadline (a customer approval step has a deadline only). */
    public Workflow reassign(String stepId, String assigneeId, Instant dueAt) {
        Step step = step(stepId).orElseThrow(() -> new Refused(Reason.NO_SUCH_STEP, "The piece has no step " + stepId + "."));
        if (step.status() == StepStatus.DONE) {
            throw new Refused(Reason.NOT_REASSIGNABLE, "The step is already done.");
        }
        if (step.type() == StepType.CUSTOMER_APPROVAL && assigneeId != null) {
            throw new Refused(Reason.NOT_REASSIGNABLE, "A customer approval step is the customer's: it has no assignee.");
        }
        Step changed = new Step(step.id(), step.type(), step.name(), assigneeId, dueAt, step.status());
        if (!changed.equals(step)) {
            steps.set(steps.indexOf(step), changed);
            events.add(new Event("STEP_REASSIGNED", changed, null, step));
        }
        return this;
    }

    private Step awaitingApproval() {
        return openStep().filter(s -> s.type() == StepType.CUSTOMER_APPROVAL).orElseThrow(() -> new Refused(
                Reason.NOT_AWAITING_CUSTOMER, "The piece is not awaiting the customer's approval."));
    }

    /** Opens the first step that is not done when it is pending; emits PIECE_FINISHED when all are done. */
    private void advance() {
        for (Step s : steps) {
            if (s.status() == StepStatus.DONE) {
                continue;
            }
            if (s.status() == StepStatus.PENDING) {
                events.add(new Event("STEP_OPENED", replace(s, StepStatus.OPEN), null, s));
            }
            return;
        }
        events.add(new Event("PIECE_FINISHED", null, null, null));
    }

    private Step replace(Step step, StepStatus status) {
        Step changed = new Step(step.id(), step.type(), step.name(), step.assigneeId(), step.dueAt(), status);
        steps.set(steps.indexOf(step), changed);
        return changed;
    }
}
