package io.clientele.ijob.impl.internal;

import io.clientele.budget.api.Budget;
import io.clientele.budget.api.BudgetService;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The only class of the module that touches the budget module's types. It exists (as a DS component) only while a
 * {@link BudgetService} is registered, so that the package {@code io.clientele.budget.api}, imported with
 * {@code resolution:=optional}, is loaded only when the budget bundles are installed. {@link JobBudgetLink} holds an
 * optional, dynamic, greedy reference to it: no bound JobBudgets means "the budget module is not installed".
 * Nothing here names a budget type in a signature, so loading {@link JobBudgetLink} never needs the budget package.
 */
@Component(service = JobBudgets.class)
public class JobBudgets {

    static final String MODULE = "budget";

    private final BudgetService budgets;
    private final AgencyDirectory agencies;

    @Activate
    public JobBudgets(@Reference BudgetService budgets, @Reference AgencyDirectory agencies) {
        this.budgets = budgets;
        this.agencies = agencies;
    }

    /** Whether the caller's agency subscribes to the budget module (budgets are used only then). */
    boolean enabledForCaller() {
        return agencies.isSubscribed(RequestContext.agencyId(), MODULE);
    }

    /** Adds an error naming {@code field} unless the budget exists for the caller and belongs to the customer. */
    void checkBudget(FieldErrors errors, String field, String budgetId, String customerId) {
        Optional<Budget> budget = budgets.find(budgetId);
        if (budget.isEmpty()) {
            errors.add(field, "names no budget of the agency that you can see");
        } else if (!budget.get().customerId().equals(customerId)) {
            errors.add(field, "is a budget of another customer; a job draws only on a budget of its own customer");
        }
    }

    /** Commits {@code amount} of the budget for the job (in the caller's transaction); returns the commitment's id. */
    String commit(String budgetId, BigDecimal amount, String jobId, String jobTitle) {
        return budgets.commit(budgetId, amount, jobId, "Job: " + jobTitle).id();
    }

    /** The budget as a job shows it, if it exists for the caller. */
    Optional<JobBudgetLink.JobBudget> view(String budgetId, BigDecimal committedForJob) {
        return budgets.find(budgetId).map(b -> new JobBudgetLink.JobBudget(b.id(), b.currency(), money(b.amount()),
                money(budgets.remaining(b.id())), money(committedForJob == null ? BigDecimal.ZERO : committedForJob)));
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
