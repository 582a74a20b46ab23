package io.clientele.budget.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.budget.api.BudgetBalance;
import io.clientele.budget.api.BudgetEntry;
import io.clientele.budget.api.BudgetState;
import io.clientele.budget.api.EntryKind;
import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetMathTest {

    private static final BigDecimal DEFAULT = BudgetMath.DEFAULT_WARNING_THRESHOLD;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static BudgetBalance balance(String amount, String committed, String spent, BigDecimal threshold) {
        return BudgetMath.balance("b", Money.brl(amount), Money.brl(committed), Money.brl(spent), threshold);
    }

    @ParameterizedTest(name = "{0} used of 100.00 -> {1}")
    @CsvSource({"79.99, 79.99, OK", "80.00, 80.00, WARNING", "100.00, 100.00, WARNING", "100.01, 100.01, OVERSPENT", "0.00, 0.00, OK"})
    void thresholdBoundaries(String used, String percent, BudgetState state) {
        BudgetBalance b = balance("100.00", "0", used, DEFAULT);
        assertEquals(d(percent), b.percentUsed());
        assertEquals(state, b.state());
    }

    @Test
    void committedAndSpentBothCount() {
        BudgetBalance b = balance("1000.00", "300.00", "500.00", DEFAULT);
        assertEquals(d("300.00"), b.committed().amount());
        assertEquals(d("500.00"), b.spent().amount());
        assertEquals(d("200.00"), b.remaining().amount());
        assertEquals(d("80.00"), b.percentUsed());
        assertEquals(BudgetState.WARNING, b.state());
    }

    @Test
    void zeroEntriesLeaveTheWholeAmount() {
        BudgetBalance b = balance("1250.00", "0", "0", DEFAULT);
        assertEquals(d("0.00"), b.committed().amount());
        assertEquals(d("0.00"), b.spent().amount());
        assertEquals(d("1250.00"), b.remaining().amount());
        assertEquals(d("0.00"), b.percentUsed());
        assertEquals(BudgetState.OK, b.state());
    }

    @Test
    void overspendingMakesRemainingNegative() {
        BudgetBalance b = balance("100.00", "20.00", "90.50", DEFAULT);
        assertEquals(d("-10.50"), b.remaining().amount());
        assertEquals(d("110.50"), b.percentUsed());
        assertEquals(BudgetState.OVERSPENT, b.state());
    }

    @Test
    void percentIsRoundedHalfUpButStateUsesExactValues() {
        // 2 / 3 = 66.666…% -> 66.67
        assertEquals(d("66.67"), balance("3.00", "0", "2.00", DEFAULT).percentUsed());
        // 1 / 8 = 12.5% exactly; 0.01 / 0.08 … ; 1/200 = 0.5%; 1/400 = 0.25%; 0.01/3 = 0.3333 -> 0.33
        assertEquals(d("0.33"), balance("3.00", "0", "0.01", DEFAULT).percentUsed());
        // 0.005% rounds up: 0.01 of 200.00 = 0.005% -> 0.01
        assertEquals(d("0.01"), balance("200.00", "0", "0.01", DEFAULT).percentUsed());
        // 100.004% shows as 100.00 but is over the amount: OVERSPENT
        BudgetBalance over = balance("250000.00", "0", "250000.01", DEFAULT);
        assertEquals(d("100.00"), over.percentUsed());
        assertEquals(BudgetState.OVERSPENT, over.state());
        // 79.996% shows as 80.00 but is below the threshold: OK
        BudgetBalance below = balance("25000.00", "0", "19999.00", DEFAULT);
        assertEquals(d("80.00"), below.percentUsed());
        assertEquals(BudgetState.OK, below.state());
    }

    @Test
    void thresholdIsConfigurable() {
        assertEquals(BudgetState.OK, balance("100.00", "0", "80.00", d("90.00")).state());
        assertEquals(BudgetState.WARNING, balance("100.00", "0", "90.00", d("90.00")).state());
        assertEquals(BudgetState.WARNING, balance("100.00", "0", "50.00", d("50.00")).state());
        assertEquals(BudgetState.WARNING, balance("100.00", "0", "100.00", d("100.00")).state());
        assertEquals(BudgetState.OK, balance("100.00", "0", "99.99", d("100.00")).state());
    }

    @Test
    void sumsCountOnlyOpenCommitmentsAndAllSpend() {
        List<BudgetEntry> entries = List.of(
                entry(EntryKind.COMMITTED, "100.00", true),
                entry(EntryKind.COMMITTED, "40.00", false), // turned into spend: counted as its spend entry
                entry(EntryKind.SPENT, "35.50", false),
                entry(EntryKind.SPENT, "0.01", false));
        Money[] sums = BudgetStore.sums(entries, Money.BRL);
        assertEquals(Money.brl("100.00"), sums[0]);
        assertEquals(Money.brl("35.51"), sums[1]);
        Money[] none = BudgetStore.sums(List.of(), Money.BRL);
        assertEquals(Money.brl("0.00"), none[0]);
        assertEquals(Money.brl("0.00"), none[1]);
    }

    private static BudgetEntry entry(EntryKind kind, String amount, boolean open) {
        return new BudgetEntry("e", "b", kind, Money.brl(amount), null, null, open, null, null, null);
    }
}
