package io.clientele.budget.impl.internal;

import io.clientele.budget.api.BudgetBalance;
import io.clientele.budget.api.BudgetState;
import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The arithmetic of a budget's balance, in exact decimals. */
final class BudgetMath {

    static final BigDecimal DEFAULT_WARNING_THRESHOLD = new BigDecimal("80.00");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private BudgetMath() {
    }

    /**
     * The balance of a budget of {@code amount} with these open commitments and spend. The state compares exact
     * values: WARNING when {@code (committed + spent) / amount * 100 >= threshold}, OVERSPENT when
     * {@code committed + spent > amount}; the shown {@code percentUsed} is rounded HALF_UP to 2 decimals.
     */
    static BudgetBalance balance(String budgetId, Money amount, Money committed, Money spent, BigDecimal warningThresholdPercent) {
        Money c = committed == null ? Money.zero(amount.currency()) : committed;
        Money s = spent == null ? Money.zero(amount.currency()) : spent;
        Money used = c.plus(s);
        Money remaining = amount.minus(used);
        BigDecimal a = amount.amount();
        BigDecimal percent = a.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                : used.amount().multiply(HUNDRED).divide(a, 2, RoundingMode.HALF_UP);
        return new BudgetBalance(budgetId, amount, c, s, remaining, percent, state(a, used.amount(), warningThresholdPercent));
    }

    static BudgetState state(BigDecimal amount, BigDecimal used, BigDecimal warningThresholdPercent) {
        if (used.compareTo(amount) > 0) {
            return BudgetState.OVERSPENT;
        }
        BigDecimal threshold = warningThresholdPercent == null ? DEFAULT_WARNING_THRESHOLD : warningThresholdPercent;
        // used / amount * 100 >= threshold  <=>  used * 100 >= threshold * amount (no rounding involved)
        if (used.multiply(HUNDRED).compareTo(threshold.multiply(amount)) >= 0) {
            return BudgetState.WARNING;
        }
        return BudgetState.OK;
    }
}
