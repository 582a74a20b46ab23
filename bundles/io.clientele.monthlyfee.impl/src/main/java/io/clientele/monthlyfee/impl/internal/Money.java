package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Money as the API writes it: a decimal string with at most two decimals ({@code "1250.00"}) beside an ISO 4217
 * currency. Arithmetic is exact {@link BigDecimal} at scale 2; nothing ever goes through a double.
 */
final class Money {

    /** Up to 11 integer digits: any sum of a few thousand such amounts still fits the DECIMAL(31,2) totals. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,11}(\\.\\d{1,2})?");
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("10000000");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {
    }

    /** A positive amount, or {@code null} after adding an error naming {@code field}. */
    static BigDecimal positive(String field, String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        String v = value.trim();
        if (!AMOUNT.matcher(v).matches()) {
            errors.add(field, "must be a decimal string with at most two decimals, such as \"1250.00\"");
            return null;
        }
        BigDecimal amount = new BigDecimal(v).setScale(2, RoundingMode.UNNECESSARY);
        if (amount.signum() <= 0) {
            errors.add(field, "must be greater than zero");
            return null;
        }
        return amount;
    }

    /** A positive quantity with at most three decimals, or {@code null} after adding an error. */
    static BigDecimal quantity(String field, BigDecimal value, FieldErrors errors) {
        if (value == null) {
            errors.add(field, "is required");
            return null;
        }
        if (value.signum() <= 0) {
            errors.add(field, "must be greater than zero");
            return null;
        }
        if (value.compareTo(MAX_QUANTITY) >= 0 || value.stripTrailingZeros().scale() > 3) {
            errors.add(field, "must be below 10000000 with at most three decimals");
            return null;
        }
        return value;
    }

    /** The upper-case ISO 4217 code, or {@code null} after adding an error naming {@code field}. */
    static String currency(String field, String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        String code = value.trim();
        if (!CURRENCY.matcher(code).matches()) {
            errors.add(field, "must be an ISO 4217 code such as BRL, USD or EUR");
            return null;
        }
        try {
            Currency.getInstance(code);
            return code;
        } catch (IllegalArgumentException e) {
            errors.add(field, "is not an ISO 4217 currency");
            return null;
        }
    }

    static BigDecimal sum(List<BigDecimal> amounts) {
        BigDecimal total = ZERO;
        for (BigDecimal a : amounts) {
            total = total.add(a);
        }
        return total.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** quantity × unit price, rounded half-up to cents. */
    static BigDecimal times(BigDecimal quantity, BigDecimal unitPrice) {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
    }

    /** A quantity without trailing zeros and never in exponent notation (2.000 → 2, 100.000 → 100). */
    static BigDecimal plain(BigDecimal quantity) {
        BigDecimal q = quantity.stripTrailingZeros();
        return q.scale() < 0 ? q.setScale(0) : q;
    }

    static String format(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
