package io.clientele.budget.api;

import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * Where a budget stands, every amount in the budget's currency. {@code committed} is the sum of open commitments,
 * {@code spent} the sum of spend, {@code remaining = amount - committed - spent} (negative when overdrawn),
 * {@code percentUsed = (committed + spent) / amount * 100} rounded HALF_UP to 2 decimals (a percentage, not money).
 */
public record BudgetBalance(String budgetId, Money amount, Money committed, Money spent, Money remaining, BigDecimal percentUsed,
                            BudgetState state) {

    /** The budget's currency. */
    public Currency currency() {
        return amount.currency();
    }
}
