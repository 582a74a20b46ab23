package io.clientele.ijob.api;

import java.time.Instant;
import java.util.Map;

/**
 * A job (project) for a customer. {@code ijob}: visible to the customer's contacts (when the customer also has
 * portal access). {@code budgetId}: the budget the job draws on, if any. {@code origin}: STAFF or PORTAL (a
 * contact's job request).
 */
public record Job(String id, String customerId, String title, boolean ijob, String templateId, String budgetId,
                  Map<String, String> briefing, String origin, long version, Instant createdAt, Instant updatedAt) {
    public Job {
        briefing = briefing == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(briefing));
    }
}
