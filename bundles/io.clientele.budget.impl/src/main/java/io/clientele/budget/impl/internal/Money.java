package io.clientele.budget.impl.internal;

import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.regex.Pattern;

/** Parsing of the API's money, currency and date strings; every bad value becomes a field error, never an exception. */
final class Money {

    /** A positive decimal with at most 2 decimals and at most 17 integer digits (fits DECIMAL(19,2)). */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,17}(\\.\\d{1,2})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Money() {
    }

    /** A positive amount of money from its decimal string, scale 2; null (with an error added) when bad. */
    static BigDecimal amount(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        String v = value.trim();
        if (!DECIMAL.matcher(v).matches()) {
            errors.add(field, "must be a decimal string with at most 2 decimals, such as \"1250.00\"");
            return null;
        }
        BigDecimal d = new BigDecimal(v).setScale(2, RoundingMode.UNNECESSARY);
        if (d.signum() <= 0) {
            errors.add(field, "must be greater than 0");
            return null;
        }
        return d;
    }

    /** Checks an amount given as a number by Java callers: positive, at most 2 decimals, fits the column. */
    static BigDecimal amount(FieldErrors errors, String field, BigDecimal value) {
        if (value == null) {
            errors.add(field, "is required");
            return null;
        }
        return amount(errors, field, value.stripTrailingZeros().toPlainString());
    }

    /** An ISO 4217 currency code known to the JDK; null (with an error added) when bad. */
    static String currency(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        String v = value.trim();
        if (CURRENCY.matcher(v).matches()) {
            try {
                return Currency.getInstance(v).getCurrencyCode();
            } catch (IllegalArgumentException e) {
                // not a known ISO 4217 code: reported below
            }
        }
        errors.add(field, "must be an ISO 4217 currency code such as BRL, EUR or USD");
        return null;
    }

    /** A date written YYYY-MM-DD; null (with an error added when required or bad). */
    static LocalDate date(FieldErrors errors, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        String v = value.trim();
        if (DATE.matcher(v).matches()) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                // e.g. 2026-13-45: reported below
            }
        }
        errors.add(field, "must be a date written YYYY-MM-DD");
        return null;
    }

    /** The API's text of an amount: plain, 2 decimals ("1250.00", "-10.50"). */
    static String format(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
