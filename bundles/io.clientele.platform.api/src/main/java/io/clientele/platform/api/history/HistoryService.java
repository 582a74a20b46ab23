package io.clientele.platform.api.history;

import io.clientele.platform.api.rest.Page;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only change history of the caller's agency. There is no way to update or delete an entry.
 * {@link #record} joins the caller's transaction: the change and its history commit together.
 */
@ProviderType
public interface HistoryService {

    /**
     * Records a change made by the current principal.
     *
     * @param action e.g. CREATED, UPDATED, DELETED, ARCHIVED, APPROVED
     */
    HistoryEntry record(String rootType, String rootId, String entity, String entityId, String action,
                        List<FieldChange> changes);

    /** One entry of {@link #recordAll}. */
    record Change(String rootType, String rootId, String entity, String entityId, String action, List<FieldChange> changes) {
    }

    /**
     * Records many changes made by the current principal at once, in the caller's transaction (the platform
     * writes them as one JDBC batch; bulk operations such as imports use it).
     */
    default void recordAll(List<Change> changes) {
        for (Change c : changes) {
            record(c.rootType(), c.rootId(), c.entity(), c.entityId(), c.action(), c.changes());
        }
    }

    /** Entries under a root record, newest first. */
    Page<HistoryEntry> page(String rootType, String rootId, int limit, String cursor);

    /** The field-level differences between two snapshots of a record (fields compared by their text). */
    static List<FieldChange> diff(Map<String, ?> before, Map<String, ?> after) {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        if (before != null) {
            fields.addAll(before.keySet());
        }
        if (after != null) {
            fields.addAll(after.keySet());
        }
        List<FieldChange> out = new java.util.ArrayList<>();
        for (String f : fields) {
            Object a = before == null ? null : before.get(f);
            Object b = after == null ? null : after.get(f);
            String from = a == null ? null : a.toString();
            String to = b == null ? null : b.toString();
            if (!java.util.Objects.equals(from, to)) {
                out.add(new FieldChange(f, from, to));
            }
        }
        return out;
    }
}
