package io.clientele.ijob.impl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.contact.api.PortalAccess;
import io.clientele.contact.api.PortalStatus;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.ijob.api.Actor;
import io.clientele.ijob.api.Job;
import io.clientele.ijob.api.JobService;
import io.clientele.ijob.api.JobTemplate;
import io.clientele.ijob.api.Piece;
import io.clientele.ijob.api.PieceStatus;
import io.clientele.ijob.api.Step;
import io.clientele.ijob.api.StepStatus;
import io.clientele.ijob.api.StepType;
import io.clientele.ijob.api.TimelineEntry;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Jobs, pieces and the workflow commands of the iJob module, for staff and for customers' contacts. Staff reach
 * a job only when they may see its customer; a contact reaches a job only when it belongs to the contact's own
 * customer, has the iJob flag, and the customer has portal access. Every change is recorded in the customer's
 * history and every workflow action on the piece's timeline, in the caller's transaction; e-mails go through the
 * outbox in the same transaction.
 */
@Component(service = {JobStore.class, JobService.class}, configurationPid = "io.clientele.ijob")
@Designate(ocd = IJobConfig.class)
public class JobStore implements JobService {

    static final String ROOT = "customer";
    private static final TypeReference<Map<String, String>> BRIEFING = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, String>>> CHANGES = new TypeReference<>() {
    };

    private final Database database;
    private final TenantTable jobs;
    private final TenantTable pieces;
    private final TenantTable steps;
    private final TenantTable timeline;
    private final TemplateStore templates;
    private final CustomerDirectory customers;
    private final ContactDirectory contacts;
    private final PortalAccess portal;
    private final UserDirectory users;
    private final HistoryService history;
    private final NotificationService notifications;
    private final Outbox outbox;
    private final DomainEvents events;
    private final IJobConfig config;
    private final ObjectMapper json = new ObjectMapper();

    /** Bound while the budget module is installed; null otherwise (jobs then keep budgetId as an opaque text). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobBudgets budgets;

    /** The budget a job draws on, as the job shows it: money as decimal strings in the budget's currency. */
    public record JobBudget(String id, String currency, String amount, String remaining, String committedForJob) {
    }

    /**
     * A job as the staff REST API shows it: the job, the cost committed against its budget when it was opened, and the
     * budget's standing (null when the budget module is not installed or not enabled, or the budget is not found).
     */
    public record JobDetail(String id, String customerId, String title, boolean ijob, String templateId, String budgetId,
                            Map<String, String> briefing, String origin, long version, Instant createdAt, Instant updatedAt,
                            String estimatedCost, String budgetCommitmentId, JobBudget budget) {
    }

    /** The job's estimated cost and the commitment made for it on its budget. */
    private record Commitment(BigDecimal estimatedCost, String commitmentId) {
    }

    /** A piece row without its steps and timeline. */
    record PieceRow(String id, String jobId, String customerId, String title, PieceStatus status, long version, Instant createdAt,
                    Instant updatedAt) {
    }

    @Activate
    public JobStore(@Reference Database database, @Reference IJobModule module, @Reference TemplateStore templates,
                    @Reference CustomerDirectory customers, @Reference ContactDirectory contacts, @Reference PortalAccess portal,
                    @Reference UserDirectory users, @Reference HistoryService history, @Reference NotificationService notifications,
                    @Reference Outbox outbox, @Reference DomainEvents events, IJobConfig config) {
        this.database = database;
        this.jobs = new TenantTable(database, "ijob_job");
        this.pieces = new TenantTable(database, "ijob_piece");
        this.steps = new TenantTable(database, "ijob_step");
        this.timeline = new TenantTable(database, "ijob_timeline");
        this.templates = templates;
        this.customers = customers;
        this.contacts = contacts;
        this.portal = portal;
        this.users = users;
        this.history = history;
        this.notifications = notifications;
        this.outbox = outbox;
        this.events = events;
        this.config = config;
    }

    // ---- JobService

    @Override
    public Optional<Job> findJob(String jobId) {
        if (jobId == null || jobId.length() > 36) {
            return Optional.empty();
        }
        return jobs.findById(jobId, this::mapJob).filter(j -> customers.find(j.customerId()).isPresent());
    }

    @Override
    public List<Job> jobsOfCustomer(String customerId) {
        if (customerId == null || customerId.length() > 36 || customers.find(customerId).isEmpty()) {
            return List.of();
        }
        return jobs.find("customer_id = ?", List.of(customerId), "created_at DESC, id DESC", 0, this::mapJob);
    }

    @Override
    public List<Piece> piecesOfJob(String jobId) {
        return findJob(jobId).map(j -> pieces.find("job_id = ?", List.of(j.id()), "created_at, id", 0, JobStore::mapPiece)
                .stream().map(this::full).toList()).orElse(List.of());
    }

