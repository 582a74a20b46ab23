package io.clientele.budget.api;

import java.math.BigDecimal;

/**
 * Where a budget stands. {@code committed} is the sum of open commitments, {@code spent} the sum of spend,
 * {@code remaining = amount - committed - spent} (negative when overdrawn), {@code percentUsed =
 * (committed + spent) / amount * 100} rounded HALF_UP to 2 decimals.
 */
public record BudgetBalance(String budgetId, String currency, BigDecimal amount, BigDecimal committed, BigDecimal spent,
                            BigDecimal remaining, BigDecimal percentUsed, BudgetState state) {
}
