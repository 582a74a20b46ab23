package io.clientele.ijob.impl.internal;

import io.clientele.customer.api.CustomerDirectory;
import io.clientele.ijob.api.IJobEvents;
import io.clientele.ijob.api.Piece;
import io.clientele.ijob.api.Step;
import io.clientele.ijob.api.StepStatus;
import io.clientele.ijob.api.StepType;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.MergePatch;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pieces of jobs as staff see them: reading a piece with its steps and timeline (reachable exactly when its customer is
 * visible to the caller) and adding a piece to a job, its first step open.
 */
@Component(service = Pieces.class)
public class Pieces {

    private final EntityWork work;
    private final PieceProgress progress;
    private final Jobs jobs;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final HistoryService history;
    private final DomainEvents events;
    private final ApprovalMail mail;

    @Activate
    public Pieces(@Reference Database database, @Reference(target = "(osgi.unit.name=ijob)") EntityManagerFactory unit,
                  @Reference Jobs jobs, @Reference CustomerDirectory customers, @Reference UserDirectory users,
                  @Reference HistoryService history, @Reference DomainEvents events, @Reference ApprovalMail mail) {
        this.work = new EntityWork(database, unit);
        this.progress = new PieceProgress(database);
        this.jobs = jobs;
        this.customers = customers;
        this.users = users;
        this.history = history;
        this.events = events;
        this.mail = mail;
    }

    // ---- reading

