package io.clientele.budget.api;

import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.money.Money;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Budgets for other modules (the iJob module draws jobs on them). Every call acts for the current request's
 * principal: budgets of another agency, deleted ones and those of customers the caller may not see read as
 * missing. A call is refused with {@link Refused} (its {@link Refused.Reason} says why: a missing budget or entry, a
 * bad field named, a commitment already spent); the REST edge answers a refusal as problem+json (404, 400 naming the
 * field, 409), so a REST caller can let it pass. Every change is recorded in the customer's history and joins the
 * caller's transaction.
 *
 * @since 2.1.0 refusals are {@link Refused} (were the platform's HTTP {@code ProblemException}s of the same statuses)
 */
@ProviderType
public interface BudgetService {

    /** The budget if it exists for the caller. */
    Optional<Budget> find(String budgetId);

    /**
     * The budget's committed, spent and remaining amounts and its state.
     *
     * @throws Refused {@link Refused.Reason#BUDGET_NOT_FOUND}
     */
    BudgetBalance balance(String budgetId);

    /**
     * {@code amount - committed - spent} in the budget's currency; negative when the budget is overdrawn.
     *
     * @throws Refused {@link Refused.Reason#BUDGET_NOT_FOUND}
     */
    default Money remaining(String budgetId) {
        return balance(budgetId).remaining();
    }

    /**
     * Commits money of the budget (an open {@link EntryKind#COMMITTED} entry), e.g. for a job.
     *
     * @param amount positive, in the budget's currency
     * @param jobId  the job drawing on the budget (may be null)
     * @throws Refused {@link Refused.Reason#BUDGET_NOT_FOUND}; {@link Refused.Reason#INVALID_INPUT} naming {@code amount}
     *                 (not positive, or more decimals than the currency has), {@code currency} (not the budget's),
     *                 {@code description} or {@code jobId} (too long, control characters)
     */
    BudgetEntry commit(String budgetId, Money amount, String jobId, String description);

    /**
     * Turns an open commitment into spend: adds a {@link EntryKind#SPENT} entry and closes the commitment.
     *
     * @param actualAmount what was really spent, in the budget's currency; null spends exactly the committed amount
     * @return the new spend entry
     * @throws Refused {@link Refused.Reason#ENTRY_NOT_FOUND}; {@link Refused.Reason#INVALID_INPUT} naming {@code amount}
     *                 or {@code currency}; {@link Refused.Reason#NOT_A_COMMITMENT} for a spend entry;
     *                 {@link Refused.Reason#ALREADY_SPENT} when the commitment was turned into spend before (also by a
     *                 request at the same moment)
     */
    BudgetEntry spend(String commitmentId, Money actualAmount);

    /**
     * Why the budget module refused a call. Each reason has one {@link Refusal.Kind}, what the REST edge answers it as.
     *
     * @since 2.1.0
     */
    final class Refused extends Refusal {
        private static final long serialVersionUID = 1L;

        public enum Reason implements Refusal.Reason {
            /** No such budget for the caller: none, deleted, of another agency or of a customer the caller may not see. */
            @As(Kind.NOT_FOUND) BUDGET_NOT_FOUND,
            /** No such budget entry for the caller. */
            @As(Kind.NOT_FOUND) ENTRY_NOT_FOUND,
            /** Input fields are invalid; {@link #fields()} names each. */
            @As(Kind.INVALID) INVALID_INPUT,
            /** The entry to turn into spend is itself spend. */
            @As(Kind.CONFLICT) NOT_A_COMMITMENT,
            /** The commitment was already turned into spend. */
            @As(Kind.CONFLICT) ALREADY_SPENT
        }

        public Refused(Reason reason, String message, List<Field> fields) {
            super(reason, message, fields);
        }

        /** {@link Reason#INVALID_INPUT} naming these fields. */
        public static Refused invalid(List<Field> fields) {
            return invalid(Refused::new, Reason.INVALID_INPUT, fields);
        }

        @Override
        public Reason reason() {
            return (Reason) super.reason();
        }
    }
}
