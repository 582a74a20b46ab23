package io.clientele.ijob.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.ijob.api.IJobEvents;
import io.clientele.ijob.api.Piece;
import io.clientele.ijob.api.PieceStatus;
import io.clientele.ijob.api.Step;
import io.clientele.ijob.api.StepType;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The workflow commands on a piece: staff complete and reassign steps, the customer approves or requests changes. Each
 * command runs {@link Workflow} over the piece's steps, keeps the outcome ({@link PieceProgress}), records it in the
 * customer's history, announces an approval that opened, and publishes the event, in one transaction. A command the
 * workflow refuses ({@link Workflow.Refused}) is answered here in HTTP terms, as it always was.
 */
@Component(service = PieceWorkflow.class, configurationPid = "io.clientele.ijob")
public class PieceWorkflow {

    private final EntityWork work;
    private final PieceProgress progress;
    private final Pieces pieces;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final HistoryService history;
    private final DomainEvents events;
    private final ApprovalMail mail;
    private final TeamNotices team;
    private final IJobConfig config;

    @Activate
    public PieceWorkflow(@Reference Database database, @Reference(target = "(osgi.unit.name=ijob)") EntityManagerFactory unit,
                         @Reference Pieces pieces, @Reference CustomerDirectory customers, @Reference UserDirectory users,
                         @Reference HistoryService history, @Reference DomainEvents events, @Reference ApprovalMail mail,
                         @Reference TeamNotices team, IJobConfig config) {
        this.work = new EntityWork(database, unit);
        this.progress = new PieceProgress(database);
        this.pieces = pieces;
        this.customers = customers;
        this.users = users;
        this.history = history;
        this.events = events;
        this.mail = mail;
        this.team = team;
        this.config = config;
    }

    // ---- staff

    /** Completes an open TASK or CUSTOMER_ALTERATION step (its assignee, SERVICE or ADMIN); the next step opens. */
    public Piece completeStep(String pieceId, String stepId) {
        Inputs.id(stepId, "Step");
        return work.inTransaction(em -> {
            PieceRecord piece = pieces.staffRecord(pieceId);
            Step step = step(piece, stepId);
            Principal p = RequestContext.principal();
            if (step.type() != StepType.CUSTOMER_APPROVAL && !p.id().equals(step.assigneeId()) && !p.hasAnyRole(Role.SERVICE, Role.ADMIN)) {
                throw ProblemException.forbidden("Only the step's assignee, SERVICE or ADMIN may complete it.");
            }
            return command(piece, "STEP_COMPLETED", IJobEvents.PIECE_STEP_COMPLETED, w -> w.complete(stepId));
        });
    }

    /** Changes a step's assigneeId and/or dueAt (its assignee, SERVICE, ASSISTANT or ADMIN). */
    public Piece patchStep(String pieceId, String stepId, Map<String, Object> patch) {
        Inputs.id(stepId, "Step");
        Map<String, Object> input = Inputs.body(patch);
        FieldErrors errors = new FieldErrors();
        for (String field : input.keySet()) {
            if (!"assigneeId".equals(field) && !"dueAt".equals(field)) {
                errors.add(String.valueOf(field), "cannot be changed (only assigneeId and dueAt can)");
            }
        }
        Object rawAssignee = input.get("assigneeId");
        if (rawAssignee != null && (!(rawAssignee instanceof String s) || s.isBlank() || s.length() > 36)) {
            errors.add("assigneeId", "must be the id of a user of the agency, or null");
        } else if (rawAssignee != null && !users.unknownIds(List.of((String) rawAssignee)).isEmpty()) {
            errors.add("assigneeId", "names no user of the agency");
        }
        Instant due = Inputs.instant(errors, "dueAt", input.get("dueAt"));
        errors.throwIfAny();
        return work.inTransaction(em -> {
            PieceRecord piece = pieces.staffRecord(pieceId);
            Step step = step(piece, stepId);
            Principal p = RequestContext.principal();
            if (!p.id().equals(step.assigneeId()) && !p.hasAnyRole(Role.SERVICE, Role.ASSISTANT, Role.ADMIN)) {
                throw ProblemException.forbidden("Only the step's assignee, SERVICE, ASSISTANT or ADMIN may reassign it.");
            }
            String assignee = input.containsKey("assigneeId") ? (String) rawAssignee : step.assigneeId();
            Instant dueAt = input.containsKey("dueAt") ? due : step.dueAt();
            return command(piece, "STEP_REASSIGNED", IJobEvents.PIECE_STEP_REASSIGNED, w -> w.reassign(stepId, assignee, dueAt));
        });
    }

