package io.clientele.platform.api.money;

import io.clientele.platform.api.rest.FieldErrors;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of money: an exact {@link BigDecimal} at its currency's ISO 4217 minor units (2 for BRL, USD and EUR, 0 for
 * JPY) beside that {@link Currency}. Immutable; nothing ever goes through a {@code double}.
 *
 * <ul>
 *   <li><b>Scale.</b> {@link #of(BigDecimal, Currency)} takes an amount that fits the currency exactly ({@code 7} BRL is
 *       {@code 7.00}; {@code 1.234} BRL is refused); {@link #rounded(BigDecimal, Currency)} and {@link #times(BigDecimal)}
 *       round HALF_UP to the minor unit (0.025 → 0.03), the only rounding there is.</li>
 *   <li><b>One currency.</b> {@link #plus}, {@link #minus}, {@link #compareTo} and {@link #sum} refuse to mix currencies
 *       with a {@link CurrencyMismatchException}.</li>
 *   <li><b>Input.</b> {@link #parse(FieldErrors, String, String, Currency, Sign)} is the one rule that reads an amount
 *       from API input, and {@link #currency(FieldErrors, String, String)} the one that reads a currency; a bad value
 *       becomes a field error naming the field (a 400 {@code validation_failed} on {@link FieldErrors#throwIfAny()}),
 *       never an exception.</li>
 *   <li><b>Output.</b> {@link #toPlainString()} is the API's decimal string ({@code "1250.00"}, JSON keeps it a string);
 *       {@link #format(Locale)} is for people: {@code "R$ 1.234,50"} in pt-BR, {@code "R$1,234.50"} in English.</li>
 * </ul>
 */
public final class Money implements Comparable<Money>, Serializable {

    private static final long serialVersionUID = 1L;

    /** The Brazilian real, the product's currency where one must be assumed. */
    public static final Currency BRL = Currency.getInstance("BRL");

    /** The currency the product assumes where none is given (an agency in Brazil). */
    public static final Currency DEFAULT_CURRENCY = BRL;

    /** Amounts read from input have at most this many integer digits (below 100,000,000,000): sums of them fit the columns. */
    public static final int MAX_INTEGER_DIGITS = 11;

    /** The most minor units a currency may have to be accepted from input: amounts are stored with 2 decimals. */
    public static final int MAX_MINOR_UNITS = 2;

    /** Which signs an input amount may have. */
    public enum Sign {
        /** greater than zero (prices, payments, budgets, fees) */
        POSITIVE,
        /** zero or more */
        NOT_NEGATIVE,
        /** any amount (e.g. an adjustment) */
        ANY
    }

    private static final Pattern DECIMAL = Pattern.compile("(-?)(\\d+)(?:\\.(\\d+))?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private final BigDecimal amount;
    private final Currency currency;

    private Money(BigDecimal amount, Currency currency) {
        this.amount = amount;
        this.currency = currency;
    }

    // ---------------------------------------------------------------- creation

    /**
     * The exact amount in {@code currency}, at the currency's scale.
     *
     * @throws IllegalArgumentException when the amount has more decimals than the currency's minor units allow (use
     *                                  {@link #rounded}), or the currency has no minor unit (gold, XXX)
     */
    public static Money of(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        int scale = scaleOf(currency);
        try {
            return new Money(amount.setScale(scale, RoundingMode.UNNECESSARY), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount.toPlainString() + " has more than " + scale + " decimals, the minor units of "
                    + currency.getCurrencyCode(), e);
        }
    }

    /** {@link #of(BigDecimal, Currency)} from a plain decimal and an ISO 4217 code, e.g. {@code Money.of("1250.00", "BRL")}. */
    public static Money of(String amount, String currencyCode) {
        return of(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    /** {@link #of(BigDecimal, Currency)} with an ISO 4217 code. */
    public static Money of(BigDecimal amount, String currencyCode) {
        return of(amount, Currency.getInstance(currencyCode));
    }

    /** The amount rounded HALF_UP to the currency's minor unit (0.025 BRL → 0.03, -0.025 → -0.03). */
    public static Money rounded(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        return new Money(amount.setScale(scaleOf(currency), RoundingMode.HALF_UP), currency);
    }

    /** Zero in {@code currency} ({@code 0.00} BRL). */
    public static Money zero(Currency currency) {
        return of(BigDecimal.ZERO, currency);
    }

    /** An amount in Brazilian reais, e.g. {@code Money.brl("1234.50")}. */
    public static Money brl(String amount) {
        return of(new BigDecimal(amount), BRL);
    }

    /** The sum of {@code amounts}, all in {@code currency}; zero for none. */
    public static Money sum(Currency currency, Iterable<Money> amounts) {
        Money total = zero(currency);
        for (Money m : amounts) {
            total = total.plus(m);
        }
        return total;
    }

    private static int scaleOf(Currency currency) {
        Objects.requireNonNull(currency, "currency");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " is not a currency of money (it has no minor unit)");
        }
        return digits;
    }

    // ---------------------------------------------------------------- access

    /** The exact amount, at the currency's scale (never in exponent notation when written with {@code toPlainString}). */
    public BigDecimal amount() {
        return amount;
    }

    public Currency currency() {
        return currency;
    }

    /** The ISO 4217 code, e.g. {@code "BRL"}. */
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public int signum() {
        return amount.signum();
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    // ---------------------------------------------------------------- arithmetic

    /** {@code this + other}; both in the same currency. */
    public Money plus(Money other) {
        requireSameCurrency(other, "add");
        return new Money(amount.add(other.amount), currency);
    }

    /** {@code this - other}; both in the same currency. */
    public Money minus(Money other) {
        requireSameCurrency(other, "subtract");
        return new Money(amount.subtract(other.amount), currency);
    }

    /** {@code this × factor} (a quantity, a rate), rounded HALF_UP to the minor unit. */
    public Money times(BigDecimal factor) {
        Objects.requireNonNull(factor, "factor");
        return rounded(amount.multiply(factor), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** Orders amounts of one currency; refuses to compare different currencies. */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other, "compare");
        return amount.compareTo(other.amount);
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    private void requireSameCurrency(Money other, String what) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException("cannot " + what + " " + other + " and " + this + ": different currencies");
        }
    }

    // ---------------------------------------------------------------- output

    /** The API's decimal string: plain, at the currency's scale ({@code "1250.00"}, {@code "-10.50"}, {@code "1000"} for JPY). */
    public String toPlainString() {
        return amount.toPlainString();
    }

    /**
     * For people (screens, e-mails, documents): the locale's grouping, decimal mark and currency symbol, at the currency's
     * scale. pt-BR: {@code "R$ 1.234,50"}, {@code "-R$ 1.234,50"}; English: {@code "R$1,234.50"}, {@code "$1,234.50"}.
     * The no-break spaces some locales put between symbol and number are written as plain spaces, so the text is the
     * same on every JDK and survives plain-text mail.
     */
    public String format(Locale locale) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        f.setCurrency(currency);
        f.setMinimumFractionDigits(amount.scale());
        f.setMaximumFractionDigits(amount.scale());
        f.setRoundingMode(RoundingMode.UNNECESSARY);
        return f.format(amount).replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    /** {@code "1250.00 BRL"}: for logs and messages, not for people (see {@link #format}). */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && amount.equals(m.amount) && currency.equals(m.currency);
    }

    @Override
    public int hashCode() {
        return amount.hashCode() * 31 + currency.hashCode();
    }

    // ---------------------------------------------------------------- input

    /**
     * The currency named by an ISO 4217 code in API input (surrounding spaces ignored, upper case only); null after
     * adding an error naming {@code field} when missing, malformed, unknown, without minor unit (XAU, XXX) or with more
     * than {@link #MAX_MINOR_UNITS} (KWD).
     */
    public static Currency currency(FieldErrors errors, String field, String code) {
        if (code == null || code.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        String c = code.trim();
        Currency currency = null;
        if (CODE.matcher(c).matches()) {
            try {
                currency = Currency.getInstance(c);
            } catch (IllegalArgumentException e) {
                // unknown: reported below
            }
        }
        if (currency == null) {
            errors.add(field, "must be an ISO 4217 currency code such as BRL, EUR or USD");
            return null;
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0 || digits > MAX_MINOR_UNITS) {
            errors.add(field, "is not supported: " + c + (digits < 0 ? " has no minor unit" : " has " + digits
                    + " decimals and amounts are kept with at most " + MAX_MINOR_UNITS));
            return null;
        }
        return currency;
    }

    /** A required, positive amount: {@link #parse(FieldErrors, String, String, Currency, Sign)} with {@link Sign#POSITIVE}. */
    public static Money parse(FieldErrors errors, String field, String text, Currency currency) {
        return parse(errors, field, text, currency, Sign.POSITIVE);
    }

    /** An optional positive amount: null without an error when {@code text} is absent or blank, else as {@link #parse}. */
    public static Money parseOptional(FieldErrors errors, String field, String text, Currency currency) {
        return text == null || text.isBlank() ? null : parse(errors, field, text, currency, Sign.POSITIVE);
    }

    /** A required, positive amount, or 400 {@code validation_failed} naming {@code field}. */
    public static Money parse(String field, String text, Currency currency) {
        FieldErrors errors = new FieldErrors();
        Money m = parse(errors, field, text, currency, Sign.POSITIVE);
        errors.throwIfAny();
        return m;
    }

    /**
     * The one rule for an amount in API input: a decimal string, surrounding spaces ignored, digits with an optional
     * leading {@code -} and an optional {@code .} followed by at most the currency's minor units of decimals
     * ({@code "1250"}, {@code "1250.5"}, {@code "1250.50"}); at most {@link #MAX_INTEGER_DIGITS} integer digits; the sign
     * {@code sign} allows. No exponent ({@code 1e3}), no grouping or decimal comma ({@code 1,00}), no {@code NaN}, no
     * bare {@code .5} or {@code 5.}. Anything else, or a missing value, adds an error naming {@code field} and returns
     * null. When {@code currency} is null (its own field was bad) the amount is still checked, at 2 decimals, and null
     * is returned: the currency's error stands for the request.
     */
    public static Money parse(FieldErrors errors, String field, String text, Currency currency, Sign sign) {
        if (text == null || text.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        int scale = currency == null ? MAX_MINOR_UNITS : Math.max(0, currency.getDefaultFractionDigits());
        String v = text.trim();
        Matcher m = DECIMAL.matcher(v);
        if (!m.matches()) {
            errors.add(field, "must be a decimal string such as \"1250.00\"" + (scale == 0 ? " without decimals" : " with at most " + scale
                    + " decimals"));
            return null;
        }
        String decimals = m.group(3);
        if (decimals != null && decimals.length() > scale) {
            errors.add(field, scale == 0 ? "must have no decimals in " + currency.getCurrencyCode()
                    : "must have at most " + scale + " decimals" + (currency == null ? "" : " in " + currency.getCurrencyCode()));
            return null;
        }
        BigDecimal value = new BigDecimal(v);
        String error = signError(value.signum(), sign);
        if (error != null) {
            errors.add(field, error);
            return null;
        }
        if (integerDigits(value) > MAX_INTEGER_DIGITS) {
            errors.add(field, "must be below 100000000000");
            return null;
        }
        return currency == null ? null : of(value, currency);
    }

    /**
     * The same rule for an amount a Java caller passed (a module's service): required, the sign {@code sign} allows, at most
     * {@link #MAX_INTEGER_DIGITS} integer digits, and, when {@code currency} is given, in that currency (else an error naming
     * {@code currencyField}). Returns {@code value}, or null after adding an error.
     */
    public static Money check(FieldErrors errors, String field, Money value, Sign sign, Currency currency, String currencyField) {
        if (value == null) {
            errors.add(field, "is required");
            return null;
        }
        String error = signError(value.signum(), sign);
        if (error == null && integerDigits(value.amount) > MAX_INTEGER_DIGITS) {
            error = "must be below 100000000000";
        }
        if (error != null) {
            errors.add(field, error);
            return null;
        }
        if (currency != null && !currency.equals(value.currency)) {
            errors.add(currencyField, "must be the currency " + currency.getCurrencyCode() + ", not " + value.currencyCode());
            return null;
        }
        return value;
    }

    private static String signError(int signum, Sign sign) {
        return switch (sign) {
            case POSITIVE -> signum <= 0 ? "must be greater than 0" : null;
            case NOT_NEGATIVE -> signum < 0 ? "must not be negative" : null;
            case ANY -> null;
        };
    }

    private static int integerDigits(BigDecimal value) {
        return Math.max(0, value.precision() - value.scale());
    }
}
