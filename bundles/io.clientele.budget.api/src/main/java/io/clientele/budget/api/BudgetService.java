package io.clientele.budget.api;

import java.math.BigDecimal;
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

    /** {@code amount - committed - spent}; negative when the budget is overdrawn. */
    default BigDecimal remaining(String budgetId) {
        return balance(budgetId).remaining();
    }

    /**
     * Commits money of the budget (an open {@link EntryKind#COMMITTED} entry), e.g. for a job.
     *
     * @param amount positive, at most 2 decimals, in the budget's currency
     * @param jobId  the job drawing on the budget (may be null)
     */
    BudgetEntry commit(String budgetId, BigDecimal amount, String jobId, String description);

    /**
     * Turns an open commitment into spend: adds a {@link EntryKind#SPENT} entry and closes the commitment.
     *
     * @param actualAmount what was really spent; null spends exactly the committed amount
     * @return the new spend entry
     */
    BudgetEntry spend(String commitmentId, BigDecimal actualAmount);
}