    @Override
    public Optional<Piece> findPiece(String pieceId) {
        if (pieceId == null || pieceId.length() > 36) {
            return Optional.empty();
        }
        return pieces.findById(pieceId, JobStore::mapPiece).filter(p -> customers.find(p.customerId()).isPresent()).map(this::full);
    }

    // ---- jobs (staff)

    public Job getJob(String id) {
        return findJob(Inputs.id(id, "Job")).orElseThrow(() -> ProblemException.notFound("Job " + id));
    }

    public Page<Job> listJobs(String customerId, int limit, String cursor) {
        List<Object> base = new ArrayList<>();
        String condition = "1 = 1";
        if (customerId != null && !customerId.isBlank()) {
            visibleCustomer(Inputs.id(customerId, "Customer"));
            condition = "customer_id = ?";
            base.add(customerId);
        }
        Instant afterAt = null;
        String afterId = null;
        if (cursor != null) {
            List<String> after = Cursor.decode(cursor, 2);
            try {
                afterAt = Instant.parse(after.get(0));
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            afterId = after.get(1);
        }
        Map<String, Boolean> visible = new HashMap<>();
        List<Job> out = new ArrayList<>();
        // rows of customers the caller may not see are skipped: read on in batches until the page is full
        while (true) {
            List<Object> params = new ArrayList<>(base);
            String where = condition;
            if (afterAt != null) {
                where += " AND (created_at < ? OR (created_at = ? AND id < ?))";
                params.addAll(List.of(afterAt, afterAt, afterId));
            }
            List<Job> batch = jobs.find(where, params, "created_at DESC, id DESC", limit + 1, this::mapJob);
            for (Job j : batch) {
                afterAt = j.createdAt();
                afterId = j.id();
                if (visible.computeIfAbsent(j.customerId(), c -> customers.find(c).isPresent())) {
                    out.add(j);
                    if (out.size() > limit) {
                        Job last = out.get(limit - 1);
                        return new Page<>(out.subList(0, limit), Cursor.encode(last.createdAt().toString(), last.id()));
                    }
                }
            }
            if (batch.size() <= limit) {
                return new Page<>(out, null);
            }
        }
    }

    public Job createJob(Inputs.NewJob input) {
        Inputs.NewJob in = Inputs.body(input);
        FieldErrors errors = new FieldErrors();
        String customerId = Inputs.text(errors, "customerId", in.customerId(), 36, true);
        String title = Inputs.text(errors, "title", in.title(), Inputs.MAX_TITLE, true);
        String budgetId = Inputs.text(errors, "budgetId", in.budgetId(), 36, false);
        String templateId = Inputs.text(errors, "templateId", in.templateId(), 36, false);
        Map<String, String> briefing = Inputs.briefing(errors, "briefing", in.briefing());
        BigDecimal estimatedCost = Inputs.money(errors, "estimatedCost", in.estimatedCost());
        JobBudgets budget = budgetsForCaller();
        if (estimatedCost != null) {
            if (budget == null) {
                errors.add("estimatedCost", budgetsMissing());
            } else if (budgetId == null) {
                errors.add("estimatedCost", "needs a budgetId to be committed against");
            }
        }
        JobTemplate template = null;
        if (templateId != null) {
            template = templates.find(templateId).orElse(null);
            if (template == null) {
                errors.add("templateId", "names no job template of the agency");
            }
        }
        errors.throwIfAny();
        JobTemplate from = template;
        return database.inTransaction(tx -> {
            visibleCustomer(customerId);
            String jobId = Jdbc.newId();
            Commitment commitment = null;
            if (budget != null && budgetId != null) {
                FieldErrors budgetErrors = new FieldErrors();
                budget.checkBudget(budgetErrors, "budgetId", budgetId, customerId);
                budgetErrors.throwIfAny();
                if (estimatedCost != null) {
                    commitment = new Commitment(estimatedCost, budget.commit(budgetId, estimatedCost, jobId, title));
                }
            }
            Job job = insertJob(jobId, customerId, title, Boolean.TRUE.equals(in.ijob()), templateId, budgetId, briefing, "STAFF",
                    commitment);
            if (from != null) {
                Instant now = Instant.now();
                for (JobTemplate.TemplatePiece tp : from.pieces()) {
                    List<Step> copied = new ArrayList<>();
                    for (JobTemplate.TemplateStep ts : tp.steps()) {
                        copied.add(new Step(Jdbc.newId(), ts.type(), ts.name(), ts.assigneeId(),
                                ts.dueInDays() == null ? null : now.plus(Duration.ofDays(ts.dueInDays())), StepStatus.PENDING));
                    }
                    insertPiece(job, tp.title(), copied);
                }
            }
            return job;
        });
    }

    private Job insertJob(String id, String customerId, String title, boolean ijob, String templateId, String budgetId,
                          Map<String, String> briefing, String origin, Commitment commitment) {
        Instant now = Instant.now();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("customer_id", customerId);
        row.put("title", title);
        row.put("ijob", ijob);
        row.put("template_id", templateId);
        row.put("budget_id", budgetId);
        row.put("briefing", write(briefing));
        row.put("origin", origin);
        row.put("estimated_cost", commitment == null ? null : commitment.estimatedCost());
        row.put("budget_commitment_id", commitment == null ? null : commitment.commitmentId());
        row.put("version", 0L);
        row.put("created_at", now);
        row.put("updated_at", now);
        jobs.insert(row);
        Job job = jobs.findById(id, this::mapJob).orElseThrow();
        history.record(ROOT, customerId, "job", id, "CREATED", HistoryService.diff(Map.of(), snapshot(job)));
        events.publish("clientele/ijob/job/CREATED", Map.of("jobId", id, "customerId", customerId));
        return job;
    }

    public Job patchJob(String id, Long expectedVersion, Map<String, Object> patch) {
        Map<String, Object> input = Inputs.body(patch);
        FieldErrors errors = new FieldErrors();
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : input.entrySet()) {
            String field = e.getKey();
            Object v = e.getValue();
            switch (field == null ? "" : field) {
                case "title" -> {
                    String t = v instanceof String s ? Inputs.text(errors, "title", s, Inputs.MAX_TITLE, true) : null;
                    if (!(v instanceof String)) {
                        errors.add("title", "must be a text");
                    }
                    row.put("title", t);
                }
                case "ijob" -> {
                    if (v instanceof Boolean b) {
                        row.put("ijob", b);
                    } else {
                        errors.add("ijob", "must be true or false");
                    }
                }
                case "budgetId" -> {
                    if (v == null || v instanceof String) {
                        row.put("budget_id", Inputs.text(errors, "budgetId", (String) v, 36, false));
                    } else {
                        errors.add("budgetId", "must be a text or null");
                    }
                }
                case "briefing" -> {
                    if (v == null) {
                        row.put("briefing", write(Map.of()));
                    } else if (v instanceof Map<?, ?> m && m.values().stream().allMatch(x -> x == null || x instanceof String)) {
                        @SuppressWarnings("unchecked")
                        Map<String, String> b = (Map<String, String>) m;
                        row.put("briefing", write(Inputs.briefing(errors, "briefing", b)));
                    } else {
                        errors.add("briefing", "must be an object of question → answer texts");
                    }
                }
                case "estimatedCost" -> errors.add(field, "is committed against the budget when the job is opened; it cannot change");
                case "id", "customerId", "templateId", "origin", "version", "createdAt", "updatedAt", "budgetCommitmentId", "budget" ->
                        errors.add(field, "is read-only");
                default -> errors.add(String.valueOf(field), "is not a field of a job");
            }
        }
        errors.throwIfAny();
        return database.inTransaction(tx -> {
            Job before = getJob(id);
            if (expectedVersion != null && expectedVersion != before.version()) {
                throw ProblemException.preconditionFailed("The job changed since it was read; read it again and retry.");
            }
            if (row.containsKey("budget_id") && !Objects.equals(row.get("budget_id"), before.budgetId())) {
                checkBudgetChange(before, (String) row.get("budget_id"));
            }
            row.put("updated_at", Instant.now());
            if (jobs.update(id, before.version(), row) != 1) {
                throw ProblemException.preconditionFailed("The job changed since it was read; read it again and retry.");
            }
            Job after = getJob(id);
            history.record(ROOT, after.customerId(), "job", id, "UPDATED", HistoryService.diff(snapshot(before), snapshot(after)));
            events.publish("clientele/ijob/job/UPDATED", Map.of("jobId", id, "customerId", after.customerId()));
            if (!before.ijob() && after.ijob()) {
                // the job just became visible to the customer: pieces already waiting for it are announced now
                for (PieceRow p : pieces.find("job_id = ? AND status = ?", List.of(id, PieceStatus.AWAITING_CUSTOMER), "created_at, id",
                        0, JobStore::mapPiece)) {
                    mailContacts(after, p);
                }
            }
            return after;
        });
    }

