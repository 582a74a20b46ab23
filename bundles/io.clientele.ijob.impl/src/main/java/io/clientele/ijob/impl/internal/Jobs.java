package io.clientele.ijob.impl.internal;

import io.clientele.customer.api.CustomerDirectory;
import io.clientele.ijob.api.IJobEvents;
import io.clientele.ijob.api.Job;
import io.clientele.ijob.api.PieceStatus;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jobs of the caller's agency: reading them (a job is reachable exactly when its customer is visible to the caller),
 * recording a new one, and changing one. Every change is recorded in the customer's history, in the caller's
 * transaction.
 */
@Component(service = Jobs.class)
public class Jobs {

    static final String ROOT = "customer";

    private final EntityWork work;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final DomainEvents events;
    private final JobBudgetLink budgets;
    private final ApprovalMail mail;

    /**
     * A job as the staff REST API shows it: the job, the cost committed against its budget when it was opened, and the
     * budget's standing (null when the budget module is not installed or not enabled, or the budget is not found).
     */
    public record JobDetail(String id, String customerId, String title, boolean ijob, String templateId, String budgetId,
                            Map<String, String> briefing, String origin, long version, Instant createdAt, Instant updatedAt,
                            String estimatedCost, String budgetCommitmentId, JobBudgetLink.JobBudget budget) {
    }

    @Activate
    public Jobs(@Reference Database database, @Reference(target = "(osgi.unit.name=ijob)") EntityManagerFactory unit,
                @Reference IJobModule module, @Reference CustomerDirectory customers, @Reference HistoryService history,
                @Reference DomainEvents events, @Reference JobBudgetLink budgets, @Reference ApprovalMail mail) {
        this.work = new EntityWork(database, unit);
        this.customers = customers;
        this.history = history;
        this.events = events;
        this.budgets = budgets;
        this.mail = mail;
    }

    // ---- reading

