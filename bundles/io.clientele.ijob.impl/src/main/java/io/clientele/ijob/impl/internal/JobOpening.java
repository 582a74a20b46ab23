package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.Job;
import io.clientele.ijob.api.JobTemplate;
import io.clientele.ijob.api.Step;
import io.clientele.ijob.api.StepStatus;
import io.clientele.ijob.api.budget.JobBudgetPort;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Staff open a job: for a visible customer, optionally from a template (its pieces and steps are copied, deadlines
 * counted from now) and drawing on a budget (its estimated cost committed there), all in one transaction.
 */
@Component(service = JobOpening.class)
public class JobOpening {

    private final Database database;
    private final Jobs jobs;
    private final Pieces pieces;
    private final TemplateStore templates;
    private final JobBudgetLink budgets;

    @Activate
    public JobOpening(@Reference Database database, @Reference Jobs jobs, @Reference Pieces pieces, @Reference TemplateStore templates,
                      @Reference JobBudgetLink budgets) {
        this.database = database;
        this.jobs = jobs;
        this.pieces = pieces;
        this.templates = templates;
        this.budgets = budgets;
    }

    public Job open(Inputs.NewJob input) {
        Inputs.NewJob in = Inputs.body(input);
        FieldErrors errors = new FieldErrors();
        String customerId = Inputs.text(errors, "customerId", in.customerId(), 36, true);
        String title = Inputs.text(errors, "title", in.title(), Inputs.MAX_TITLE, true);
        String budgetId = Inputs.text(errors, "budgetId", in.budgetId(), 36, false);
        String templateId = Inputs.text(errors, "templateId", in.templateId(), 36, false);
        Map<String, String> briefing = Inputs.briefing(errors, "briefing", in.briefing());
        JobBudgetPort budget = budgets.forCaller();
        // the cost is in the budget's currency (checked at 2 decimals when the budget is unknown: budgetId's error stands)
        int before = errors.list().size();
        Money estimatedCost = Money.parseOptional(errors, "estimatedCost", in.estimatedCost(), budgets.currencyOf(budget, budgetId));
        if (in.estimatedCost() != null && !in.estimatedCost().isBlank() && errors.list().size() == before) {
            if (budget == null) {
                errors.add("estimatedCost", budgets.missing());
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
            jobs.visibleCustomer(customerId);
            String jobId = Jdbc.newId();
            BigDecimal committed = null;
            String commitmentId = null;
            if (budget != null && budgetId != null) {
                FieldErrors budgetErrors = new FieldErrors();
                budget.problemWith(budgetId, customerId).ifPresent(problem -> budgetErrors.add("budgetId", problem));
                budgetErrors.throwIfAny();
                if (estimatedCost != null) {
                    committed = estimatedCost.amount();
                    commitmentId = budget.commit(budgetId, estimatedCost, jobId, title);
                }
            }
            JobRecord job = jobs.insert(jobId, customerId, title, Boolean.TRUE.equals(in.ijob()), templateId, budgetId, briefing, "STAFF",
                    committed, commitmentId);
            if (from != null) {
                Instant now = Instant.now();
                for (JobTemplate.TemplatePiece tp : from.pieces()) {
                    List<Step> copied = new ArrayList<>();
                    for (JobTemplate.TemplateStep ts : tp.steps()) {
                        copied.add(new Step(Jdbc.newId(), ts.type(), ts.name(), ts.assigneeId(),
                                ts.dueInDays() == null ? null : now.plus(Duration.ofDays(ts.dueInDays())), StepStatus.PENDING));
                    }
                    pieces.add(job, tp.title(), null, copied);
                }
            }
            return job.toApi();
        });
    }
}
