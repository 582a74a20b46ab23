package io.clientele.ijob.api.budget;

import io.clientele.platform.api.money.Money;
import java.util.Currency;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The budget module as jobs use it: registered while the budget module is installed. Every method runs in the
 * caller's request context and transaction.
 */
@ProviderType
public interface JobBudgetPort {

    /** The budget a job draws on, as the job shows it: its amount and what remains of it, in the budget's currency. */
    record Standing(String id, Money amount, Money remaining) {

        /** The budget's currency: a job's cost is committed in it. */
        public Currency currency() {
            return amount.currency();
        }
    }

    /** Whether the caller's agency subscribes to the budget module (budgets are used only then). */
    boolean enabledForCaller();

    /** Why a job of {@code customerId} cannot draw on {@code budgetId} (none visible, or another customer's); empty when it can. */
    Optional<String> problemWith(String budgetId, String customerId);

    /**
     * Commits {@code amount} (in the budget's currency) of the budget for the job; returns the commitment's id. Check
     * {@link #problemWith} first: what the budget module refuses then passes as its
     * {@link io.clientele.platform.api.domain.Refusal}, which the REST edge answers as that module words it.
     */
    String commit(String budgetId, Money amount, String jobId, String jobTitle);

    /** The budget with its standing, if it exists for the caller. */
    Optional<Standing> standing(String budgetId);
}