    // ---- customer (the piece was reached through the portal's rules: PortalPieces)

    /** The customer approves the piece awaiting it; the next step opens, or the piece is finished. */
    Piece approve(PieceRecord piece) {
        return work.inTransaction(em -> command(piece, "APPROVED", IJobEvents.PIECE_APPROVED, Workflow::approve));
    }

    /** The customer requests changes: its team is told, and a Customer Alteration step (for the service manager) opens. */
    Piece requestChanges(PieceRecord piece, String comment) {
        return work.inTransaction(em -> {
            Customer customer = AsPlatform.run(() -> customers.find(piece.customerId()))
                    .orElseThrow(() -> ProblemException.notFound("Piece " + piece.id()));
            Instant due = Instant.now().plus(Duration.ofHours(Math.max(0, config.alterationDueHours())));
            Piece after = command(piece, "CHANGES_REQUESTED", IJobEvents.PIECE_CHANGES_REQUESTED, w -> w.requestChanges(comment, Jdbc.newId(), "Customer alteration",
                    customer.serviceManagerId(), due, Jdbc.newId()));
            team.changesRequested(customer, after.id(), after.title(), comment);
            return after;
        });
    }

    // ---- one command

    private Step step(PieceRecord piece, String stepId) {
        return work.inTransaction(em -> progress.steps(em, piece.id())).stream().filter(s -> s.id().equals(stepId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Step " + stepId));
    }

    private Piece command(PieceRecord piece, String action, String topic, Consumer<Workflow> cmd) {
        return work.inTransaction(em -> {
            if (!em.contains(piece)) {
                throw new IllegalStateException("a command needs the piece read in its own transaction");
            }
            Workflow w = new Workflow(progress.steps(em, piece.id()));
            List<Step> before = w.steps();
            PieceStatus was = piece.status();
            try {
                cmd.accept(w);
            } catch (Workflow.Refused r) {
                throw switch (r.reason()) {
                    case NO_SUCH_STEP -> ProblemException.notFound(IJobTexts.MESSAGES.text("what.step"));
                    case NOT_AWAITING_CUSTOMER -> ProblemException.conflict(IJobTexts.MESSAGES.text("piece.not_awaiting",
                            Map.of("status", IJobTexts.MESSAGES.text("piece.status." + was.name()))));
                    default -> ProblemException.conflict(r.getMessage());
                };
            }
            progress.save(em, piece, w, AsPlatform.actor());
            history.record(Jobs.ROOT, piece.customerId(), "piece", piece.id(), action, changes(was, before, w));
            JobRecord job = em.find(JobRecord.class, piece.jobId());
            mail.afterWorkflow(job, piece, w.events());
            events.publish(topic, Map.of("pieceId", piece.id(), "jobId", piece.jobId(),
                    "customerId", piece.customerId(), "status", w.status().name()));
            return pieces.full(piece);
        });
    }

    /** What the command changed, as the customer's history shows it. */
    static List<FieldChange> changes(PieceStatus was, List<Step> before, Workflow w) {
        List<FieldChange> changes = new ArrayList<>();
        if (was != w.status()) {
            changes.add(new FieldChange("status", was.name(), w.status().name()));
        }
        Map<String, Step> old = new HashMap<>();
        before.forEach(s -> old.put(s.id(), s));
        for (Step s : w.steps()) {
            Step prior = old.get(s.id());
            String label = "step " + s.name() + " (" + s.type() + ")";
            if (prior == null) {
                changes.add(new FieldChange(label, null, s.status().name()));
            } else {
                if (prior.status() != s.status()) {
                    changes.add(new FieldChange(label + ".status", prior.status().name(), s.status().name()));
                }
                if (!Objects.equals(prior.assigneeId(), s.assigneeId())) {
                    changes.add(new FieldChange(label + ".assigneeId", prior.assigneeId(), s.assigneeId()));
                }
                if (!Objects.equals(prior.dueAt(), s.dueAt())) {
                    changes.add(new FieldChange(label + ".dueAt", Timeline.str(prior.dueAt()), Timeline.str(s.dueAt())));
                }
            }
        }
        w.events().stream().filter(e -> e.comment() != null).forEach(e -> changes.add(new FieldChange("comment", null, e.comment())));
        return changes;
    }
}
