package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.monthlyfee.impl.internal.EntrySchedule.PlannedEntry;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryScheduleTest {

    @Test
    void paymentDay31FallsOnTheLastDayOfShorterMonths() {
        List<PlannedEntry> plan = EntrySchedule.plan(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 31, YearMonth.of(2030, 1));
        assertEquals(12, plan.size());
        assertEquals(LocalDate.of(2026, 1, 31), plan.get(0).dueDate());
        assertEquals(LocalDate.of(2026, 2, 28), plan.get(1).dueDate());
        assertEquals(LocalDate.of(2026, 4, 30), plan.get(3).dueDate());
        assertEquals(LocalDate.of(2026, 12, 31), plan.get(11).dueDate());
    }

    @Test
    void leapYearFebruaryHas29Days() {
        assertEquals(LocalDate.of(2028, 2, 29), EntrySchedule.dueDate(YearMonth.of(2028, 2), 31));
        assertEquals(LocalDate.of(2028, 2, 29), EntrySchedule.dueDate(YearMonth.of(2028, 2), 30));
        assertEquals(LocalDate.of(2100, 2, 28), EntrySchedule.dueDate(YearMonth.of(2100, 2), 29)); // 2100 is no leap year
        assertEquals(LocalDate.of(2000, 2, 29), EntrySchedule.dueDate(YearMonth.of(2000, 2), 29)); // 2000 is
        assertEquals(LocalDate.of(2027, 2, 28), EntrySchedule.dueDate(YearMonth.of(2027, 2), 29));
    }

    @Test
    void paymentDaysThatExistEverywhereAreKept() {
        assertEquals(LocalDate.of(2026, 2, 1), EntrySchedule.dueDate(YearMonth.of(2026, 2), 1));
        assertEquals(LocalDate.of(2026, 2, 28), EntrySchedule.dueDate(YearMonth.of(2026, 2), 28));
        assertThrows(IllegalArgumentException.class, () -> EntrySchedule.dueDate(YearMonth.of(2026, 2), 0));
        assertThrows(IllegalArgumentException.class, () -> EntrySchedule.dueDate(YearMonth.of(2026, 2), 32));
    }

    @Test
    void oneEntryPerCalendarMonthOfThePeriodEvenWhenItStartsAndEndsMidMonth() {
        List<PlannedEntry> plan = EntrySchedule.plan(LocalDate.of(2026, 1, 20), LocalDate.of(2026, 3, 2), 10, YearMonth.of(2030, 1));
        assertEquals(List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3)),
                plan.stream().map(PlannedEntry::month).toList());
        List<PlannedEntry> single = EntrySchedule.plan(LocalDate.of(2026, 5, 5), LocalDate.of(2026, 5, 5), 5, YearMonth.of(2030, 1));
        assertEquals(1, single.size());
    }

    @Test
    void openEndedFeesRunUpToTheHorizonAndTheHorizonMovesWithTime() {
        LocalDate start = LocalDate.of(2026, 1, 15);
        YearMonth horizon = EntrySchedule.horizon(start, LocalDate.of(2026, 3, 10));
        assertEquals(YearMonth.of(2027, 3), horizon);
        List<PlannedEntry> plan = EntrySchedule.plan(start, null, 15, horizon);
        assertEquals(15, plan.size()); // Jan 2026 .. Mar 2027
        assertEquals(YearMonth.of(2027, 3), plan.get(plan.size() - 1).month());
        // a month later the generator adds exactly one more month
        List<PlannedEntry> later = EntrySchedule.plan(start, null, 15, EntrySchedule.horizon(start, LocalDate.of(2026, 4, 1)));
        assertEquals(16, later.size());
        assertEquals(plan, later.subList(0, 15));
    }

    @Test
    void aFeeStartingInTheFutureGetsAFullHorizonFromItsStart() {
        LocalDate start = LocalDate.of(2030, 6, 1);
        assertEquals(YearMonth.of(2031, 6), EntrySchedule.horizon(start, LocalDate.of(2026, 1, 1)));
    }

    @Test
    void aFixedTermFeeEndsAtItsEndDateNotAtTheHorizon() {
        List<PlannedEntry> plan = EntrySchedule.plan(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), 5, YearMonth.of(2027, 1));
        assertEquals(6, plan.size());
        List<PlannedEntry> cut = EntrySchedule.plan(LocalDate.of(2026, 1, 1), LocalDate.of(2040, 6, 30), 5, YearMonth.of(2026, 12));
        assertEquals(12, cut.size());
    }

    @Test
    void periodMembership() {
        LocalDate start = LocalDate.of(2026, 3, 31);
        LocalDate end = LocalDate.of(2026, 5, 1);
        assertFalse(EntrySchedule.inPeriod(YearMonth.of(2026, 2), start, end));
        assertTrue(EntrySchedule.inPeriod(YearMonth.of(2026, 3), start, end));
        assertTrue(EntrySchedule.inPeriod(YearMonth.of(2026, 5), start, end));
        assertFalse(EntrySchedule.inPeriod(YearMonth.of(2026, 6), start, end));
        assertTrue(EntrySchedule.inPeriod(YearMonth.of(2099, 6), start, null));
    }
}
