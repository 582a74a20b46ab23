package io.clientele.platform.impl.internal.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Append-only: entries are persisted ({@link HistoryRecord}) on the platform's persistence unit in the caller's
 * transaction, and read newest first; nothing updates or deletes them. {@link #recordAll} (an import's thousands of
 * entries) stays one JDBC batch in the same transaction, the set-based path.
 */
@Component(service = HistoryService.class)
public class HistoryStore implements HistoryService {

    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };
    /** Newest first: the time it happened, then the id (time-ordered ids break ties in writing order). */
    static final Keyset<HistoryRecord> NEWEST_FIRST = Keyset.newestFirst("occurredAt", HistoryRecord::occurredAt, "id", HistoryRecord::id);

    private final Database database;
    private final EntityWork work;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public HistoryStore(@Reference Database database, @Reference(target = "(osgi.unit.name=platform)") EntityManagerFactory unit) {
        this.database = database;
        this.work = new EntityWork(database, unit);
    }

    @Override
    public HistoryEntry record(String rootType, String rootId, String entity, String entityId, String action,
                               List<FieldChange> changes) {
        Principal actor = RequestContext.principal();
        HistoryEntry entry = new HistoryEntry(Jdbc.newTimeOrderedId(), EntityWork.now(), actor.id(), actor.name(), rootType, rootId,
                entity, entityId, action, changes);
        String text = changesText(entry.changes());
        return work.inTransaction(em -> {
            em.persist(new HistoryRecord(entry, text));
            return entry;
        });
    }

    @Override
    public void recordAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Principal actor = RequestContext.principal();
        String agencyId = RequestContext.agencyId();
        Instant at = EntityWork.now();
        String sql = "INSERT INTO platform_history (agency_id, id, occurred_at, actor_id, actor_name, root_type, root_id, "
                + "entity, entity_id, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Change change : changes) {
                    Jdbc.bind(ps, agencyId, Jdbc.newTimeOrderedId(), at, actor.id(), actor.name(), change.rootType(), change.rootId(),
                            change.entity(), change.entityId(), change.action(), changesText(change.changes()));
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw Jdbc.translate(sql, e);
            }
            return null;
        });
    }

    @Override
    public Page<HistoryEntry> page(String rootType, String rootId, int limit, String cursor) {
        return work.inTransaction(em -> KeysetPages.page(em, HistoryRecord.class, NEWEST_FIRST, "e.rootType = :rootType AND e.rootId = :rootId",
                Map.of("rootType", rootType, "rootId", rootId), new PageRequest(limit, cursor), null)).map(this::toApi);
    }

    /** The stored JSON array of field changes: what {@link #record} and {@link #recordAll} write and {@link #page} reads. */
    String changesText(List<FieldChange> changes) {
        try {
            return json.writeValueAsString(changes == null ? List.of() : changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HistoryEntry toApi(HistoryRecord r) {
        try {
            return r.toApi(r.changesText() == null ? List.of() : json.readValue(r.changesText(), CHANGES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable history changes of entry " + r.id(), e);
        }
    }
}
