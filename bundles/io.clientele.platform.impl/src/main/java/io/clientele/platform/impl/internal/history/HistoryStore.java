package io.clientele.platform.impl.internal.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Append-only: this class only inserts and reads {@code platform_history}; nothing updates or deletes it. */
@Component(service = HistoryService.class)
public class HistoryStore implements HistoryService {

    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };

    private final TenantTable history;
    private final Database database;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public HistoryStore(@Reference Database database) {
        this.history = new TenantTable(database, "platform_history");
        this.database = database;
    }

    @Override
    public HistoryEntry record(String rootType, String rootId, String entity, String entityId, String action,
                               List<FieldChange> changes) {
        Principal actor = RequestContext.principal();
        HistoryEntry entry = new HistoryEntry(Jdbc.newId(), clock.instant(), actor.id(), actor.name(), rootType, rootId,
                entity, entityId, action, changes);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", entry.id());
        row.put("occurred_at", entry.at());
        row.put("actor_id", entry.actorId());
        row.put("actor_name", entry.actorName());
        row.put("root_type", rootType);
        row.put("root_id", rootId);
        row.put("entity", entity);
        row.put("entity_id", entityId);
        row.put("action", action);
        try {
            row.put("changes", json.writeValueAsString(entry.changes()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        history.insert(row);
        return entry;
    }

    @Override
    public void recordAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Principal actor = RequestContext.principal();
        String agencyId = RequestContext.agencyId();
        Instant at = clock.instant();
        String sql = "INSERT INTO platform_history (agency_id, id, occurred_at, actor_id, actor_name, root_type, root_id, "
                + "entity, entity_id, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Change change : changes) {
                    String text;
                    try {
                        text = json.writeValueAsString(change.changes() == null ? List.of() : change.changes());
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    Jdbc.bind(ps, agencyId, Jdbc.newTimeOrderedId(), at, actor.id(), actor.name(), change.rootType(), change.rootId(),
                            change.entity(), change.entityId(), change.action(), text);
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw Jdbc.translate(sql, e);
            }
            return null;
        });
    }

    /** Newest first: the time of the change, then the (time-ordered) id. */
    static final Keyset<HistoryEntry> NEWEST_FIRST = Keyset.newestFirst("occurred_at", HistoryEntry::at, "id", HistoryEntry::id);

    @Override
    public Page<HistoryEntry> page(String rootType, String rootId, int limit, String cursor) {
        return NEWEST_FIRST.page(limit, cursor, (after, max) -> {
            StringBuilder where = new StringBuilder("root_type = ? AND root_id = ?");
            List<Object> params = TenantTable.params(rootType, rootId);
            if (after != null) {
                Keyset.Condition past = NEWEST_FIRST.sqlCondition(after);
                where.append(" AND ").append(past.text());
                params.addAll(past.params());
            }
            return history.find(where.toString(), params, NEWEST_FIRST.orderBy(c -> c), max, this::map);
        }, null);
    }

    private HistoryEntry map(ResultSet rs) throws SQLException {
        List<FieldChange> changes;
        try {
            String raw = rs.getString("changes");
            changes = raw == null ? List.of() : json.readValue(raw, CHANGES);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable history changes", e);
        }
        return new HistoryEntry(rs.getString("id"), Jdbc.instant(rs, "occurred_at"), rs.getString("actor_id"), rs.getString("actor_name"),
                rs.getString("root_type"), rs.getString("root_id"), rs.getString("entity"), rs.getString("entity_id"),
                rs.getString("action"), changes);
    }
}
