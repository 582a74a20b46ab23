package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.platform.api.rest.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How the list is ordered ({@code sort=name|createdAt|updatedAt}, {@code -} for descending), with its keyset key. */
record CustomerSort(String field, boolean descending) {

    static CustomerSort parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return new CustomerSort("name", false);
        }
        boolean desc = sort.startsWith("-");
        String field = desc ? sort.substring(1) : sort;
        if (!field.equals("name") && !field.equals("createdAt") && !field.equals("updatedAt")) {
            throw ProblemException.invalid("sort", "must be name, createdAt or updatedAt, optionally prefixed with -");
        }
        return new CustomerSort(field, desc);
    }

    /** The index that holds the list in this order (on Derby; PostgreSQL reads its ascending one backwards). */
    String index() {
        String name = switch (field) {
            case "createdAt" -> "ix_customer_created";
            case "updatedAt" -> "ix_customer_updated";
            default -> "ix_customer_name";
        };
        return descending() ? name + "_desc" : name;
    }

    String column() {
        return switch (field) {
            case "createdAt" -> "created_at";
            case "updatedAt" -> "updated_at";
            default -> "name_lower";
        };
    }

    String keyOf(Customer c) {
        return switch (field) {
            case "createdAt" -> c.createdAt().toString();
            case "updatedAt" -> c.updatedAt().toString();
            default -> c.name().toLowerCase(Locale.ROOT);
        };
    }

    Object parseKey(String key) {
        if ("name".equals(field)) {
            return key;
        }
        try {
            return Instant.parse(key);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
    }
}