    /** The stored job if its customer is visible to the caller. */
    Optional<JobRecord> record(String jobId) {
        if (jobId == null || jobId.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(JobRecord.class, jobId))
                .filter(j -> customers.find(j.customerId()).isPresent()));
    }

    JobRecord getRecord(String jobId) {
        return record(Inputs.id(jobId, "Job")).orElseThrow(() -> ProblemException.notFound("Job " + jobId));
    }

    public Optional<Job> findJob(String jobId) {
        return record(jobId).map(JobRecord::toApi);
    }

    public Job getJob(String id) {
        return getRecord(id).toApi();
    }

    /** The jobs of a visible customer, newest first; empty when the customer is not visible. */
    public List<Job> jobsOfCustomer(String customerId) {
        if (customerId == null || customerId.length() > 36 || customers.find(customerId).isEmpty()) {
            return List.of();
        }
        return work.inTransaction(em -> em.createQuery("SELECT j FROM Job j WHERE j.customerId = :customerId"
                + " ORDER BY j.createdAt DESC, j.id DESC", JobRecord.class).setParameter("customerId", customerId).getResultStream()
                .map(JobRecord::toApi).toList());
    }

    /** Jobs newest first: creation time, then id, both descending. */
    static final Keyset<JobRecord> NEWEST_FIRST = Keyset.newestFirst("createdAt", JobRecord::createdAt, "id", JobRecord::id);

    /**
     * Jobs newest first (of one visible customer, or of every customer the caller may see), keyset-paged; jobs of
     * customers the caller may not see are left out, and the page is still filled from the jobs after them.
     */
    public Page<Job> listJobs(String customerId, int limit, String cursor) {
        Map<String, Object> params = new HashMap<>();
        String condition = null;
        if (customerId != null && !customerId.isBlank()) {
            visibleCustomer(Inputs.id(customerId, "Customer"));
            condition = "e.customerId = :customerId";
            params.put("customerId", customerId);
        }
        String where = condition;
        Map<String, Boolean> visible = new HashMap<>();
        return work.inTransaction(em -> KeysetPages.page(em, JobRecord.class, NEWEST_FIRST, where, params, new PageRequest(limit, cursor),
                j -> visible.computeIfAbsent(j.customerId(), c -> customers.find(c).isPresent()))).map(JobRecord::toApi);
    }

    /** The job for the staff REST API, with its budget's standing when the budget module is installed and enabled. */
    public JobDetail detail(Job j) {
        JobRecord r = work.inTransaction(em -> em.find(JobRecord.class, j.id()));
        BigDecimal cost = r == null ? null : r.estimatedCost();
        String commitmentId = r == null ? null : r.budgetCommitmentId();
        return new JobDetail(j.id(), j.customerId(), j.title(), j.ijob(), j.templateId(), j.budgetId(), j.briefing(), j.origin(),
                j.version(), j.createdAt(), j.updatedAt(), cost == null ? null : JobBudgetLink.money(cost), commitmentId,
                budgets.view(j.budgetId(), commitmentId, cost).orElse(null));
    }

    // ---- writing

    /** Records a new job (version 0) with its history entry and event, in the caller's transaction. */
    JobRecord insert(String id, String customerId, String title, boolean ijob, String templateId, String budgetId,
                     Map<String, String> briefing, String origin, BigDecimal estimatedCost, String commitmentId) {
        Instant now = EntityWork.now();
        return work.inTransaction(em -> {
            JobRecord job = new JobRecord(id, customerId, title, ijob, templateId, budgetId, briefing, origin, estimatedCost, commitmentId, now);
            em.persist(job);
            em.flush();
            history.record(ROOT, customerId, "job", id, "CREATED", HistoryService.diff(Map.of(), snapshot(job.toApi())));
            events.publish(IJobEvents.JOB_CREATED, Map.of("jobId", id, "customerId", customerId));
            return job;
        });
    }

    /** JSON merge patch of title, ijob flag, budgetId and briefing; If-Match honoured (412 on another version). */
    public Job patchJob(String id, Long expectedVersion, Map<String, Object> patch) {
        Map<String, Object> input = Inputs.body(patch);
        FieldErrors errors = new FieldErrors();
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : input.entrySet()) {
            String field = e.getKey();
            Object v = e.getValue();
            switch (field == null ? "" : field) {
                case "title" -> {
                    String t = v instanceof String s ? Inputs.text(errors, "title", s, Inputs.MAX_TITLE, true) : null;
                    if (!(v instanceof String)) {
                        errors.add("title", "must be a text");
                    }
                    changes.put("title", t);
                }
                case "ijob" -> {
                    if (v instanceof Boolean b) {
                        changes.put("ijob", b);
                    } else {
                        errors.add("ijob", "must be true or false");
                    }
                }
                case "budgetId" -> {
                    if (v == null || v instanceof String) {
                        changes.put("budgetId", Inputs.text(errors, "budgetId", (String) v, 36, false));
                    } else {
                        errors.add("budgetId", "must be a text or null");
                    }
                }
                case "briefing" -> {
                    if (v == null) {
                        changes.put("briefing", Map.of());
                    } else if (v instanceof Map<?, ?> m && m.values().stream().allMatch(x -> x == null || x instanceof String)) {
                        @SuppressWarnings("unchecked")
                        Map<String, String> b = (Map<String, String>) m;
                        changes.put("briefing", Inputs.briefing(errors, "briefing", b));
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
        return work.inTransaction(em -> {
            JobRecord job = getRecord(id);
            Job before = job.toApi();
            job.requireVersion(expectedVersion, "job");
            if (changes.containsKey("budgetId") && !Objects.equals(changes.get("budgetId"), before.budgetId())) {
                budgets.checkMove(job, (String) changes.get("budgetId"));
            }
            apply(job, changes);
            job.touched(EntityWork.now());
            em.flush();
            Job after = job.toApi();
            history.record(ROOT, after.customerId(), "job", id, "UPDATED", HistoryService.diff(snapshot(before), snapshot(after)));
            events.publish(IJobEvents.JOB_UPDATED, Map.of("jobId", id, "customerId", after.customerId()));
            if (!before.ijob() && after.ijob()) {
                // the job just became visible to the customer: pieces already waiting for it are announced now
                em.createQuery("SELECT p FROM Piece p WHERE p.jobId = :jobId AND p.status = :status ORDER BY p.createdAt, p.id",
                                PieceRecord.class).setParameter("jobId", id).setParameter("status", PieceStatus.AWAITING_CUSTOMER)
                        .getResultList().forEach(p -> mail.awaitingApproval(job, p));
            }
            return after;
        });
    }

    @SuppressWarnings("unchecked")
    private static void apply(JobRecord job, Map<String, Object> changes) {
        changes.forEach((field, value) -> {
            switch (field) {
                case "title" -> job.title((String) value);
                case "ijob" -> job.ijob((Boolean) value);
                case "budgetId" -> job.budgetId((String) value);
                case "briefing" -> job.briefing((Map<String, String>) value);
                default -> throw new IllegalStateException(field);
            }
        });
    }

    void visibleCustomer(String customerId) {
        if (customers.find(customerId).isEmpty()) {
            throw ProblemException.notFound("Customer " + customerId);
        }
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
}
