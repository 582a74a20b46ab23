package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsAreDecimalStringsWithAtMostTwoDecimals() {
        FieldErrors errors = new FieldErrors();
        assertEquals(new BigDecimal("1250.00"), Money.positive("amount", "1250.00", errors));
        assertEquals(new BigDecimal("1250.50"), Money.positive("amount", "1250.5", errors));
        assertEquals(new BigDecimal("7.00"), Money.positive("amount", " 7 ", errors));
        assertTrue(errors.isEmpty());
        for (String bad : new String[] {"0", "0.00", "-5", "1.234", "1e3", "NaN", "12,50", "", "abc", "999999999999.00", "1."}) {
            FieldErrors e = new FieldErrors();
            assertNull(Money.positive("amount", bad, e), bad);
            assertEquals("amount", e.list().get(0).field(), bad);
        }
    }

    @Test
    void sumsAreExact() {
        // 0.1 + 0.2 is exactly 0.30, never 0.30000000000000004
        assertEquals("0.30", Money.format(Money.sum(List.of(new BigDecimal("0.10"), new BigDecimal("0.20")))));
        List<BigDecimal> many = java.util.Collections.nCopies(1000, new BigDecimal("0.01"));
        assertEquals("10.00", Money.format(Money.sum(many)));
        assertEquals("0.00", Money.format(Money.sum(List.of())));
        assertEquals("199999999999.98", Money.format(Money.sum(List.of(new BigDecimal("99999999999.99"), new BigDecimal("99999999999.99")))));
    }

    @Test
    void lineAmountsRoundHalfUpToCents() {
        assertEquals("3.33", Money.format(Money.times(new BigDecimal("1"), new BigDecimal("3.33"))));
        assertEquals("0.01", Money.format(Money.times(new BigDecimal("0.333"), new BigDecimal("0.03")))); // 0.00999
        assertEquals("0.03", Money.format(Money.times(new BigDecimal("0.5"), new BigDecimal("0.05")))); // 0.025 -> up
        assertEquals("2500.00", Money.format(Money.times(new BigDecimal("2"), new BigDecimal("1250.00"))));
    }

    @Test
    void quantitiesArePositiveWithAtMostThreeDecimals() {
        FieldErrors errors = new FieldErrors();
        assertEquals(new BigDecimal("1.5"), Money.quantity("q", new BigDecimal("1.5"), errors));
        assertEquals(new BigDecimal("2.000"), Money.quantity("q", new BigDecimal("2.000"), errors));
        assertTrue(errors.isEmpty());
        for (String bad : new String[] {"0", "-1", "1.2345", "1E+309", "10000000"}) {
            FieldErrors e = new FieldErrors();
            assertNull(Money.quantity("q", new BigDecimal(bad), e), bad);
            assertEquals("q", e.list().get(0).field());
        }
        assertEquals("100", Money.plain(new BigDecimal("100.000")).toString());
    }

    @Test
    void currenciesAreIso4217() {
        FieldErrors errors = new FieldErrors();
        assertEquals("BRL", Money.currency("currency", "BRL", errors));
        assertEquals("EUR", Money.currency("currency", "EUR", errors));
        assertTrue(errors.isEmpty());
        for (String bad : new String[] {"brl", "XYZ", "EURO", "", "12"}) {
            FieldErrors e = new FieldErrors();
            assertNull(Money.currency("currency", bad, e), bad);
        }
    }
}
