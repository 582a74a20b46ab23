package io.clientele.budget.api;

/** How far a budget is used: below the agency's warning threshold, at or above it, or above 100 %. */
public enum BudgetState {
    OK, WARNING, OVERSPENT
}
