package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Address;
import io.clientele.platform.api.rest.FieldErrors;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalisation and validation of an {@link Address} with the customer's rules, for records other than the customer. */
final class Addresses {
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

    private Addresses() {
    }

    /** Trims every part (blank → null) and upper-cases the country; a missing address becomes an empty one. */
    static Address normalize(Address a) {
        if (a == null) {
            return new Address(null, null, null, null, null, null, null, null);
        }
        return new Address(trim(a.postalCode()), trim(a.street()), trim(a.number()), trim(a.complement()), trim(a.district()),
                trim(a.city()), trim(a.state()), a.country() == null || a.country().isBlank() ? null
                : a.country().trim().toUpperCase(Locale.ROOT));
    }

    /** The same limits as the customer's address; fields are named {@code <prefix>.<part>}. */
    static void validate(FieldErrors errors, String prefix, Address a) {
        length(errors, prefix + ".postalCode", a.postalCode(), 20);
        length(errors, prefix + ".street", a.street(), 200);
        length(errors, prefix + ".number", a.number(), 20);
        length(errors, prefix + ".complement", a.complement(), 100);
        length(errors, prefix + ".district", a.district(), 100);
        length(errors, prefix + ".city", a.city(), 100);
        length(errors, prefix + ".state", a.state(), 60);
        if (a.country() != null && !COUNTRY.matcher(a.country()).matches()) {
            errors.add(prefix + ".country", "must be an ISO 3166 two-letter code such as BR");
        }
    }

    static void length(FieldErrors errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(field, "must have at most " + max + " characters");
        }
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
