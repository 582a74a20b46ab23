package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.ProblemException;
import java.time.Instant;
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

    /**
     * The list's keyset: the sort column, then the id, both in the sort's direction; keys are columns (the list stays
     * SQL). The cursor holds the sort value (the lower-case name or the instant) and the id.
     */
    Keyset<Customer> keyset() {
        Keyset.Direction direction = descending ? Keyset.Direction.DESC : Keyset.Direction.ASC;
        Keyset<Customer> byField = switch (field) {
            case "createdAt" -> Keyset.<Customer, Instant>by("created_at", direction, Keyset.INSTANT, Customer::createdAt);
            case "updatedAt" -> Keyset.<Customer, Instant>by("updated_at", direction, Keyset.INSTANT, Customer::updatedAt);
            default -> Keyset.<Customer, String>by("name_lower", direction, Keyset.TEXT, c -> c.name().toLowerCase(Locale.ROOT));
        };
        return byField.then("id", direction, Keyset.ID, Customer::id);
    }
}
