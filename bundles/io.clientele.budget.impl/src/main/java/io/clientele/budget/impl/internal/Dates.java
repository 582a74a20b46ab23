package io.clientele.budget.impl.internal;

import io.clientele.platform.api.rest.FieldErrors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Dates in the API's input ({@code YYYY-MM-DD}); a bad value becomes a field error, never an exception. Money is the platform's {@code Money}. */
final class Dates {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Dates() {
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
}
