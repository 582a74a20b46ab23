package io.clientele.platform.api.history;

import java.time.Instant;
import java.util.List;

/**
 * One recorded change. {@code rootType}/{@code rootId} name the record the change hangs from (for a
 * contact: its customer), so a customer's history pages through everything under it.
 */
public record HistoryEntry(String id, Instant at, String actorId, String actorName, String rootType, String rootId,
                           String entity, String entityId, String action, List<FieldChange> changes) {
    public HistoryEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
