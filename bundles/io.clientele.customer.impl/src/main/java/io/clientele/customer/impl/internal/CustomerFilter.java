package io.clientele.customer.impl.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The list filters of api.md; each set one narrows the list (AND). */
record CustomerFilter(String q, String segmentId, String statusId, String attractionChannelId, String sectorId,
                      String responsibleManagerId, String city, String state, Boolean supplier, Boolean restricted,
                      String groupId, Instant updatedSince, Boolean archived) {

    void appendTo(StringBuilder where, List<Object> params) {
        if (q != null && !q.isBlank()) {
            String like = "%" + q.trim().toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "") + "%";
            where.append(" AND (name_lower LIKE ? OR company_name_lower LIKE ? OR email_lower LIKE ?");
            params.add(like);
            params.add(like);
            params.add(like);
            String digits = q.replaceAll("\\D", "");
            if (!digits.isEmpty()) {
                where.append(" OR document_digits LIKE ?");
                params.add("%" + digits + "%");
            }
            where.append(')');
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
        if (updatedSince != null) {
            where.append(" AND updated_at >= ?");
            params.add(updatedSince);
        }
    }

    private static void equal(StringBuilder where, List<Object> params, String column, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
