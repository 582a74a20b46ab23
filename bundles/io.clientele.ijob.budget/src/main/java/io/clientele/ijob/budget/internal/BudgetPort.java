package io.clientele.ijob.budget.internal;

import io.clientele.budget.api.Budget;
import io.clientele.budget.api.BudgetService;
import io.clientele.ijob.api.budget.JobBudgetPort;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.money.Money;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** iJob's way to the budget module: present exactly while a {@link BudgetService} is registered. */
@Component(service = JobBudgetPort.class)
public class BudgetPort implements JobBudgetPort {

    static final String MODULE = "budget";

    private final BudgetService budgets;
    private final AgencyDirectory agencies;

    @Activate
    public BudgetPort(@Reference BudgetService budgets, @Reference AgencyDirectory agencies) {
        this.budgets = budgets;
        this.agencies = agencies;
    }

    @Override
    public boolean enabledForCaller() {
        return agencies.isSubscribed(RequestContext.agencyId(), MODULE);
    }

    @Override
    public Optional<String> problemWith(String budgetId, String customerId) {
        Optional<Budget> budget = budgets.find(budgetId);
        if (budget.isEmpty()) {
            return Optional.of("names no budget of the agency that you can see");
        }
        if (!budget.get().customerId().equals(customerId)) {
            return Optional.of("is a budget of another customer; a job draws only on a budget of its own customer");
        }
        return Optional.empty();
    }

    /**
     * The budget module's refusals pass: the job was checked against the budget ({@link #problemWith}) in the same
     * transaction and its cost parsed in the budget's currency, so a refusal here (a budget gone, a bad amount) is
     * not the job's to explain; the REST edge answers it as the budget module words it.
     */
    @Override
    public String commit(String budgetId, Money amount, String jobId, String jobTitle) {
        return budgets.commit(budgetId, amount, jobId, "Job: " + jobTitle).id();
    }

    /** A budget deleted between reading it and adding up its entries has no standing: absent, as {@code find} says. */
    @Override
    public Optional<Standing> standing(String budgetId) {
        return budgets.find(budgetId).flatMap(b -> {
            try {
                return Optional.of(new Standing(b.id(), b.amount(), budgets.remaining(b.id())));
            } catch (BudgetService.Refused refused) {
                if (refused.reason() == BudgetService.Refused.Reason.BUDGET_NOT_FOUND) {
                    return Optional.empty();
                }
                throw refused;
            }
        });
    }
}