    /** A job moves to another budget only when nothing was committed for it, and (budget module on) to a budget of its customer. */
    private void checkBudgetChange(Job job, String newBudgetId) {
        FieldErrors errors = new FieldErrors();
        Commitment commitment = commitment(job.id());
        if (commitment.commitmentId() != null) {
            errors.add("budgetId", "the job has " + JobBudgets.money(commitment.estimatedCost()) + " committed on budget " + job.budgetId()
                    + "; it cannot move to another budget");
        } else {
            JobBudgets budget = budgetsForCaller();
            if (budget != null && newBudgetId != null) {
                budget.checkBudget(errors, "budgetId", newBudgetId, job.customerId());
            }
        }
        errors.throwIfAny();
    }

    /** The job for the staff REST API, with its budget's standing when the budget module is installed and enabled. */
    public JobDetail detail(Job j) {
        Commitment c = commitment(j.id());
        JobBudgets budget = j.budgetId() == null ? null : budgetsForCaller();
        JobBudget shown = budget == null ? null
                : budget.view(j.budgetId(), c.commitmentId() == null ? null : c.estimatedCost()).orElse(null);
        return new JobDetail(j.id(), j.customerId(), j.title(), j.ijob(), j.templateId(), j.budgetId(), j.briefing(), j.origin(),
                j.version(), j.createdAt(), j.updatedAt(), c.estimatedCost() == null ? null : JobBudgets.money(c.estimatedCost()),
                c.commitmentId(), shown);
    }

