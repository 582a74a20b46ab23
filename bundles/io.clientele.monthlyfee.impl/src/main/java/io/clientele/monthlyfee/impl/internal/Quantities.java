package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;

/** An estimate line's quantity (money itself is the platform's {@code Money}). */
final class Quantities {

    private static final BigDecimal MAX_QUANTITY = new BigDecimal("10000000");

    private Quantities() {
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

    /** A quantity without trailing zeros and never in exponent notation (2.000 → 2, 100.000 → 100). */
    static BigDecimal plain(BigDecimal quantity) {
        BigDecimal q = quantity.stripTrailingZeros();
        return q.scale() < 0 ? q.setScale(0) : q;
    }
}
