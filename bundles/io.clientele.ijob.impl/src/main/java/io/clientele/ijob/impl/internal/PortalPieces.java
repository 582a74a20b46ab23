package io.clientele.ijob.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalAccess;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.ijob.api.Piece;
import io.clientele.ijob.api.PieceStatus;
import io.clientele.ijob.api.StepStatus;
import io.clientele.ijob.api.StepType;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The pieces as a customer's contact sees and decides them. A contact reaches a piece only when it belongs to an
 * iJob-flagged job of the contact's own customer and that customer has portal access; any other piece is 404. The view
 * shows no user ids, the team's steps unnamed (pending, in progress or done), and no reassignments.
 */
@Component(service = PortalPieces.class)
public class PortalPieces {

    private final EntityWork work;
    private final Pieces pieces;
    private final PieceWorkflow workflow;
    private final CustomerDirectory customers;
    private final PortalAccess portal;
    private final PieceFiles files;

    /**
     * A step as a customer's contact sees it: no user ids; the team's steps unnamed, {@code status} PENDING, IN_PROGRESS
     * (open) or DONE; an approval step with its name and status.
     */
    public record PortalStep(String id, StepType type, String name, String status) {
    }

    /**
     * An entry of the piece's timeline as the contact reads it; a file entry ({@code FILE_UPLOADED}, {@code FILE_DELETED})
     * names the version ({@code fileVersion}) and its file name, so each change request shows which version answered it.
     */
    public record PortalTimelineEntry(Instant at, String action, PortalActor actor, StepType stepType, String stepName, String comment,
                                      Integer fileVersion, String fileName) {
    }

    public record PortalActor(String name, String kind) {
    }

    /**
     * A piece as the contact sees it: {@code currentFile} is the latest version of the file to review (null before the team
     * uploads one), {@code earlierFiles} the versions before it, newest first.
     */
    public record PortalPiece(String id, String jobId, String jobTitle, String title, String reviewUrl, PieceStatus status, boolean actionable,
                              PieceFiles.PortalFile currentFile, List<PieceFiles.PortalFile> earlierFiles,
                              List<PortalStep> steps, List<PortalTimelineEntry> timeline, Instant updatedAt) {
    }

    @Activate
    public PortalPieces(@Reference Database database, @Reference(target = "(osgi.unit.name=ijob)") EntityManagerFactory unit,
                        @Reference Pieces pieces, @Reference PieceWorkflow workflow, @Reference CustomerDirectory customers,
                        @Reference PortalAccess portal, @Reference PieceFiles files) {
        this.work = new EntityWork(database, unit);
        this.pieces = pieces;
        this.workflow = workflow;
        this.customers = customers;
        this.portal = portal;
        this.files = files;
    }

    /** The customer's pieces of iJob-flagged jobs, most recently changed first, those awaiting it (actionable) before the rest. */
    public List<PortalPiece> list() {
        Contact me = currentContact();
        Customer customer = AsPlatform.run(() -> customers.find(me.customerId())).orElse(null);
        if (customer == null || !customer.portalAccess()) {
            return List.of();
        }
        List<PortalPiece> out = work.inTransaction(em -> {
            Map<String, JobRecord> visibleJobs = em.createQuery("SELECT j FROM Job j WHERE j.customerId = :customerId AND j.ijob = :ijob",
                            JobRecord.class).setParameter("customerId", customer.id()).setParameter("ijob", true).getResultStream()
                    .collect(Collectors.toMap(JobRecord::id, Function.identity()));
            List<PortalPiece> views = new ArrayList<>();
            for (PieceRecord p : em.createQuery("SELECT p FROM Piece p WHERE p.customerId = :customerId ORDER BY p.updatedAt DESC, p.id",
                    PieceRecord.class).setParameter("customerId", customer.id()).getResultList()) {
                JobRecord job = visibleJobs.get(p.jobId());
                if (job != null) {
                    views.add(view(job, pieces.full(p), files.portalFiles(p.id())));
                }
            }
            return views;
        });
        out.sort((a, b) -> Boolean.compare(b.actionable(), a.actionable()));
        return out;
    }

    /**
     * The pieces of the customer's iJob-flagged jobs awaiting its decision (what its contacts may act on), most recently
     * changed first; none while the customer is not visible to the caller or has no portal access.
     */
    public List<Piece> awaitingCustomer(String customerId) {
        Customer customer = customerId == null ? null : customers.find(customerId).orElse(null);
        if (customer == null || !customer.portalAccess()) {
            return List.of();
        }
        return work.inTransaction(em -> em.createQuery("SELECT p FROM Piece p WHERE p.customerId = :customerId AND p.status = :status "
                        + "AND p.jobId IN (SELECT j.id FROM Job j WHERE j.customerId = :customerId AND j.ijob = :ijob) "
                        + "ORDER BY p.updatedAt DESC, p.id", PieceRecord.class)
                .setParameter("customerId", customer.id()).setParameter("status", PieceStatus.AWAITING_CUSTOMER)
                .setParameter("ijob", true).getResultList().stream().map(pieces::full).toList());
    }