    private Commitment commitment(String jobId) {
        return jobs.findById(jobId, rs -> new Commitment(rs.getBigDecimal("estimated_cost"), rs.getString("budget_commitment_id")))
                .orElse(new Commitment(null, null));
    }

    /** The budget module when it is installed and the caller's agency subscribes to it; else null. */
    private JobBudgets budgetsForCaller() {
        JobBudgets b = budgets;
        return b != null && b.enabledForCaller() ? b : null;
    }

    private String budgetsMissing() {
        return budgets == null ? "cannot be committed: the budget module is not installed"
                : "cannot be committed: the budget module is not enabled for this agency";
    }

    private static Map<String, Object> snapshot(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", j.title());
        m.put("ijob", j.ijob());
        m.put("templateId", j.templateId());
        m.put("budgetId", j.budgetId());
        m.put("briefing", j.briefing().isEmpty() ? null : j.briefing());
        m.put("origin", j.origin());
        return m;
    }

    // ---- pieces (staff)

    public List<Piece> listPieces(String jobId) {
        Job job = getJob(jobId);
        return pieces.find("job_id = ?", List.of(job.id()), "created_at, id", 0, JobStore::mapPiece).stream().map(this::full).toList();
    }

    public Piece getPiece(String id) {
        return findPiece(Inputs.id(id, "Piece")).orElseThrow(() -> ProblemException.notFound("Piece " + id));
    }

    public Piece createPiece(String jobId, Inputs.NewPiece input) {
        Inputs.NewPiece in = Inputs.body(input);
        FieldErrors errors = new FieldErrors();
        String title = Inputs.text(errors, "title", in.title(), Inputs.MAX_TITLE, true);
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
        return database.inTransaction(tx -> {
            Job job = getJob(jobId);
            return full(insertPiece(job, title, list));
        });
    }

    private PieceRow insertPiece(Job job, String title, List<Step> stepList) {
        String id = Jdbc.newId();
        Instant now = Instant.now();
        Workflow w = new Workflow(stepList).start();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("job_id", job.id());
        row.put("customer_id", job.customerId());
        row.put("title", title);
        row.put("status", w.status());
        row.put("version", 0L);
        row.put("created_at", now);
        row.put("updated_at", now);
        pieces.insert(row);
        PieceRow piece = pieces.findById(id, JobStore::mapPiece).orElseThrow();
        saveSteps(piece, w.steps());
        List<Workflow.Event> all = new ArrayList<>();
        all.add(new Workflow.Event("PIECE_CREATED", null, null, null));
        all.addAll(w.events());
        appendTimeline(piece, all, actor());
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("title", title);
        created.put("jobId", job.id());
        created.put("status", w.status());
        created.put("steps", stepList.stream().map(s -> s.type() + " " + s.name()).toList());
        history.record(ROOT, job.customerId(), "piece", id, "CREATED", HistoryService.diff(Map.of(), created));
        afterWorkflow(job, piece, w.events());
        events.publish("clientele/ijob/piece/CREATED", Map.of("pieceId", id, "jobId", job.id(), "customerId", job.customerId()));
        return piece;
    }

    // ---- workflow commands (staff)

