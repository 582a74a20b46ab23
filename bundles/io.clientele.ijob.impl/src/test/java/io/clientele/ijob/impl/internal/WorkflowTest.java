package io.clientele.ijob.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.ijob.api.PieceStatus;
import io.clientele.ijob.api.Step;
import io.clientele.ijob.api.StepStatus;
import io.clientele.ijob.api.StepType;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorkflowTest {

    private static final Instant DUE = Instant.parse("2026-12-01T12:00:00Z");

    private static Step pending(String id, StepType type) {
        return new Step(id, type, id, type == StepType.CUSTOMER_APPROVAL ? null : "user-" + id, null, StepStatus.PENDING);
    }

    /** TASK a, CUSTOMER_APPROVAL b, TASK c, started. */
    private static Workflow taskApprovalTask() {
        return new Workflow(List.of(pending("a", StepType.TASK), pending("b", StepType.CUSTOMER_APPROVAL),
                pending("c", StepType.TASK))).start();
    }

    private static String shape(Workflow w) {
        return w.steps().stream().map(s -> s.type().name().charAt(s.type() == StepType.CUSTOMER_ALTERATION ? 9 : 0)
                + ":" + s.status()).collect(Collectors.joining(" "));
    }

    private static List<String> actions(Workflow w) {
        return w.events().stream().map(Workflow.Event::action).toList();
    }

    @Test
    void startingOpensOnlyTheFirstStep() {
        Workflow w = taskApprovalTask();
        assertEquals("T:OPEN C:PENDING T:PENDING", shape(w));
        assertEquals(PieceStatus.IN_PROGRESS, w.status());
        assertEquals(List.of("STEP_OPENED"), actions(w));
    }

    @Test
    void aStepOpensOnlyWhenEveryStepBeforeItIsDone() {
        Workflow w = taskApprovalTask();
        Workflow.Refused early = assertThrows(Workflow.Refused.class, () -> w.complete("c"));
        assertEquals(Workflow.Reason.STEP_NOT_OPEN, early.reason());
        w.complete("a");
        assertEquals("T:DONE C:OPEN T:PENDING", shape(w));
        assertEquals(PieceStatus.AWAITING_CUSTOMER, w.status());
        assertEquals(Workflow.Reason.STEP_NOT_OPEN, assertThrows(Workflow.Refused.class, () -> w.complete("a")).reason());
        assertEquals(Workflow.Reason.STEP_NOT_OPEN, assertThrows(Workflow.Refused.class, () -> w.complete("c")).reason());
    }

    @Test
    void staffCannotCompleteACustomerApproval() {
        Workflow w = taskApprovalTask().complete("a");
        assertEquals(Workflow.Reason.CUSTOMER_DECIDES, assertThrows(Workflow.Refused.class, () -> w.complete("b")).reason());
        assertEquals("T:DONE C:OPEN T:PENDING", shape(w));
    }

    @Test
    void approvingBeforeTheApprovalStepOpensIsRefused() {
        Workflow w = taskApprovalTask();
        assertEquals(Workflow.Reason.NOT_AWAITING_CUSTOMER, assertThrows(Workflow.Refused.class, w::approve).reason());
        assertEquals(Workflow.Reason.NOT_AWAITING_CUSTOMER, assertThrows(Workflow.Refused.class,
                () -> w.requestChanges("x", "alt", "Alteration", null, DUE, "again")).reason());
        assertEquals("T:OPEN C:PENDING T:PENDING", shape(w));
    }

    @Test
    void approvalOpensTheNextStepAndTheLastOneFinishesThePiece() {
        Workflow w = taskApprovalTask().complete("a").approve();
        assertEquals("T:DONE C:DONE T:OPEN", shape(w));
        assertEquals(PieceStatus.IN_PROGRESS, w.status());
        w.complete("c");
        assertEquals(PieceStatus.FINISHED, w.status());
        assertEquals(List.of("STEP_OPENED", "STEP_COMPLETED", "STEP_OPENED", "APPROVED", "STEP_OPENED", "STEP_COMPLETED",
                "PIECE_FINISHED"), actions(w));
        assertEquals(Workflow.Reason.NOT_AWAITING_CUSTOMER, assertThrows(Workflow.Refused.class, w::approve).reason());
    }

    @Test
    void approvingTheLastStepFinishesThePiece() {
        Workflow w = new Workflow(List.of(pending("a", StepType.CUSTOMER_APPROVAL))).start();
        assertEquals(PieceStatus.AWAITING_CUSTOMER, w.status());
        w.approve();
        assertEquals(PieceStatus.FINISHED, w.status());
    }

    @Test
    void changeRequestsLoopAsOftenAsNeeded() {
        Workflow w = taskApprovalTask().complete("a");
        for (int round = 1; round <= 3; round++) {
            w.requestChanges("round " + round, "alt" + round, "Customer alteration", "manager", DUE, "again" + round);
            Step alteration = w.openStep().orElseThrow();
            assertEquals(StepType.CUSTOMER_ALTERATION, alteration.type());
            assertEquals("alt" + round, alteration.id());
            assertEquals("manager", alteration.assigneeId());
            assertEquals(DUE, alteration.dueAt());
            assertEquals(PieceStatus.IN_PROGRESS, w.status());
            // the customer cannot decide while the alteration is being made
            assertThrows(Workflow.Refused.class, w::approve);
            w.complete("alt" + round);
            Step approval = w.openStep().orElseThrow();
            assertEquals("again" + round, approval.id());
            assertEquals("b", approval.name());
            assertEquals(PieceStatus.AWAITING_CUSTOMER, w.status());
        }
        assertEquals("T:DONE C:DONE A:DONE C:DONE A:DONE C:DONE A:DONE C:OPEN T:PENDING", shape(w));
        w.approve().complete("c");
        assertEquals(PieceStatus.FINISHED, w.status());
        assertEquals(3, actions(w).stream().filter("CHANGES_REQUESTED"::equals).count());
        assertEquals("round 2", w.events().stream().filter(e -> e.action().equals("CHANGES_REQUESTED")).toList().get(1).comment());
    }

    @Test
    void reassignmentChangesPendingAndOpenStepsOnly() {
        Workflow w = taskApprovalTask();
        w.reassign("c", "someone", DUE);
        assertEquals("someone", w.step("c").orElseThrow().assigneeId());
        assertEquals(StepStatus.PENDING, w.step("c").orElseThrow().status());
        assertTrue(actions(w).contains("STEP_REASSIGNED"));
        w.complete("a");
        assertEquals(Workflow.Reason.NOT_REASSIGNABLE, assertThrows(Workflow.Refused.class, () -> w.reassign("a", "x", null)).reason());
        assertEquals(Workflow.Reason.NOT_REASSIGNABLE, assertThrows(Workflow.Refused.class, () -> w.reassign("b", "x", null)).reason());
        w.reassign("b", null, DUE);
        assertEquals(DUE, w.step("b").orElseThrow().dueAt());
        assertEquals(Workflow.Reason.NO_SUCH_STEP, assertThrows(Workflow.Refused.class, () -> w.reassign("zz", null, null)).reason());
    }

    @Test
    void aPieceWithoutStepsIsFinished() {
        assertEquals(PieceStatus.FINISHED, new Workflow(List.of()).start().status());
    }
}
