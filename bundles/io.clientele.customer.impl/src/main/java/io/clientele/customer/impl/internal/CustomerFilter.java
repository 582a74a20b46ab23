package io.clientele.customer.impl.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The list filters of api.md; each set one narrows the list (AND). */
record CustomerFilter(String q, String segmentId, String statusId, String attractionChannelId, String sectorId,
                      String responsibleManagerId, String city, String state, Boolean supplier, Boolean restricted,
                      String groupId, Instant createdFrom, Instant createdBefore, Instant updatedSince, Instant updatedBefore,
                      Boolean archived) {

    /** No filter: every customer that is not archived. */
    static CustomerFilter none() {
        return new CustomerFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    void appendTo(StringBuilder where, List<Object> params) {
        for (String word : CustomerSearch.queryWords(q)) {
            // every query word starts a word of the customer's (see CustomerSearch); words hold letters and digits only
            where.append(" AND search_text LIKE ?");
            params.add("% " + word + "%");
        }
        equal(where, params, "segment_id", segmentId);
        equal(where, params, "status_id", statusId);
        equal(where, params, "attraction_channel_id", attractionChannelId);
        equal(where, params, "sector_id", sectorId);
        equal(where, params, "responsible_manager_id", responsibleManagerId);
        equal(where, params, "city_lower", city == null ? null : city.trim().toLowerCase(Locale.ROOT));
        equal(where, params, "state", state == null ? null : state.trim());
        equal(where, params, "supplier", supplier);
        equal(where, params, "restricted", restricted);
        equal(where, params, "group_id", groupId);
        range(where, params, "created_at", createdFrom, createdBefore);
        range(where, params, "updated_at", updatedSince, updatedBefore);
    }

    /** {@code from} is included, {@code before} is not. */
    private static void range(StringBuilder where, List<Object> params, String column, Instant from, Instant before) {
        if (from != null) {
            where.append(" AND ").append(column).append(" >= ?");
            params.add(from);
        }
        if (before != null) {
            where.append(" AND ").append(column).append(" < ?");
            params.add(before);
        }
    }

    private static void equal(StringBuilder where, List<Object> params, String column, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
