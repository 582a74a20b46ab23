package io.clientele.platform.impl.internal.history;

import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.jpa.TenantRow;
import java.time.Instant;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * One entry of an agency's change history as stored ({@code platform_history}): written once, never changed or deleted
 * (append-only, so a {@link TenantRow}: no version column). Its field changes are kept as a JSON array
 * ({@link HistoryStore#changesText}).
 */
@Entity(name = "PlatformHistory")
@Table(name = "platform_history")
public class HistoryRecord extends TenantRow {

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "actor_id", length = 100, updatable = false)
    private String actorId;

    @Column(name = "actor_name", length = 200, updatable = false)
    private String actorName;

    @Column(name = "root_type", length = 64, nullable = false, updatable = false)
    private String rootType;

    @Column(name = "root_id", length = 36, nullable = false, updatable = false)
    private String rootId;

    @Column(name = "entity", length = 64, nullable = false, updatable = false)
    private String entity;

    @Column(name = "entity_id", length = 36, nullable = false, updatable = false)
    private String entityId;

    @Column(name = "action", length = 32, nullable = false, updatable = false)
    private String action;

    @Lob
    @Column(name = "changes", length = Integer.MAX_VALUE, updatable = false)
    private String changes;

    protected HistoryRecord() {
    }

    HistoryRecord(HistoryEntry entry, String changesText) {
        super(entry.id());
        this.occurredAt = entry.at();
        this.actorId = entry.actorId();
        this.actorName = entry.actorName();
        this.rootType = entry.rootType();
        this.rootId = entry.rootId();
        this.entity = entry.entity();
        this.entityId = entry.entityId();
        this.action = entry.action();
        this.changes = changesText;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    String changesText() {
        return changes;
    }

    HistoryEntry toApi(List<FieldChange> fieldChanges) {
        return new HistoryEntry(id(), occurredAt, actorId, actorName, rootType, rootId, entity, entityId, action, fieldChanges);
    }
}
