package io.clientele.budget.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.FieldErrors;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The module's input rules besides money (money is the platform's Money, tested there). */
class BudgetInputTest {

    @Test
    void datesAreYearMonthDay() {
        FieldErrors errors = new FieldErrors();
        assertEquals(LocalDate.of(2026, 2, 28), Dates.date(errors, "startDate", "2026-02-28", true));
        assertNull(Dates.date(errors, "from", null, false));
        assertTrue(errors.isEmpty());
        for (String bad : new String[] {"2026-13-45", "2026-02-30", "26-01-01", "2026-1-1", "2026-01-01T00:00:00Z"}) {
            FieldErrors e = new FieldErrors();
            assertNull(Dates.date(e, "startDate", bad, true), bad);
            assertEquals("startDate", e.list().get(0).field());
        }
        FieldErrors missing = new FieldErrors();
        Dates.date(missing, "endDate", " ", true);
        assertEquals("endDate", missing.list().get(0).field());
    }

    @Test
    void amountsFollowTheBudgetsCurrency() {
        FieldErrors errors = new FieldErrors();
        assertEquals(io.clientele.platform.api.money.Money.of("1000", "JPY"),
                BudgetStore.validate(errors, "Launch", "1000", "JPY", "2026-05-01", "2026-05-01").amount());
        assertTrue(errors.isEmpty());
        FieldErrors both = new FieldErrors();
        BudgetStore.validate(both, "Launch", "10.123", "ABC", "2026-05-01", "2026-05-01");
        assertEquals(java.util.List.of("currency", "amount"), both.list().stream().map(e -> e.field()).toList());
    }

    @Test
    void endBeforeStartNamesEndDate() {
        FieldErrors errors = new FieldErrors();
        BudgetStore.validate(errors, "Launch", "10.00", "BRL", "2026-05-01", "2026-04-30");
        assertEquals(1, errors.list().size());
        assertEquals("endDate", errors.list().get(0).field());
        FieldErrors sameDay = new FieldErrors();
        BudgetStore.validate(sameDay, "Launch", "10.00", "BRL", "2026-05-01", "2026-05-01");
        assertTrue(sameDay.isEmpty());
    }

    @Test
    void controlCharactersAreRefusedInCampaigns() {
        FieldErrors errors = new FieldErrors();
        BudgetStore.validate(errors, "Lau\u0000nch", "10.00", "BRL", "2026-05-01", "2026-05-01");
        assertEquals("campaign", errors.list().get(0).field());
        assertTrue(BudgetStore.hasControl("a\nb", false));
        assertTrue(!BudgetStore.hasControl("a\nb\tc", true));
        assertTrue(BudgetStore.hasControl("a\u0000b", true));
    }
}
