package io.clientele.budget.api;

import io.clientele.platform.api.money.Money;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Budgets for other modules (the iJob module draws jobs on them). Every call acts for the current request's
 * principal: budgets of another agency, deleted ones and those of customers the caller may not see read as
 * missing. Failures are {@code io.clientele.platform.api.rest.ProblemException}s (404 for a missing budget or
 * entry, 400 naming the bad field), so a REST caller can let them pass through. Every change is recorded in
 * the customer's history and joins the caller's transaction.
 */
@ProviderType
public interface BudgetService {

    /** The budget if it exists for the caller. */
    Optional<Budget> find(String budgetId);

    /** The budget's committed, spent and remaining amounts and its state. */
    BudgetBalance balance(String budgetId);

    /** {@code amount - committed - spent} in the budget's currency; negative when the budget is overdrawn. */
    default Money remaining(String budgetId) {
        return balance(budgetId).remaining();
    }

    /**
     * Commits money of the budget (an open {@link EntryKind#COMMITTED} entry), e.g. for a job.
     *
     * @param amount positive, in the budget's currency (another currency is a 400 naming {@code currency})
     * @param jobId  the job drawing on the budget (may be null)
     */
    BudgetEntry commit(String budgetId, Money amount, String jobId, String description);

    /**
     * Turns an open commitment into spend: adds a {@link EntryKind#SPENT} entry and closes the commitment.
     *
     * @param actualAmount what was really spent, in the budget's currency; null spends exactly the committed amount
     * @return the new spend entry
     */
    BudgetEntry spend(String commitmentId, Money actualAmount);
}