    public PortalPiece get(String pieceId) {
        return work.inTransaction(em -> {
            PieceRecord p = reachable(pieceId);
            return view(em.find(JobRecord.class, p.jobId()), pieces.full(p), files.portalFiles(p.id()));
        });
    }

    /** One version of the file of a piece the contact reaches (another customer's piece, or a file of another piece: 404). */
    public PieceFiles.Stored file(String pieceId, String fileId) {
        return work.inTransaction(em -> files.portalContent(reachable(pieceId), fileId));
    }

    public PortalPiece approve(String pieceId) {
        return work.inTransaction(em -> {
            workflow.approve(reachable(pieceId));
            return get(pieceId);
        });
    }

    public PortalPiece requestChanges(String pieceId, Inputs.ChangeRequest input) {
        Inputs.ChangeRequest in = Inputs.body(input);
        FieldErrors errors = new FieldErrors();
        String comment = Inputs.text(errors, "comment", in.comment(), Inputs.MAX_COMMENT, true);
        errors.throwIfAny();
        return work.inTransaction(em -> {
            workflow.requestChanges(reachable(pieceId), comment);
            return get(pieceId);
        });
    }

    private Contact currentContact() {
        Contact me = portal.currentContact().orElseThrow(() -> ProblemException.unauthorized(IJobTexts.MESSAGES.text("portal.account_inactive")));
        requireJobsTab();
        return me;
    }

    /** The agency's portal tabs (module portal, when installed): the Jobs tab switched off closes the approval dashboard. */
    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile io.clientele.contact.api.PortalPolicy tabs;

    /** 403 when the contact's agency switched the portal's Jobs tab off. */
    private void requireJobsTab() {
        io.clientele.contact.api.PortalPolicy policy = tabs;
        if (policy != null && !policy.tabEnabled("Jobs")) {
            throw ProblemException.forbidden(IJobTexts.MESSAGES.text("portal.jobs_off"));
        }
    }

    /** The piece if it belongs to an iJob-flagged job of the calling contact's customer, which has portal access; else 404. */
    private PieceRecord reachable(String pieceId) {
        Inputs.id(pieceId, "Piece");
        Contact me = currentContact();
        return work.inTransaction(em -> {
            PieceRecord p = Optional.ofNullable(em.find(PieceRecord.class, pieceId)).filter(r -> r.customerId().equals(me.customerId()))
                    .orElseThrow(() -> ProblemException.notFound(IJobTexts.MESSAGES.text("what.piece", Map.of("id", String.valueOf(pieceId)))));
            JobRecord job = em.find(JobRecord.class, p.jobId());
            boolean portalAccess = AsPlatform.run(() -> customers.find(p.customerId())).map(Customer::portalAccess).orElse(false);
            if (job == null || !job.ijob() || !portalAccess) {
                throw ProblemException.notFound(IJobTexts.MESSAGES.text("what.piece", Map.of("id", String.valueOf(pieceId))));
            }
            return p;
        });
    }

    static PortalPiece view(JobRecord job, Piece piece, List<PieceFiles.PortalFile> versions) {
        List<PortalStep> shown = piece.steps().stream().map(s -> s.type() == StepType.CUSTOMER_APPROVAL
                ? new PortalStep(s.id(), s.type(), s.name(), s.status().name())
                : new PortalStep(s.id(), s.type(), null, teamStatus(s.status()))).toList();
        List<PortalTimelineEntry> entries = piece.timeline().stream().filter(e -> !"STEP_REASSIGNED".equals(e.action()))
                .map(e -> new PortalTimelineEntry(e.at(), e.action(), new PortalActor(e.actor().name(), e.actor().kind()), e.stepType(),
                        e.stepType() == StepType.CUSTOMER_APPROVAL ? e.stepName() : null, e.comment(), fileVersion(e),
                        change(e, Timeline.FILE_NAME))).toList();
        return new PortalPiece(piece.id(), job.id(), job.title(), piece.title(), piece.reviewUrl(), piece.status(),
                piece.status() == PieceStatus.AWAITING_CUSTOMER, versions.isEmpty() ? null : versions.get(0),
                versions.size() > 1 ? versions.subList(1, versions.size()) : List.of(), shown, entries, piece.updatedAt());
    }

    private static Integer fileVersion(io.clientele.ijob.api.TimelineEntry e) {
        String v = change(e, Timeline.FILE_VERSION);
        return v == null ? null : Integer.valueOf(v);
    }

    /** The {@code to} of a file entry's change of this field, or null (other entries). */
    private static String change(io.clientele.ijob.api.TimelineEntry e, String field) {
        if (!Timeline.FILE_UPLOADED.equals(e.action()) && !Timeline.FILE_DELETED.equals(e.action())) {
            return null;
        }
        return e.changes().stream().filter(c -> field.equals(c.get("field"))).map(c -> c.get("to")).findFirst().orElse(null);
    }

    /** The team's step as the customer reads it: done when done, in progress while open, pending before. */
    static String teamStatus(StepStatus status) {
        return switch (status) {
            case DONE -> "DONE";
            case OPEN -> "IN_PROGRESS";
            case PENDING -> "PENDING";
        };
    }
}