    public Piece completeStep(String pieceId, String stepId) {
        Inputs.id(stepId, "Step");
        return database.inTransaction(tx -> {
            PieceRow piece = staffPiece(pieceId);
            Step step = loadSteps(piece.id()).stream().filter(s -> s.id().equals(stepId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Step " + stepId));
            Principal p = RequestContext.principal();
            if (step.type() != StepType.CUSTOMER_APPROVAL && !p.id().equals(step.assigneeId()) && !p.hasAnyRole(Role.SERVICE, Role.ADMIN)) {
                throw ProblemException.forbidden("Only the step's assignee, SERVICE or ADMIN may complete it.");
            }
            return command(piece, "STEP_COMPLETED", w -> w.complete(stepId));
        });
    }

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
        return database.inTransaction(tx -> {
            PieceRow piece = staffPiece(pieceId);
            Step step = loadSteps(piece.id()).stream().filter(s -> s.id().equals(stepId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Step " + stepId));
            Principal p = RequestContext.principal();
            if (!p.id().equals(step.assigneeId()) && !p.hasAnyRole(Role.SERVICE, Role.ASSISTANT, Role.ADMIN)) {
                throw ProblemException.forbidden("Only the step's assignee, SERVICE, ASSISTANT or ADMIN may reassign it.");
            }
            String assignee = input.containsKey("assigneeId") ? (String) rawAssignee : step.assigneeId();
            Instant dueAt = input.containsKey("dueAt") ? due : step.dueAt();
            return command(piece, "STEP_REASSIGNED", w -> w.reassign(stepId, assignee, dueAt));
        });
    }

    private PieceRow staffPiece(String pieceId) {
        Inputs.id(pieceId, "Piece");
        return pieces.findById(pieceId, JobStore::mapPiece).filter(p -> customers.find(p.customerId()).isPresent())
                .orElseThrow(() -> ProblemException.notFound("Piece " + pieceId));
    }

    // ---- portal (contact side)

    /** A piece as a customer's contact sees it: no user ids, internal steps only as "in progress". */
    public record PortalStep(String id, StepType type, String name, String status) {
    }

    public record PortalTimelineEntry(Instant at, String action, PortalActor actor, StepType stepType, String stepName, String comment) {
    }

    public record PortalActor(String name, String kind) {
    }

    public record PortalPiece(String id, String jobId, String jobTitle, String title, PieceStatus status, boolean actionable,
                              List<PortalStep> steps, List<PortalTimelineEntry> timeline, Instant updatedAt) {
    }

    public record PortalJob(String id, String customerId, String title, Map<String, String> briefing, Instant createdAt) {
    }

    public List<PortalPiece> portalPieces() {
        Contact me = currentContact();
        Customer customer = asSystem(() -> customers.find(me.customerId())).orElse(null);
        if (customer == null || !customer.portalAccess()) {
            return List.of();
        }
        Map<String, Job> visibleJobs = new HashMap<>();
        jobs.find("customer_id = ? AND ijob = ?", List.of(customer.id(), true), null, 0, this::mapJob).forEach(j -> visibleJobs.put(j.id(), j));
        List<PortalPiece> out = new ArrayList<>();
        for (PieceRow p : pieces.find("customer_id = ?", List.of(customer.id()), "updated_at DESC, id", 0, JobStore::mapPiece)) {
            Job job = visibleJobs.get(p.jobId());
            if (job != null) {
                out.add(portalView(job, full(p)));
            }
        }
        out.sort((a, b) -> Boolean.compare(b.actionable(), a.actionable()));
        return out;
    }

    public PortalPiece portalPiece(String pieceId) {
        PieceRow p = portalRow(pieceId);
        return portalView(jobs.findById(p.jobId(), this::mapJob).orElseThrow(), full(p));
    }

    public PortalPiece approve(String pieceId) {
        return database.inTransaction(tx -> {
            PieceRow p = portalRow(pieceId);
            command(p, "APPROVED", Workflow::approve);
            return portalPiece(pieceId);
        });
    }

    public PortalPiece requestChanges(String pieceId, Inputs.ChangeRequest input) {
        Inputs.ChangeRequest in = Inputs.body(input);
        FieldErrors errors = new FieldErrors();
        String comment = Inputs.text(errors, "comment", in.comment(), Inputs.MAX_COMMENT, true);
        errors.throwIfAny();
        return database.inTransaction(tx -> {
            PieceRow p = portalRow(pieceId);
            Customer customer = asSystem(() -> customers.find(p.customerId())).orElseThrow(() -> ProblemException.notFound("Piece " + pieceId));
            Instant due = Instant.now().plus(Duration.ofHours(Math.max(0, config.alterationDueHours())));
            Piece after = command(p, "CHANGES_REQUESTED", w -> w.requestChanges(comment, Jdbc.newId(), "Customer alteration",
                    customer.serviceManagerId(), due, Jdbc.newId()));
            notifyTeam(customer, after, comment);
            return portalPiece(pieceId);
        });
    }

    public PortalJob openPortalJob(Inputs.NewPortalJob input) {
        Inputs.NewPortalJob in = Inputs.body(input);
        Contact me = currentContact();
        FieldErrors errors = new FieldErrors();
        String customerId = Inputs.text(errors, "customerId", in.customerId(), 36, false);
        String title = Inputs.text(errors, "title", in.title(), Inputs.MAX_TITLE, true);
        Map<String, String> briefing = Inputs.briefing(errors, "briefing", in.briefing());
        errors.throwIfAny();
        String target = customerId == null ? me.customerId() : customerId;
        return database.inTransaction(tx -> {
            Customer customer = asSystem(() -> {
                Customer own = customers.find(me.customerId()).orElseThrow(() -> ProblemException.notFound("Customer " + target));
                if (target.equals(own.id())) {
                    return own;
                }
                Customer other = customers.find(target).orElseThrow(() -> ProblemException.notFound("Customer " + target));
                if (!groupKey(own).equals(groupKey(other))) {
                    throw ProblemException.notFound("Customer " + target);
                }
                if (!Boolean.TRUE.equals(me.canOpenJobsForGroup())) {
                    throw ProblemException.forbidden("This contact may open jobs only for its own customer.");
                }
                return other;
            });
            Job job = insertJob(Jdbc.newId(), customer.id(), title, true, null, null, briefing, "PORTAL", null);
            Set<String> team = new LinkedHashSet<>();
            if (customer.serviceManagerId() != null) {
                team.add(customer.serviceManagerId());
            }
            if (customer.assistantId() != null) {
                team.add(customer.assistantId());
            }
            if (!team.isEmpty()) {
                notifications.notify(team, "ijob_job_requested", "Job request from " + me.name() + ": " + title,
                        "Customer " + customer.name() + " requested a job through the portal.", "/v1/jobs/" + job.id());
            }
            return new PortalJob(job.id(), job.customerId(), job.title(), job.briefing(), job.createdAt());
        });
    }

    /** A customer's group: its parent's id, or its own id (a parent, or a customer in no group). */
    static String groupKey(Customer c) {
        return c.groupId() != null ? c.groupId() : c.id();
    }

    private Contact currentContact() {
        return portal.currentContact().orElseThrow(() -> ProblemException.unauthorized("The account is no longer active."));
    }

    /** The piece if it belongs to an iJob-flagged job of the calling contact's customer, which has portal access; else 404. */
    private PieceRow portalRow(String pieceId) {
        Inputs.id(pieceId, "Piece");
        Contact me = currentContact();
        PieceRow p = pieces.findById(pieceId, JobStore::mapPiece).filter(r -> r.customerId().equals(me.customerId()))
                .orElseThrow(() -> ProblemException.notFound("Piece " + pieceId));
        Job job = jobs.findById(p.jobId(), this::mapJob).orElse(null);
        boolean portalAccess = asSystem(() -> customers.find(p.customerId())).map(Customer::portalAccess).orElse(false);
        if (job == null || !job.ijob() || !portalAccess) {
            throw ProblemException.notFound("Piece " + pieceId);
        }
        return p;
    }

    private PortalPiece portalView(Job job, Piece piece) {
        boolean finished = piece.status() == PieceStatus.FINISHED;
        List<PortalStep> shown = piece.steps().stream().map(s -> s.type() == StepType.CUSTOMER_APPROVAL
                ? new PortalStep(s.id(), s.type(), s.name(), s.status().name())
                : new PortalStep(s.id(), s.type(), null, finished ? "DONE" : "IN_PROGRESS")).toList();
        List<PortalTimelineEntry> entries = piece.timeline().stream().filter(e -> !"STEP_REASSIGNED".equals(e.action()))
                .map(e -> new PortalTimelineEntry(e.at(), e.action(), new PortalActor(e.actor().name(), e.actor().kind()), e.stepType(),
                        e.stepType() == StepType.CUSTOMER_APPROVAL ? e.stepName() : null, e.comment())).toList();
        return new PortalPiece(piece.id(), job.id(), job.title(), piece.title(), piece.status(),
                piece.status() == PieceStatus.AWAITING_CUSTOMER, shown, entries, piece.updatedAt());
    }

    // ---- workflow plumbing

    private Piece command(PieceRow piece, String action, Consumer<Workflow> cmd) {
        Workflow w = new Workflow(loadSteps(piece.id()));
        List<Step> before = w.steps();
        try {
            cmd.accept(w);
        } catch (Workflow.Refused r) {
            throw switch (r.reason()) {
                case NO_SUCH_STEP -> ProblemException.notFound("Step");
                case NOT_AWAITING_CUSTOMER -> ProblemException.conflict("The piece is " + piece.status() + ", not awaiting the customer.");
                default -> ProblemException.conflict(r.getMessage());
            };
        }
        PieceStatus status = w.status();
        if (pieces.update(piece.id(), piece.version(), Map.of("status", status, "updated_at", Instant.now())) != 1) {
            throw ProblemException.conflict("The piece changed at the same time; read it again and retry.");
        }
        saveSteps(piece, w.steps());
        appendTimeline(piece, w.events(), actor());
        List<FieldChange> changes = new ArrayList<>();
        if (piece.status() != status) {
            changes.add(new FieldChange("status", piece.status().name(), status.name()));
        }
        Map<String, Step> old = new HashMap<>();
        before.forEach(s -> old.put(s.id(), s));
        for (Step s : w.steps()) {
            Step was = old.get(s.id());
            String label = "step " + s.name() + " (" + s.type() + ")";
            if (was == null) {
                changes.add(new FieldChange(label, null, s.status().name()));
            } else {
                if (was.status() != s.status()) {
                    changes.add(new FieldChange(label + ".status", was.status().name(), s.status().name()));
                }
                if (!Objects.equals(was.assigneeId(), s.assigneeId())) {
                    changes.add(new FieldChange(label + ".assigneeId", was.assigneeId(), s.assigneeId()));
                }
                if (!Objects.equals(was.dueAt(), s.dueAt())) {
                    changes.add(new FieldChange(label + ".dueAt", str(was.dueAt()), str(s.dueAt())));
                }
            }
        }
        w.events().stream().filter(e -> e.comment() != null).forEach(e -> changes.add(new FieldChange("comment", null, e.comment())));
        history.record(ROOT, piece.customerId(), "piece", piece.id(), action, changes);
        Job job = jobs.findById(piece.jobId(), this::mapJob).orElseThrow();
        PieceRow saved = pieces.findById(piece.id(), JobStore::mapPiece).orElseThrow();
        afterWorkflow(job, saved, w.events());
        events.publish("clientele/ijob/piece/" + action, Map.of("pieceId", piece.id(), "jobId", piece.jobId(),
                "customerId", piece.customerId(), "status", status.name()));
        return full(saved);
    }

    /** E-mails the customer's portal contacts when an approval step opened. */
    private void afterWorkflow(Job job, PieceRow piece, List<Workflow.Event> happened) {
        boolean approvalOpened = happened.stream().anyMatch(e -> "STEP_OPENED".equals(e.action())
                && e.step().type() == StepType.CUSTOMER_APPROVAL);
        if (approvalOpened && job.ijob()) {
            mailContacts(job, piece);
        }
    }

    private void mailContacts(Job job, PieceRow piece) {
        Principal caller = RequestContext.principal();
        asSystem(() -> {
            Customer customer = customers.find(job.customerId()).orElse(null);
            if (customer == null || !customer.portalAccess()) {
                return null;
            }
            String link = publicBaseUrl() + "/portal/" + caller.agencySlug() + "/pieces/" + piece.id();
            for (Contact c : contacts.ofCustomer(customer.id())) {
                if (c.portalStatus() == PortalStatus.ACTIVE && c.email() != null && !c.email().isBlank()) {
                    outbox.enqueue(new OutgoingMail(c.email(), "Awaiting your approval: " + piece.title(),
                            "Hello " + c.name() + ",\n\n"
                                    + "The piece \"" + piece.title() + "\" of the job \"" + job.title() + "\" awaits your approval. "
                                    + "Approve it or request changes here:\n\n" + link + "\n", null));
                }
            }
            return null;
        });
    }

    /** The customer's service manager, assistant and followers get an in-app notification and an e-mail with the comment. */
    private void notifyTeam(Customer customer, Piece piece, String comment) {
        Set<String> team = new LinkedHashSet<>();
        if (customer.serviceManagerId() != null) {
            team.add(customer.serviceManagerId());
        }
        if (customer.assistantId() != null) {
            team.add(customer.assistantId());
        }
        team.addAll(customer.followerIds());
        if (team.isEmpty()) {
            return;
        }
        Principal caller = RequestContext.principal();
        String title = "Changes requested on " + piece.title();
        String body = caller.name() + " (" + customer.name() + ") requested changes:\n\n" + comment;
        notifications.notify(team, "ijob_changes_requested", title, body, "/v1/pieces/" + piece.id());
        for (String userId : team) {
            users.find(userId).filter(User::active).filter(u -> u.email() != null && !u.email().isBlank()).ifPresent(u ->
                    outbox.enqueue(new OutgoingMail(u.email(), title, "Hello " + u.name() + ",\n\n" + body + "\n\n"
                            + "A Customer Alteration step was added to the piece's workflow.\n", null)));
        }
    }

    private void saveSteps(PieceRow piece, List<Step> list) {
        steps.delete("piece_id = ?", List.of(piece.id()));
        for (int i = 0; i < list.size(); i++) {
            Step s = list.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("piece_id", piece.id());
            row.put("customer_id", piece.customerId());
            row.put("position", i);
            row.put("type", s.type());
            row.put("name", s.name());
            row.put("assignee_id", s.assigneeId());
            row.put("due_at", s.dueAt());
            row.put("status", s.status());
            row.put("version", 0L);
            steps.insert(row);
        }
    }

    private List<Step> loadSteps(String pieceId) {
        return steps.find("piece_id = ?", List.of(pieceId), "position", 0, rs -> new Step(rs.getString("id"),
                StepType.valueOf(rs.getString("type")), rs.getString("name"), rs.getString("assignee_id"), Jdbc.instant(rs, "due_at"),
                StepStatus.valueOf(rs.getString("status"))));
    }

    private void appendTimeline(PieceRow piece, List<Workflow.Event> happened, Actor actor) {
        long seq = timeline.count("piece_id = ?", List.of(piece.id()));
        Instant now = Instant.now();
        for (Workflow.Event e : happened) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", Jdbc.newId());
            row.put("piece_id", piece.id());
            row.put("seq", ++seq);
            row.put("occurred_at", now);
            row.put("action", e.action());
            row.put("actor_id", actor.id());
            row.put("actor_name", actor.name());
            row.put("actor_kind", actor.kind());
            row.put("step_id", e.step() == null ? null : e.step().id());
            row.put("step_type", e.step() == null ? null : e.step().type());
            row.put("step_name", e.step() == null ? null : e.step().name());
            row.put("comment", e.comment());
            if ("STEP_REASSIGNED".equals(e.action()) && e.before() != null) {
                List<Map<String, String>> changes = new ArrayList<>();
                if (!Objects.equals(e.before().assigneeId(), e.step().assigneeId())) {
                    changes.add(change("assigneeId", e.before().assigneeId(), e.step().assigneeId()));
                }
                if (!Objects.equals(e.before().dueAt(), e.step().dueAt())) {
                    changes.add(change("dueAt", str(e.before().dueAt()), str(e.step().dueAt())));
                }
                row.put("changes", write(changes));
            }
            timeline.insert(row);
        }
    }

    private static Map<String, String> change(String field, String from, String to) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("field", field);
        m.put("from", from);
        m.put("to", to);
        return m;
    }

    private Piece full(PieceRow p) {
        List<TimelineEntry> entries = timeline.find("piece_id = ?", List.of(p.id()), "seq", 0, rs -> new TimelineEntry(rs.getString("id"),
                Jdbc.instant(rs, "occurred_at"), rs.getString("action"), new Actor(rs.getString("actor_id"), rs.getString("actor_name"),
                rs.getString("actor_kind")), rs.getString("step_id"),
                rs.getString("step_type") == null ? null : StepType.valueOf(rs.getString("step_type")), rs.getString("step_name"),
                rs.getString("comment"), read(rs.getString("changes"), CHANGES)));
        return new Piece(p.id(), p.jobId(), p.customerId(), p.title(), p.status(), loadSteps(p.id()), entries, p.version(), p.createdAt(),
                p.updatedAt());
    }

    // ---- helpers

    private Customer visibleCustomer(String customerId) {
        return customers.find(customerId).orElseThrow(() -> ProblemException.notFound("Customer " + customerId));
    }

    private static Actor actor() {
        Principal p = RequestContext.principal();
        return new Actor(p.id(), p.name(), p.kind().name());
    }

    /** Runs as the platform in the caller's agency: reads the customer and its contacts whatever the caller may see. */
    private static <T> T asSystem(Supplier<T> work) {
        Principal p = RequestContext.principal();
        if (p.kind() == PrincipalKind.SYSTEM) {
            return work.get();
        }
        return RequestContext.runAs(Principal.system(p.agencyId(), p.agencySlug(), "ijob"), work);
    }

    private String publicBaseUrl() {
        String base = config.publicBaseUrl() == null || config.publicBaseUrl().isBlank() ? "http://localhost:8181" : config.publicBaseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    private Job mapJob(ResultSet rs) throws SQLException {
        Map<String, String> briefing = read(rs.getString("briefing"), BRIEFING);
        return new Job(rs.getString("id"), rs.getString("customer_id"), rs.getString("title"), rs.getBoolean("ijob"),
                rs.getString("template_id"), rs.getString("budget_id"), briefing, rs.getString("origin"), rs.getLong("version"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    static PieceRow mapPiece(ResultSet rs) throws SQLException {
        return new PieceRow(rs.getString("id"), rs.getString("job_id"), rs.getString("customer_id"), rs.getString("title"),
                PieceStatus.valueOf(rs.getString("status")), rs.getLong("version"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"));
    }
}
