package io.clientele.budget.api;

/**
 * The budget module's events.
 *
 * <p>Topics of the events this module posts through {@link io.clientele.platform.api.event.DomainEvents}: after the
 * change's transaction commits, never for one that rolled back; every event also carries {@code agencyId},
 * {@code actorId} and {@code at}. Subscribe with an OSGi {@code EventHandler} ({@code event.topics}
 * {@link #ALL}, or one topic), or name them in an integration's list of events.
 */
public final class BudgetEvents {

    /** Every event of the budget module. */
    public static final String ALL = "clientele/budget/*";

    /** {@code budgetId}, {@code customerId}. */
    public static final String BUDGET_CREATED = "clientele/budget/budget/CREATED";

    /** {@code budgetId}, {@code customerId}. */
    public static final String BUDGET_UPDATED = "clientele/budget/budget/UPDATED";

    /** {@code budgetId}, {@code customerId}. */
    public static final String BUDGET_DELETED = "clientele/budget/budget/DELETED";

    /** An entry was added to a budget (spent or committed, by hand or by another module such as iJob); {@code entryId},
     * {@code budgetId}, {@code customerId}, {@code kind}, {@code amount}, {@code currency}, and {@code jobId} when a job caused it. */
    public static final String ENTRY_CREATED = "clientele/budget/entry/CREATED";

    private BudgetEvents() {
    }
}
