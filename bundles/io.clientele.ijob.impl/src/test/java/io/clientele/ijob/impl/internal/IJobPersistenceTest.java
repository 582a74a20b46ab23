package io.clientele.ijob.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.ijob.api.Job;
import io.clientele.ijob.api.JobTemplate;
import io.clientele.ijob.api.Piece;
import io.clientele.ijob.api.PieceStatus;
import io.clientele.ijob.api.Step;
import io.clientele.ijob.api.StepStatus;
import io.clientele.ijob.api.StepType;
import io.clientele.ijob.api.TimelineEntry;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The iJob module's persistence unit and its components outside OSGi, on Derby (and PostgreSQL when it answers) migrated
 * by the real changelogs: the mappings against the schema, tenancy, versions and ETags, one transaction with the
 * platform's JDBC writes (timeline, history, outbox, notifications), and the workflow's transitions as stored.
 */
class IJobPersistenceTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";

    IJobPersistenceTest() {
        super("ijob", PieceProgress.class, "db/clientele-ijob.xml");
    }

    private IJobUnitWiring ijob;

    @Override
    protected void wire(JpaUnitFixture on) {
        ijob = new IJobUnitWiring(on);
        ijob.customer(A, "cust-a", "contact-a");
        ijob.customer(B, "cust-b", "contact-b");
    }

    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {
        runsThroughApprovalWithOneAlterationLoop(ijob);
        templateAndBriefingRoundTrip(ijob);
    }


    @Test
    void aPieceRunsThroughApprovalWithOneAlterationLoopAndEveryStateIsStored() {
        runsThroughApprovalWithOneAlterationLoop(ijob);
    }

    @Test
    void aTemplateAndABriefingKeepTheirJson() {
        templateAndBriefingRoundTrip(ijob);
    }

    @Test
    void staffAttachALinkToReviewWhichTheContactSees() {
        Job job = ijob.staff(A, () -> ijob.opening.open(new Inputs.NewJob("cust-a", "Review links", true, null, null, null, null)));
        List<Inputs.NewStep> steps = List.of(new Inputs.NewStep("TASK", "Design", null, null), new Inputs.NewStep("CUSTOMER_APPROVAL", null, null, null));
        ProblemException bad = assertThrows(ProblemException.class, () -> ijob.staff(A, () -> ijob.pieces.createPiece(job.id(),
                new Inputs.NewPiece("Poster", "javascript:alert(1)", steps))));
        assertEquals(400, bad.status());
        assertEquals("reviewUrl", bad.errors().get(0).field());

        Piece created = ijob.staff(A, () -> ijob.pieces.createPiece(job.id(), new Inputs.NewPiece("Poster", " https://proofs.example.com/poster-v1.pdf ", steps)));
        assertEquals("https://proofs.example.com/poster-v1.pdf", created.reviewUrl());
        assertEquals(created, stored(ijob, created.id()));
        assertEquals("https://proofs.example.com/poster-v1.pdf", ijob.contact(A, "contact-a", () -> ijob.portal.get(created.id())).reviewUrl());

        // a new version of the proof: the link changes (If-Match honoured); a stale version, a bad link or a read-only field is refused
        Piece moved = ijob.staff(A, () -> ijob.pieces.patchPiece(created.id(), 0L, Map.of("reviewUrl", "http://proofs.example.com/poster-v2.pdf")));
        assertEquals("http://proofs.example.com/poster-v2.pdf", moved.reviewUrl());
        assertEquals("Poster", moved.title());
        assertEquals(1, moved.version());
        assertEquals(412, assertThrows(ProblemException.class, () -> ijob.staff(A, () -> ijob.pieces.patchPiece(created.id(), 0L,
                Map.of("title", "Stale")))).status());
        ProblemException notAUrl = assertThrows(ProblemException.class, () -> ijob.staff(A, () -> ijob.pieces.patchPiece(created.id(), null,
                Map.of("reviewUrl", "ftp://proofs.example.com/x"))));
        assertEquals("reviewUrl", notAUrl.errors().get(0).field());
        assertEquals("status", assertThrows(ProblemException.class, () -> ijob.staff(A, () -> ijob.pieces.patchPiece(created.id(), null,
                Map.of("status", "FINISHED")))).errors().get(0).field());
        assertEquals(404, assertThrows(ProblemException.class, () -> ijob.staff(B, () -> ijob.pieces.patchPiece(created.id(), null,
                Map.of("title", "Not yours")))).status(), "another agency's piece is not found");

        // null removes the link
        java.util.Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("reviewUrl", null);
        Piece cleared = ijob.staff(A, () -> ijob.pieces.patchPiece(created.id(), null, clear));
        assertNull(cleared.reviewUrl());
        assertEquals(cleared, stored(ijob, created.id()));
    }

    private void runsThroughApprovalWithOneAlterationLoop(IJobUnitWiring w) {
        JpaUnitFixture f = w.db;
        Job job = w.staff(A, () -> w.opening.open(new Inputs.NewJob("cust-a", "Launch", true, null, null, Map.of("Goal?", "Sales"), null)));
        assertEquals(0, job.version(), "a new job is version 0");
        Piece created = w.staff(A, () -> w.pieces.createPiece(job.id(), new Inputs.NewPiece("Poster", null, List.of(
                new Inputs.NewStep("TASK", "Design", null, null), new Inputs.NewStep("CUSTOMER_APPROVAL", null, null, null),
                new Inputs.NewStep("TASK", "Print", null, null)))));
        assertEquals(PieceStatus.IN_PROGRESS, created.status());
        assertEquals(0, created.version(), "a new piece is version 0");
        assertEquals(List.of(StepStatus.OPEN, StepStatus.PENDING, StepStatus.PENDING), statuses(created));
        String design = created.steps().get(0).id();

        // submit: the designer's task is done, the customer's approval opens and its contacts are e-mailed
        Piece submitted = w.staff(A, () -> w.workflow.completeStep(created.id(), design));
        assertEquals(PieceStatus.AWAITING_CUSTOMER, submitted.status());
        assertEquals(1, submitted.version());
        assertEquals(1, f.count("SELECT COUNT(*) FROM platform_outbox WHERE recipient = ?", "contact-a@customer.example"));
        assertEquals(stored(w, created.id()), submitted, "what the command answered is what is stored");

        // the customer requests changes: an alteration step (for the service manager) opens, a new approval follows it
        PortalPieces.PortalPiece changes = w.contact(A, "contact-a", () -> w.portal.requestChanges(created.id(),
                new Inputs.ChangeRequest("Bigger logo")));
        assertEquals(PieceStatus.IN_PROGRESS, changes.status());
        assertEquals(List.of("DONE", "DONE", "IN_PROGRESS", "PENDING", "PENDING"),
                changes.steps().stream().map(PortalPieces.PortalStep::status).toList(),
                "the contact reads the team's finished task as done, the open alteration as in progress, the rest as pending");
        Piece afterChanges = stored(w, created.id());
        assertEquals(2, afterChanges.version());
        assertEquals(List.of(StepType.TASK, StepType.CUSTOMER_APPROVAL, StepType.CUSTOMER_ALTERATION, StepType.CUSTOMER_APPROVAL,
                StepType.TASK), afterChanges.steps().stream().map(Step::type).toList());
        assertEquals(List.of(StepStatus.DONE, StepStatus.DONE, StepStatus.OPEN, StepStatus.PENDING, StepStatus.PENDING),
                statuses(afterChanges));
        assertEquals("manager-1", afterChanges.steps().get(2).assigneeId());
        assertEquals(1, f.count("SELECT COUNT(*) FROM platform_notification WHERE user_id = ?", "manager-1"), "the team is notified");

        // staff do the alteration: the customer's second approval opens; the customer approves; the last task opens
        Piece altered = w.staff(A, () -> w.workflow.completeStep(created.id(), afterChanges.steps().get(2).id()));
        assertEquals(PieceStatus.AWAITING_CUSTOMER, altered.status());
        PortalPieces.PortalPiece approved = w.contact(A, "contact-a", () -> w.portal.approve(created.id()));
        assertEquals(PieceStatus.IN_PROGRESS, approved.status());
        Piece finished = w.staff(A, () -> w.workflow.completeStep(created.id(), afterChanges.steps().get(4).id()));
        assertEquals(PieceStatus.FINISHED, finished.status());
        assertEquals(5, finished.version(), "one version per command");
        assertEquals(finished, stored(w, created.id()));
        assertEquals(List.of(StepStatus.DONE, StepStatus.DONE, StepStatus.DONE, StepStatus.DONE, StepStatus.DONE), statuses(finished));

        List<TimelineEntry> timeline = finished.timeline();
        assertEquals(List.of("PIECE_CREATED", "STEP_OPENED", "STEP_COMPLETED", "STEP_OPENED", "CHANGES_REQUESTED", "STEP_INSERTED",
                "STEP_INSERTED", "STEP_OPENED", "STEP_COMPLETED", "STEP_OPENED", "APPROVED", "STEP_OPENED", "STEP_COMPLETED", "PIECE_FINISHED"),
                timeline.stream().map(TimelineEntry::action).toList());
        assertEquals("Bigger logo", timeline.get(4).comment());
        assertEquals("CONTACT", timeline.get(4).actor().kind());
        assertEquals(14, f.count("SELECT MAX(seq) FROM ijob_timeline WHERE piece_id = ?", created.id()), "numbered 1..n");
        assertEquals(6, f.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ?", created.id()), "created + 5 commands");
        assertEquals(2, f.count("SELECT COUNT(*) FROM platform_outbox WHERE recipient = ?", "contact-a@customer.example"),
                "each approval that opened was announced");
        // a refused command is the same 409 it always was, and changes nothing
        ProblemException refused = assertThrows(ProblemException.class, () -> w.contact(A, "contact-a", () -> w.portal.approve(created.id())));
        assertEquals(409, refused.status());
        assertEquals(5, stored(w, created.id()).version());
    }

    private void templateAndBriefingRoundTrip(IJobUnitWiring w) {
        JobTemplate t = w.staff(A, () -> w.templates.create(new Inputs.TemplateInput("Campaign", List.of("Goal?", "Budget?"), List.of(
                new Inputs.TemplatePieceInput("Poster", List.of(new Inputs.TemplateStepInput("TASK", "Design", null, 2),
                        new Inputs.TemplateStepInput("CUSTOMER_APPROVAL", null, null, null)))))));
        assertEquals(0, t.version());
        assertEquals(t, w.staff(A, () -> w.templates.get(t.id())));
        Job job = w.staff(A, () -> w.opening.open(new Inputs.NewJob("cust-a", "From template", true, t.id(), null,
                Map.of("Goal?", "Reach\nmore people", "Budget?", "Small"), null)));
        Job read = w.staff(A, () -> w.jobs.getJob(job.id()));
        assertEquals(job, read);
        assertEquals(Map.of("Goal?", "Reach\nmore people", "Budget?", "Small"), read.briefing());
        List<Piece> copied = w.staff(A, () -> w.pieces.listPieces(job.id()));
        assertEquals(1, copied.size());
        assertEquals(List.of(StepStatus.OPEN, StepStatus.PENDING), statuses(copied.get(0)));
        assertTrue(copied.get(0).steps().get(0).dueAt() != null, "dueInDays became a deadline");
        JobTemplate replaced = w.staff(A, () -> w.templates.replace(t.id(), 0L, new Inputs.TemplateInput("Campaign 2", List.of(), List.of())));
        assertEquals(1, replaced.version());
        assertEquals("Campaign 2", w.staff(A, () -> w.templates.get(t.id())).name());
        w.staff(A, () -> {
            w.templates.delete(t.id());
            return null;
        });
        assertTrue(w.staff(A, () -> w.templates.find(t.id())).isEmpty(), "a deleted template is gone");
    }

    @Test
    void anotherAgencyNeitherSeesNorApprovesNorCompletesAPiece() {
        Piece piece = awaitingCustomer();
        String jobId = piece.jobId();
        assertEquals(A, agencyOf("ijob_piece", piece.id()));
        assertEquals(A, agencyOf("ijob_step", piece.steps().get(0).id()));
        assertEquals(A, agencyOf("ijob_job", jobId));
        assertTrue(ijob.staff(B, () -> ijob.pieces.findPiece(piece.id())).isEmpty(), "B's staff do not find the piece");
        assertTrue(ijob.staff(B, () -> ijob.jobs.findJob(jobId)).isEmpty(), "nor its job");
        assertNull(ijob.staff(B, () -> db.work().inTransaction(em -> em.find(PieceRecord.class, piece.id()))));
        assertEquals(List.of(), ijob.staff(B, () -> db.work().inTransaction(em -> em.createQuery("SELECT s FROM Step s", StepRecord.class)
                .getResultList())), "nor its steps");
        // B's customer's contact names A's piece: 404, as any piece it may not reach
        ProblemException approve = assertThrows(ProblemException.class, () -> ijob.contact(B, "contact-b", () -> ijob.portal.approve(piece.id())));
        assertEquals(404, approve.status());
        // even a contact of B whose customer id is A's customer's cannot reach it across agencies
        ijob.customer(B, "cust-a", "contact-b2");
        ProblemException sameIds = assertThrows(ProblemException.class, () -> ijob.contact(B, "contact-b2", () -> ijob.portal.approve(piece.id())));
        assertEquals(404, sameIds.status());
        ProblemException complete = assertThrows(ProblemException.class, () -> ijob.staff(B, () -> ijob.workflow.completeStep(piece.id(),
                piece.steps().get(1).id())));
        assertEquals(404, complete.status());
        int bulk = ijob.staff(B, () -> db.work().inTransaction(em -> em.createQuery("UPDATE Piece p SET p.status = :s")
                .setParameter("s", PieceStatus.FINISHED).executeUpdate()));
        assertEquals(0, bulk, "a bulk update of B's pieces touches none of A's");
        Piece still = stored(ijob, piece.id());
        assertEquals(PieceStatus.AWAITING_CUSTOMER, still.status());
        assertEquals(piece.version(), still.version());
        assertEquals(piece.timeline().size(), still.timeline().size());
        // and A's contact still can
        assertEquals(PieceStatus.FINISHED, ijob.contact(A, "contact-a", () -> ijob.portal.approve(piece.id())).status());
    }

    @Test
    void aStaleVersionIs412AndAConcurrentCommandOnAPieceIs409AsBefore() {
        Job job = ijob.staff(A, () -> ijob.opening.open(new Inputs.NewJob("cust-a", "Versioned", false, null, null, null, null)));
        Job renamed = ijob.staff(A, () -> ijob.jobs.patchJob(job.id(), 0L, Map.of("title", "Renamed")));
        assertEquals(1, renamed.version());
        assertEquals(1, db.version("ijob_job", job.id()), "the ETag is the row's version");
        ProblemException stale = assertThrows(ProblemException.class, () -> ijob.staff(A, () -> ijob.jobs.patchJob(job.id(), 0L,
                Map.of("title", "Lost update"))));
        assertEquals(412, stale.status());
        assertEquals("Renamed", ijob.staff(A, () -> ijob.jobs.getJob(job.id())).title());
        // a patch without If-Match over a row another request changed after it was read: 412, not a lost update
        ProblemException concurrent = assertThrows(ProblemException.class, () -> ijob.staff(A, () -> db.work().inTransaction(em -> {
            em.find(JobRecord.class, job.id());
            db.bumpVersion("ijob_job", job.id());
            return ijob.jobs.patchJob(job.id(), null, Map.of("title", "Also lost"));
        })));
        assertEquals(412, concurrent.status());
        assertEquals(2, db.version("ijob_job", job.id()));

        JobTemplate t = ijob.staff(A, () -> ijob.templates.create(new Inputs.TemplateInput("T", List.of(), List.of())));
        ProblemException staleTemplate = assertThrows(ProblemException.class, () -> ijob.staff(A, () -> ijob.templates.replace(t.id(), 3L,
                new Inputs.TemplateInput("T2", List.of(), List.of()))));
        assertEquals(412, staleTemplate.status());

        Piece piece = awaitingCustomer();
        ProblemException raced = assertThrows(ProblemException.class, () -> ijob.contact(A, "contact-a", () -> db.work().inTransaction(em -> {
            PieceRecord p = em.find(PieceRecord.class, piece.id());
            db.bumpVersion("ijob_piece", piece.id()); // another command moved the piece after this one read it
            return ijob.workflow.approve(p);
        })));
        assertEquals(409, raced.status(), "a piece changed at the same time is 409, as the JDBC store answered it");
        Piece after = stored(ijob, piece.id());
        assertEquals(PieceStatus.AWAITING_CUSTOMER, after.status());
        assertEquals(piece.timeline().size(), after.timeline().size(), "no timeline entry of the lost command");
    }

    @Test
    void aFailureAfterTheCommandsJpaWritesLeavesNeitherThemNorItsJdbcWrites() {
        Piece piece = awaitingCustomer();
        long history = db.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ?", piece.id());
        // the history write fails after the piece and its steps were flushed and the timeline appended
        ijob.historyFails = true;
        assertThrows(IllegalStateException.class, () -> ijob.contact(A, "contact-a", () -> ijob.portal.approve(piece.id())));
        Piece after = stored(ijob, piece.id());
        assertEquals(piece, after, "status, version, steps and timeline as before");
        assertEquals(history, db.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ?", piece.id()));

        // a failure after the whole command (JPA writes, timeline, history, outbox, notification) leaves none of it
        long outbox = db.count("SELECT COUNT(*) FROM platform_outbox WHERE agency_id = ?", A);
        long notifications = db.count("SELECT COUNT(*) FROM platform_notification WHERE agency_id = ?", A);
        assertThrows(IllegalStateException.class, () -> ijob.contact(A, "contact-a", () -> db.database().inTransaction(c -> {
            ijob.portal.requestChanges(piece.id(), new Inputs.ChangeRequest("Other colours"));
            throw new IllegalStateException("fails after the command");
        })));
        assertEquals(piece, stored(ijob, piece.id()));
        assertEquals(history, db.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ?", piece.id()));
        assertEquals(outbox, db.count("SELECT COUNT(*) FROM platform_outbox WHERE agency_id = ?", A));
        assertEquals(notifications, db.count("SELECT COUNT(*) FROM platform_notification WHERE agency_id = ?", A));
        assertEquals(2, db.count("SELECT COUNT(*) FROM ijob_step WHERE piece_id = ?", piece.id()), "no inserted alteration steps");

        // a new piece whose timeline write fails leaves no piece and no steps
        Job job = ijob.staff(A, () -> ijob.jobs.getJob(piece.jobId()));
        assertThrows(IllegalStateException.class, () -> ijob.staff(A, () -> db.database().inTransaction(c -> {
            ijob.pieces.createPiece(job.id(), new Inputs.NewPiece("Flyer", null, List.of(new Inputs.NewStep("TASK", "Draw", null, null))));
            throw new IllegalStateException("fails after the piece");
        })));
        assertEquals(1, ijob.staff(A, () -> ijob.pieces.listPieces(job.id())).size());
    }

    @Test
    void aStepsAssigneeSeesItsCustomerInItsOwnAgencyOnly() {
        Job job = ijob.staff(A, () -> ijob.opening.open(new Inputs.NewJob("cust-a", "Assigned", false, null, null, null, null)));
        ijob.staff(A, () -> ijob.pieces.createPiece(job.id(), new Inputs.NewPiece("Leaflet", null, List.of(
                new Inputs.NewStep("TASK", "Write", "user-7", null), new Inputs.NewStep("TASK", "Check", "user-8", null)))));
        StepAssignees assignees = new StepAssignees(db.database(), null);
        assertEquals(Set.of("cust-a"), ijob.staff(A, () -> assignees.restrictedCustomersVisibleTo("user-7")));
        assertEquals(Set.of("cust-a"), ijob.staff(A, () -> assignees.restrictedCustomersVisibleTo("user-8")));
        assertEquals(Set.of(), ijob.staff(A, () -> assignees.restrictedCustomersVisibleTo("user-9")));
        assertEquals(Set.of(), ijob.staff(B, () -> assignees.restrictedCustomersVisibleTo("user-7")), "not in another agency");
    }

    /** A piece of an iJob-flagged job of A's customer awaiting its approval: [TASK done, CUSTOMER_APPROVAL open, TASK pending]. */
    private Piece awaitingCustomer() {
        Job job = ijob.staff(A, () -> ijob.opening.open(new Inputs.NewJob("cust-a", "Shared", true, null, null, null, null)));
        Piece p = ijob.staff(A, () -> ijob.pieces.createPiece(job.id(), new Inputs.NewPiece("Banner", null, List.of(
                new Inputs.NewStep("TASK", "Design", null, null), new Inputs.NewStep("CUSTOMER_APPROVAL", null, null, null)))));
        Piece submitted = ijob.staff(A, () -> ijob.workflow.completeStep(p.id(), p.steps().get(0).id()));
        assertEquals(PieceStatus.AWAITING_CUSTOMER, submitted.status());
        return submitted;
    }

    private static Piece stored(IJobUnitWiring w, String pieceId) {
        return w.staff(A, () -> w.pieces.getPiece(pieceId));
    }

    private static List<StepStatus> statuses(Piece p) {
        return p.steps().stream().map(Step::status).toList();
    }

    private String agencyOf(String table, String id) {
        return db.column("SELECT agency_id FROM " + table + " WHERE id = ?", id);
    }
}
