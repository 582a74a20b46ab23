package io.clientele.platform.api.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    private static final Currency BRL = Money.BRL;
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    @Test
    void amountsAreAtTheCurrencysScale() {
        assertEquals("1250.00", Money.of(new BigDecimal("1250"), BRL).toPlainString());
        assertEquals("0.10", Money.of("0.1", "BRL").toPlainString());
        assertEquals("100.00", Money.of(new BigDecimal("1E+2"), BRL).toPlainString());
        assertEquals("1000", Money.of("1000.00", "JPY").toPlainString());
        assertEquals(2, Money.brl("7").amount().scale());
        assertEquals(Money.brl("7"), Money.brl("7.000"));
        assertEquals(Money.brl("7").hashCode(), Money.brl("7.0").hashCode());
        assertNotEquals(Money.brl("7"), Money.of("7", "USD"));
        assertEquals("1250.00 BRL", Money.brl("1250").toString());
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.234", "BRL"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.5", "JPY"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1", "XAU"));
        assertEquals(BRL, Money.DEFAULT_CURRENCY);
    }

    @Test
    void roundingIsHalfUpToTheMinorUnit() {
        assertEquals(Money.brl("0.03"), Money.rounded(new BigDecimal("0.025"), BRL));
        assertEquals(Money.brl("0.02"), Money.rounded(new BigDecimal("0.0249"), BRL));
        assertEquals(Money.brl("-0.03"), Money.rounded(new BigDecimal("-0.025"), BRL));
        assertEquals(Money.of("3", "JPY"), Money.rounded(new BigDecimal("2.5"), JPY));
        assertEquals(Money.brl("0.03"), Money.brl("0.05").times(new BigDecimal("0.5")));
        assertEquals(Money.brl("0.01"), Money.brl("0.03").times(new BigDecimal("0.333"))); // 0.00999
        assertEquals(Money.brl("2500.00"), Money.brl("1250.00").times(new BigDecimal("2")));
    }

    @Test
    void arithmeticIsExact() {
        assertEquals(Money.brl("0.30"), Money.brl("0.10").plus(Money.brl("0.20")));
        assertEquals(Money.brl("10.00"), Money.sum(BRL, Collections.nCopies(1000, Money.brl("0.01"))));
        assertEquals(Money.brl("0.00"), Money.sum(BRL, List.of()));
        assertEquals(Money.brl("-5.50"), Money.brl("10").minus(Money.brl("15.50")));
        assertEquals(Money.brl("5.50"), Money.brl("-5.50").negate());
        assertTrue(Money.brl("-1").isNegative() && Money.brl("0").isZero() && Money.brl("0.01").isPositive());
        assertTrue(Money.brl("2").isGreaterThan(Money.brl("1.99")));
        assertTrue(Money.brl("1.99").isLessThan(Money.brl("2")));
        assertEquals(0, Money.brl("2").compareTo(Money.brl("2.00")));
    }

    @Test
    void currenciesAreNeverMixed() {
        Money reais = Money.brl("10.00");
        Money dollars = Money.of("10.00", "USD");
        assertThrows(CurrencyMismatchException.class, () -> reais.plus(dollars));
        assertThrows(CurrencyMismatchException.class, () -> reais.minus(dollars));
        assertThrows(CurrencyMismatchException.class, () -> reais.compareTo(dollars));
        assertThrows(CurrencyMismatchException.class, () -> Money.sum(BRL, List.of(reais, dollars)));
        assertThrows(CurrencyMismatchException.class, () -> Money.sum(USD, List.of(reais)));
    }

    @Test
    void inputIsADecimalStringAtTheCurrencysScale() {
        FieldErrors errors = new FieldErrors();
        assertEquals(Money.brl("1250.00"), Money.parse(errors, "amount", "1250", BRL));
        assertEquals(Money.brl("1250.50"), Money.parse(errors, "amount", "1250.5", BRL));
        assertEquals(Money.brl("0.01"), Money.parse(errors, "amount", " 0.01 ", BRL));
        assertEquals(Money.brl("99999999999.99"), Money.parse(errors, "amount", "99999999999.99", BRL));
        assertEquals(Money.of("1000", "JPY"), Money.parse(errors, "amount", "1000", JPY));
        assertEquals(Money.brl("0"), Money.parse(errors, "amount", "0", BRL, Money.Sign.NOT_NEGATIVE));
        assertEquals(Money.brl("-3.5"), Money.parse(errors, "amount", "-3.5", BRL, Money.Sign.ANY));
        assertNull(Money.parseOptional(errors, "estimatedCost", " ", BRL));
        assertNull(Money.parseOptional(errors, "estimatedCost", null, BRL));
        assertTrue(errors.isEmpty(), errors.list().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-5", "1.234", "1e3", "NaN", "abc", "1,00", "12,50", "", " ", "99999999999999999999",
        "999999999999.00", "100000000000", ".5", "5.", "+5", "1 000", "Infinity", "0x10", "R$ 10"})
    void badAmountsAreErrorsNamingTheField(String value) {
        FieldErrors errors = new FieldErrors();
        assertNull(Money.parse(errors, "lines[2].unitPrice", value, BRL));
        assertEquals(1, errors.list().size());
        assertEquals("lines[2].unitPrice", errors.list().get(0).field());
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertEquals("is required", message(null, BRL, Money.Sign.POSITIVE));
        assertEquals("must be greater than 0", message("-5", BRL, Money.Sign.POSITIVE));
        assertEquals("must be greater than 0", message("0.00", BRL, Money.Sign.POSITIVE));
        assertEquals("must not be negative", message("-0.01", BRL, Money.Sign.NOT_NEGATIVE));
        assertEquals("must have at most 2 decimals in BRL", message("1.234", BRL, Money.Sign.POSITIVE));
        assertEquals("must have no decimals in JPY", message("10.5", JPY, Money.Sign.POSITIVE));
        assertEquals("must have at most 2 decimals", message("10.123", null, Money.Sign.POSITIVE));
        assertEquals("must be below 100000000000", message("100000000000", BRL, Money.Sign.POSITIVE));
        assertTrue(message("1e3", BRL, Money.Sign.POSITIVE).startsWith("must be a decimal string such as \"1250.00\""));
    }

    @Test
    void withoutAValidCurrencyTheAmountIsStillChecked() {
        FieldErrors errors = new FieldErrors();
        assertNull(Money.parse(errors, "amount", "10.00", null));
        assertTrue(errors.isEmpty());
        assertNull(Money.parse(errors, "amount", "10.123", null));
        assertEquals("amount", errors.list().get(0).field());
    }

    @Test
    void throwingParseIsA400NamingTheField() {
        ProblemException e = assertThrows(ProblemException.class, () -> Money.parse("amount", "1,00", BRL));
        assertEquals(400, e.status());
        assertEquals("amount", e.errors().get(0).field());
        assertEquals(Money.brl("1.00"), Money.parse("amount", "1.00", BRL));
    }

    @Test
    void amountsFromJavaCallersFollowTheSameRule() {
        FieldErrors errors = new FieldErrors();
        assertEquals(Money.brl("5"), Money.check(errors, "amount", Money.brl("5"), Money.Sign.POSITIVE, BRL, "currency"));
        assertTrue(errors.isEmpty());
        assertNull(Money.check(errors, "amount", null, Money.Sign.POSITIVE, BRL, "currency"));
        assertNull(Money.check(errors, "amount", Money.brl("0"), Money.Sign.POSITIVE, BRL, "currency"));
        assertNull(Money.check(errors, "amount", Money.brl("100000000000"), Money.Sign.POSITIVE, null, "currency"));
        assertNull(Money.check(errors, "amount", Money.of("5", "USD"), Money.Sign.POSITIVE, BRL, "currency"));
        assertEquals(List.of("amount", "amount", "amount", "currency"), errors.list().stream().map(f -> f.field()).toList());
    }

    @Test
    void currenciesAreIso4217WithAtMostTwoMinorUnits() {
        FieldErrors errors = new FieldErrors();
        assertEquals(BRL, Money.currency(errors, "currency", "BRL"));
        assertEquals(Currency.getInstance("EUR"), Money.currency(errors, "currency", " EUR "));
        assertEquals(JPY, Money.currency(errors, "currency", "JPY"));
        assertTrue(errors.isEmpty());
        for (String bad : new String[] {"brl", "XYZ", "EURO", "", "12A", "XAU", "XXX", "KWD", "BHD", null}) {
            FieldErrors e = new FieldErrors();
            assertNull(Money.currency(e, "currency", bad), bad);
            assertEquals("currency", e.list().get(0).field(), bad);
        }
    }

    @Test
    void formattingForPeople() {
        assertEquals("R$ 1.234,50", Money.brl("1234.5").format(PT_BR));
        assertEquals("-R$ 1.234,50", Money.brl("-1234.50").format(PT_BR));
        assertEquals("R$ 0,05", Money.brl("0.05").format(PT_BR));
        assertEquals("R$ 1.234.567,00", Money.brl("1234567").format(PT_BR));
        assertEquals("US$ 10,00", Money.of("10", "USD").format(PT_BR));
        assertEquals("R$1,234.50", Money.brl("1234.5").format(Locale.ENGLISH));
        assertEquals("$1,234.50", Money.of("1234.5", "USD").format(Locale.US));
        assertEquals("€1,234.50", Money.of("1234.5", "EUR").format(Locale.ENGLISH));
        assertEquals("¥1,234", Money.of("1234", "JPY").format(Locale.ENGLISH));
        assertEquals("JP¥ 1.234", Money.of("1234", "JPY").format(PT_BR));
    }

    private static String message(String text, Currency currency, Money.Sign sign) {
        FieldErrors errors = new FieldErrors();
        assertNull(Money.parse(errors, "amount", text, currency, sign));
        return errors.list().get(0).message();
    }
}