    /** The stored piece if its customer is visible to the caller. */
    Optional<PieceRecord> record(String pieceId) {
        if (pieceId == null || pieceId.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(PieceRecord.class, pieceId))
                .filter(p -> customers.find(p.customerId()).isPresent()));
    }

    /** The piece a staff command works on: 404 unless its customer is visible to the caller. */
    PieceRecord staffRecord(String pieceId) {
        Inputs.id(pieceId, "Piece");
        return record(pieceId).orElseThrow(() -> ProblemException.notFound("Piece " + pieceId));
    }

    public Optional<Piece> findPiece(String pieceId) {
        return record(pieceId).map(this::full);
    }

    public Piece getPiece(String id) {
        return findPiece(Inputs.id(id, "Piece")).orElseThrow(() -> ProblemException.notFound("Piece " + id));
    }

    /** The pieces of a visible job, in creation order (404 when the job is not reachable). */
    public List<Piece> listPieces(String jobId) {
        return ofJob(jobs.getRecord(jobId));
    }

    /** The pieces of a visible job, in creation order; empty when the job is not reachable. */
    public List<Piece> piecesOfJob(String jobId) {
        return jobs.record(jobId).map(this::ofJob).orElse(List.of());
    }

    private List<Piece> ofJob(JobRecord job) {
        return work.inTransaction(em -> em.createQuery("SELECT p FROM Piece p WHERE p.jobId = :jobId ORDER BY p.createdAt, p.id",
                PieceRecord.class).setParameter("jobId", job.id()).getResultStream().map(this::full).toList());
    }

    /** The piece with its steps and timeline. */
    Piece full(PieceRecord p) {
        List<Step> steps = work.inTransaction(em -> progress.steps(em, p.id()));
        return new Piece(p.id(), p.jobId(), p.customerId(), p.title(), p.reviewUrl(), p.status(), steps, progress.timeline().of(p.id()), p.version(),
                p.createdAt(), p.updatedAt());
    }

    // ---- adding

    public Piece createPiece(String jobId, Inputs.NewPiece input) {
        Inputs.NewPiece in = Inputs.body(input);
        FieldErrors errors = new FieldErrors();
        String title = Inputs.text(errors, "title", in.title(), Inputs.MAX_TITLE, true);
        String reviewUrl = Inputs.webUrl(errors, "reviewUrl", in.reviewUrl());
        List<Step> list = new ArrayList<>();
        Set<String> assignees = new LinkedHashSet<>();
        if (in.steps() == null || in.steps().isEmpty() || in.steps().size() > Inputs.MAX_STEPS) {
            errors.add("steps", "must hold 1 to " + Inputs.MAX_STEPS + " steps");
        } else {
            for (int i = 0; i < in.steps().size(); i++) {
                Inputs.NewStep s = in.steps().get(i);
                String at = "steps[" + i + "]";
                if (s == null) {
                    errors.add(at, "must be a step");
                    continue;
                }
                StepType type = Inputs.stepType(errors, at + ".type", s.type(), false);
                String name = Inputs.text(errors, at + ".name", s.name(), Inputs.MAX_TITLE, type != StepType.CUSTOMER_APPROVAL);
                String assignee = Inputs.text(errors, at + ".assigneeId", s.assigneeId(), 36, false);
                if (type == StepType.CUSTOMER_APPROVAL && assignee != null) {
                    errors.add(at + ".assigneeId", "a customer approval step is the customer's: it has no assignee");
                }
                if (assignee != null) {
                    assignees.add(assignee);
                }
                if (type != null) {
                    list.add(new Step(Jdbc.newId(), type, name == null ? "Customer approval" : name, assignee, s.dueAt(), StepStatus.PENDING));
                }
            }
        }
        if (!assignees.isEmpty()) {
            List<String> unknown = users.unknownIds(assignees);
            for (int i = 0; i < in.steps().size(); i++) {
                Inputs.NewStep s = in.steps().get(i);
                if (s != null && s.assigneeId() != null && unknown.contains(s.assigneeId().trim())) {
                    errors.add("steps[" + i + "].assigneeId", "names no user of the agency");
                }
            }
        }
        errors.throwIfAny();
        return work.inTransaction(em -> full(add(jobs.getRecord(jobId), title, reviewUrl, list)));
    }

    /** Adds a piece with these steps to the job, its first step open; recorded in history, announced when it awaits the customer. */
    PieceRecord add(JobRecord job, String title, String reviewUrl, List<Step> steps) {
        return work.inTransaction(em -> {
            PieceProgress.Started started = progress.start(em, job, title, reviewUrl, steps, AsPlatform.actor());
            PieceRecord piece = started.piece();
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("title", title);
            if (reviewUrl != null) {
                created.put("reviewUrl", reviewUrl);
            }
            created.put("jobId", job.id());
            created.put("status", piece.status());
            created.put("steps", steps.stream().map(s -> s.type() + " " + s.name()).toList());
            history.record(Jobs.ROOT, job.customerId(), "piece", piece.id(), "CREATED", HistoryService.diff(Map.of(), created));
            mail.afterWorkflow(job, piece, started.workflow().events());
            events.publish(IJobEvents.PIECE_CREATED, Map.of("pieceId", piece.id(), "jobId", job.id(), "customerId", job.customerId()));
            return piece;
        });
    }

    // ---- editing

    /**
     * Staff change a piece's title and/or the link to what the customer reviews (JSON merge patch: {@code reviewUrl}
     * null removes the link); {@code expectedVersion} is the client's If-Match, or null. Recorded in the customer's history.
     */
    public Piece patchPiece(String pieceId, Long expectedVersion, Map<String, Object> patch) {
        EDITABLE.check(Inputs.body(patch));
        FieldErrors errors = new FieldErrors();
        Object title = patch.get("title");
        Object reviewUrl = patch.get("reviewUrl");
        if (patch.containsKey("title") && !(title instanceof String)) {
            errors.add("title", "must be a text");
        }
        if (reviewUrl != null && !(reviewUrl instanceof String)) {
            errors.add("reviewUrl", "must be an http or https URL, or null");
        }
        String newTitle = title instanceof String t ? Inputs.text(errors, "title", t, Inputs.MAX_TITLE, true) : null;
        String newUrl = reviewUrl instanceof String u ? Inputs.webUrl(errors, "reviewUrl", u) : null;
        errors.throwIfAny();
        return work.inTransaction(em -> {
            PieceRecord p = staffRecord(pieceId);
            p.requireVersion(expectedVersion, "piece");
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("title", p.title());
            before.put("reviewUrl", p.reviewUrl());
            p.edited(patch.containsKey("title") ? newTitle : p.title(), patch.containsKey("reviewUrl") ? newUrl : p.reviewUrl(),
                    EntityWork.now());
            em.flush();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("title", p.title());
            after.put("reviewUrl", p.reviewUrl());
            history.record(Jobs.ROOT, p.customerId(), "piece", p.id(), "UPDATED", HistoryService.diff(before, after));
            return full(p);
        });
    }

    private static final MergePatch EDITABLE = MergePatch.only("piece",
            Set.of("id", "jobId", "customerId", "status", "steps", "timeline", "version", "createdAt", "updatedAt"), Set.of("title", "reviewUrl"));
}
