package io.clientele.budget.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void amountsAreExactDecimalsOfScaleTwo() {
        FieldErrors errors = new FieldErrors();
        assertEquals(new BigDecimal("1250.00"), Money.amount(errors, "amount", "1250"));
        assertEquals(new BigDecimal("0.10"), Money.amount(errors, "amount", "0.1"));
        assertEquals(new BigDecimal("0.01"), Money.amount(errors, "amount", " 0.01 "));
        assertEquals(new BigDecimal("100.00"), Money.amount(errors, "amount", new BigDecimal("1E+2")));
        assertTrue(errors.isEmpty());
        assertEquals("1250.00", Money.format(new BigDecimal("1250")));
        assertEquals("-10.50", Money.format(new BigDecimal("-10.5")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-5", "1.234", "1e3", "NaN", "abc", "1,00", "", " ", "99999999999999999999", ".5", "5."})
    void badAmountsAreFieldErrors(String value) {
        FieldErrors errors = new FieldErrors();
        assertNull(Money.amount(errors, "amount", value));
        assertEquals("amount", errors.list().get(0).field());
    }

    @Test
    void currenciesAreIso4217() {
        FieldErrors errors = new FieldErrors();
        assertEquals("BRL", Money.currency(errors, "currency", "BRL"));
        assertEquals("EUR", Money.currency(errors, "currency", " EUR "));
        assertTrue(errors.isEmpty());
        for (String bad : new String[] {"brl", "XYZ", "EURO", "", "12A"}) {
            FieldErrors e = new FieldErrors();
            assertNull(Money.currency(e, "currency", bad), bad);
            assertEquals("currency", e.list().get(0).field());
        }
    }

    @Test
    void datesAreYearMonthDay() {
        FieldErrors errors = new FieldErrors();
        assertEquals(LocalDate.of(2026, 2, 28), Money.date(errors, "startDate", "2026-02-28", true));
        assertNull(Money.date(errors, "from", null, false));
        assertTrue(errors.isEmpty());
        for (String bad : new String[] {"2026-13-45", "2026-02-30", "26-01-01", "2026-1-1", "2026-01-01T00:00:00Z"}) {
            FieldErrors e = new FieldErrors();
            assertNull(Money.date(e, "startDate", bad, true), bad);
            assertEquals("startDate", e.list().get(0).field());
        }
        FieldErrors missing = new FieldErrors();
        Money.date(missing, "endDate", " ", true);
        assertEquals("endDate", missing.list().get(0).field());
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
