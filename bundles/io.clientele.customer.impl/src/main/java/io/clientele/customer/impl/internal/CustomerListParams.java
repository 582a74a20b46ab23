package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.QueryParams;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import javax.ws.rs.QueryParam;

/**
 * The customer list's filter and sort query parameters, shared by the list and the export so that both take
 * exactly the same ones. Every value arrives as text and is parsed here, so a bad one is a 400 naming it.
 */
public class CustomerListParams {

    @QueryParam("q") String q;
    @QueryParam("segmentId") String segmentId;
    @QueryParam("statusId") String statusId;
    @QueryParam("attractionChannelId") String attractionChannelId;
    @QueryParam("sectorId") String sectorId;
    @QueryParam("responsibleManagerId") String responsibleManagerId;
    @QueryParam("city") String city;
    @QueryParam("state") String state;
    @QueryParam("supplier") String supplier;
    @QueryParam("restricted") String restricted;
    @QueryParam("groupId") String groupId;
    /** Created at or after: an ISO-8601 instant, or a date meaning the start of that day (UTC). */
    @QueryParam("createdFrom") String createdFrom;
    /** Created at or before: an ISO-8601 instant, or a date meaning the whole of that day (UTC). */
    @QueryParam("createdTo") String createdTo;
    @QueryParam("updatedSince") String updatedSince;
    /** Last changed at or before: an instant, or a date meaning the whole of that day (UTC). */
    @QueryParam("updatedTo") String updatedTo;
    @QueryParam("archived") String archived;
    @QueryParam("sort") String sort;

    CustomerFilter filter() {
        return new CustomerFilter(q, segmentId, statusId, attractionChannelId, sectorId, responsibleManagerId, city, state,
                QueryParams.booleanParam("supplier", supplier), QueryParams.booleanParam("restricted", restricted), groupId,
                from("createdFrom", createdFrom), until("createdTo", createdTo), from("updatedSince", updatedSince),
                until("updatedTo", updatedTo), QueryParams.booleanParam("archived", archived));
    }

    CustomerSort sort() {
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
