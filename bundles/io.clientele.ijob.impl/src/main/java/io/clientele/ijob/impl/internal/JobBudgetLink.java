package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.budget.JobBudgetPort;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The link from jobs to the budget module, which may be absent: whether budgets are usable for the caller, checking a
 * job's budget, committing its estimated cost, and the budget's standing as the job shows it. Everything else of the
 * module reaches budgets only through here. The budget module's side is {@link JobBudgetPort}, registered by the bundle
 * {@code io.clientele.ijob.budget} that {@code clientele-ijob} installs only while {@code clientele-budget} is installed:
 * this bundle never imports the budget module's packages, so neither module is refreshed when the other comes or goes.
 */
@Component(service = JobBudgetLink.class)
public class JobBudgetLink {

    /** Bound while the budget module is installed; null otherwise (jobs then keep budgetId as an opaque text). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobBudgetPort budgets;

    /** The budget a job draws on, as the job shows it: money as decimal strings in the budget's currency. */
    public record JobBudget(String id, String currency, String amount, String remaining, String committedForJob) {
    }

    /** The budget module when it is installed and the caller's agency subscribes to it; else null. */
    JobBudgetPort forCaller() {
        JobBudgetPort b = budgets;
        return b != null && b.enabledForCaller() ? b : null;
    }

    /** Why an estimated cost cannot be committed when {@link #forCaller()} is null. */
    String missing() {
        return budgets == null ? "cannot be committed: the budget module is not installed"
                : "cannot be committed: the budget module is not enabled for this agency";
    }

    /** A job moves to another budget only when nothing was committed for it, and (budget module on) to a budget of its customer. */
    void checkMove(JobRecord job, String newBudgetId) {
        FieldErrors errors = new FieldErrors();
        if (job.budgetCommitmentId() != null) {
            errors.add("budgetId", "the job has " + money(job.estimatedCost()) + " committed on budget " + job.budgetId()
                    + "; it cannot move to another budget");
        } else {
            JobBudgetPort budget = forCaller();
            if (budget != null && newBudgetId != null) {
                budget.problemWith(newBudgetId, job.customerId()).ifPresent(problem -> errors.add("budgetId", problem));
            }
        }
        errors.throwIfAny();
    }

    /** The job's budget with its standing, when the budget module is installed and enabled and the budget is found. */
    Optional<JobBudget> view(String budgetId, String commitmentId, BigDecimal estimatedCost) {
        JobBudgetPort budget = budgetId == null ? null : forCaller();
        return budget == null ? Optional.empty() : budget.standing(budgetId).map(s -> new JobBudget(s.id(), s.amount().currencyCode(),
                s.amount().toPlainString(), s.remaining().toPlainString(),
                (commitmentId == null || estimatedCost == null ? Money.zero(s.currency()) : Money.rounded(estimatedCost, s.currency()))
                        .toPlainString()));
    }

    /** The currency of the budget, when the budget module is installed and enabled and the budget is found; else null. */
    Currency currencyOf(JobBudgetPort budget, String budgetId) {
        return budget == null || budgetId == null ? null : budget.standing(budgetId).map(JobBudgetPort.Standing::currency).orElse(null);
    }

    /** A stored estimated cost as jobs show it (also without the budget module, so without its currency): two decimals, HALF_UP. */
    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
