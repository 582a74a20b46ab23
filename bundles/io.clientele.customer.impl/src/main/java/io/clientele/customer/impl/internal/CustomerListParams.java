package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.QueryParams;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The customer list's filter and sort query parameters, as the list and the export both take them. Every value
 * arrives as text and is parsed here, so a bad one is a 400 naming it. (The resources declare the parameters
 * one by one: a JAX-RS {@code @BeanParam} is not available with the per-resource CXF servers the platform runs.)
 *
 * <p>{@code createdFrom}/{@code updatedSince} include their bound, {@code createdTo}/{@code updatedTo} include
 * theirs too; each takes an ISO-8601 instant or a date (a date covers its whole day, UTC).
 */
record CustomerListParams(String q, String segmentId, String statusId, String attractionChannelId, String sectorId,
                          String responsibleManagerId, String city, String state, String supplier, String restricted,
                          String groupId, String createdFrom, String createdTo, String updatedSince, String updatedTo,
                          String archived, String sort) {

    CustomerFilter filter() {
        return new CustomerFilter(q, segmentId, statusId, attractionChannelId, sectorId, responsibleManagerId, city, state,
                QueryParams.booleanParam("supplier", supplier), QueryParams.booleanParam("restricted", restricted), groupId,
                from("createdFrom", createdFrom), until("createdTo", createdTo), from("updatedSince", updatedSince),
                until("updatedTo", updatedTo), QueryParams.booleanParam("archived", archived));
    }

    CustomerSort order() {
        return CustomerSort.parse(sort);
    }

    /** The first instant a bound includes. */
    static Instant from(String name, String value) {
        LocalDate date = date(value);
        return date != null ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : instant(name, value);
    }

    /** The first instant a bound no longer includes (exclusive), so that a date includes its whole day. */
    static Instant until(String name, String value) {
        LocalDate date = date(value);
        if (date != null) {
            return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        Instant instant = instant(name, value);
        return instant == null ? null : instant.plusNanos(1000); // timestamps are kept to the microsecond
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank() || value.trim().length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return QueryParams.instantParam(name, value);
        } catch (ProblemException e) {
            throw ProblemException.invalid(name, "must be a date (2026-11-22) or an ISO-8601 UTC timestamp (2026-11-22T10:15:30Z)");
        }
    }
}
