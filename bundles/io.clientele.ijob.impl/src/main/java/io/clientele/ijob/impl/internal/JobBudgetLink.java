package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The link from jobs to the budget module, which may be absent: whether budgets are usable for the caller, checking a
 * job's budget, committing its estimated cost, and the budget's standing as the job shows it. Everything else of the
 * module reaches budgets only through here, so nothing else needs the budget module to be installed.
 */
@Component(service = JobBudgetLink.class)
public class JobBudgetLink {

    /** Bound while the budget module is installed; null otherwise (jobs then keep budgetId as an opaque text). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobBudgets budgets;

    /** The budget a job draws on, as the job shows it: money as decimal strings in the budget's currency. */
    public record JobBudget(String id, String currency, String amount, String remaining, String committedForJob) {
    }

    /** The budget module when it is installed and the caller's agency subscribes to it; else null. */
    JobBudgets forCaller() {
        JobBudgets b = budgets;
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
            errors.add("budgetId", "the job has " + JobBudgets.money(job.estimatedCost()) + " committed on budget " + job.budgetId()
                    + "; it cannot move to another budget");
        } else {
            JobBudgets budget = forCaller();
            if (budget != null && newBudgetId != null) {
                budget.checkBudget(errors, "budgetId", newBudgetId, job.customerId());
            }
        }
        errors.throwIfAny();
    }

    /** The job's budget with its standing, when the budget module is installed and enabled and the budget is found. */
    Optional<JobBudget> view(String budgetId, String commitmentId, BigDecimal estimatedCost) {
        JobBudgets budget = budgetId == null ? null : forCaller();
        return budget == null ? Optional.empty() : budget.view(budgetId, commitmentId == null ? null : estimatedCost);
    }
}
