package io.clientele.budget.impl.internal;

import io.clientele.budget.api.BudgetBalance;
import io.clientele.budget.api.BudgetState;
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
    static BudgetBalance balance(String budgetId, String currency, BigDecimal amount, BigDecimal committed, BigDecimal spent,
                                 BigDecimal warningThresholdPercent) {
        BigDecimal c = scale(committed);
        BigDecimal s = scale(spent);
        BigDecimal a = scale(amount);
        BigDecimal used = c.add(s);
        BigDecimal remaining = a.subtract(used);
        BigDecimal percent = a.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                : used.multiply(HUNDRED).divide(a, 2, RoundingMode.HALF_UP);
        return new BudgetBalance(budgetId, currency, a, c, s, remaining, percent, state(a, used, warningThresholdPercent));
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

    private static BigDecimal scale(BigDecimal v) {
        return (v == null ? BigDecimal.ZERO : v).setScale(2, RoundingMode.HALF_UP);
    }
}
