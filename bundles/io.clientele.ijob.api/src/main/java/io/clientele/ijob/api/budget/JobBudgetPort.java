package io.clientele.ijob.api.budget;

import java.math.BigDecimal;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The budget module as jobs use it: registered while the budget module is installed. Every method runs in the
 * caller's request context and transaction.
 */
@ProviderType
public interface JobBudgetPort {

    /** The budget a job draws on, as the job shows it: money as decimal strings in the budget's currency. */
    record Standing(String id, String currency, String amount, String remaining, String committedForJob) {
    }

    /** Whether the caller's agency subscribes to the budget module (budgets are used only then). */
    boolean enabledForCaller();

    /** Why a job of {@code customerId} cannot draw on {@code budgetId} (none visible, or another customer's); empty when it can. */
    Optional<String> problemWith(String budgetId, String customerId);

    /** Commits {@code amount} of the budget for the job; returns the commitment's id. */
    String commit(String budgetId, BigDecimal amount, String jobId, String jobTitle);

    /** The budget with its standing, if it exists for the caller; {@code committedForJob} null when nothing was committed. */
    Optional<Standing> standing(String budgetId, BigDecimal committedForJob);
}
