package io.clientele.monthlyfee.impl.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Which months a fee bills and when each is due: one entry per calendar month from the start date's month to
 * the end date's month (open-ended fees: up to a horizon), due on the payment day, or on the month's last day
 * when the month is shorter (payment day 31 falls on 30 April, 28 or 29 February).
 */
final class EntrySchedule {

    /** How far ahead entries of open-ended fees exist: the generator keeps extending them. */
    static final int HORIZON_MONTHS = 12;

    private EntrySchedule() {
    }

    record PlannedEntry(YearMonth month, LocalDate dueDate) {
    }

    /** The due date of a month's entry: the payment day clamped to the month's length. */
    static LocalDate dueDate(YearMonth month, int paymentDay) {
        if (paymentDay < 1 || paymentDay > 31) {
            throw new IllegalArgumentException("payment day must be 1-31: " + paymentDay);
        }
        return month.atDay(Math.min(paymentDay, month.lengthOfMonth()));
    }

    /** The last month entries are generated for as of {@code today}: a horizon past today, or past the start if later. */
    static YearMonth horizon(LocalDate start, LocalDate today) {
        YearMonth from = YearMonth.from(today);
        YearMonth first = YearMonth.from(start);
        return (first.isAfter(from) ? first : from).plusMonths(HORIZON_MONTHS);
    }

    /** Whether a month belongs to the fee's period (start month to end month, inclusive). */
    static boolean inPeriod(YearMonth month, LocalDate start, LocalDate end) {
        return !month.isBefore(YearMonth.from(start)) && (end == null || !month.isAfter(YearMonth.from(end)));
    }

    /** The entries of a fee's period that exist by {@code horizon}, in month order. */
    static List<PlannedEntry> plan(LocalDate start, LocalDate end, int paymentDay, YearMonth horizon) {
        YearMonth last = YearMonth.from(end == null ? horizon.atEndOfMonth() : end);
        if (last.isAfter(horizon)) {
            last = horizon;
        }
        List<PlannedEntry> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(new PlannedEntry(m, dueDate(m, paymentDay)));
        }
        return out;
    }
}
