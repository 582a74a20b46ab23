package io.clientele.ijob.impl.internal;

import io.clientele.platform.jpa.EntityWork;
import io.clientele.ijob.api.Actor;
import io.clientele.ijob.api.StepType;
import io.clientele.ijob.api.TimelineEntry;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A piece's timeline ({@code ijob_timeline}): an append-only log, numbered per piece. It stays JDBC: the table has no
 * version column (a row is never changed, so there is nothing to lock) and the schema stays as it is, and the next
 * number is a counter over the piece's rows. Appends run in the caller's transaction, on the connection the
 * EntityManager writes through, so a piece's change and its timeline commit or roll back together.
 */
final class Timeline {

    private final TenantTable timeline;

    Timeline(Database database) {
        this.timeline = new TenantTable(database, "ijob_timeline");
    }

    /** Appends what the workflow did, numbered after the piece's last entry, all at one instant. */
    void append(String pieceId, List<Workflow.Event> happened, Actor actor) {
        long seq = timeline.count("piece_id = ?", List.of(pieceId));
        Instant now = EntityWork.now();
        for (Workflow.Event e : happened) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", Jdbc.newId());
            row.put("piece_id", pieceId);
            row.put("seq", ++seq);
            row.put("occurred_at", now);
            row.put("action", e.action());
            row.put("actor_id", actor.id());
            row.put("actor_name", actor.name());
            row.put("actor_kind", actor.kind());
            row.put("step_id", e.step() == null ? null : e.step().id());
            row.put("step_type", e.step() == null ? null : e.step().type());
            row.put("step_name", e.step() == null ? null : e.step().name());
            row.put("comment", e.comment());
            if ("STEP_REASSIGNED".equals(e.action()) && e.before() != null) {
                List<Map<String, String>> changes = new ArrayList<>();
                if (!Objects.equals(e.before().assigneeId(), e.step().assigneeId())) {
                    changes.add(change("assigneeId", e.before().assigneeId(), e.step().assigneeId()));
                }
                if (!Objects.equals(e.before().dueAt(), e.step().dueAt())) {
                    changes.add(change("dueAt", str(e.before().dueAt()), str(e.step().dueAt())));
                }
                row.put("changes", JsonText.write(changes));
            }
            timeline.insert(row);
        }
    }

    /**
     * Appends a file event ({@code FILE_UPLOADED}, {@code FILE_DELETED}): its {@code changes} name the version
     * ({@code fileVersion}), the file ({@code fileName}) and its id ({@code fileId}), each as {@code to}.
     */
    void appendFile(String pieceId, String action, Actor actor, PieceFileRecord file) {
        long seq = timeline.count("piece_id = ?", List.of(pieceId));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Jdbc.newId());
        row.put("piece_id", pieceId);
        row.put("seq", seq + 1);
        row.put("occurred_at", EntityWork.now());
        row.put("action", action);
        row.put("actor_id", actor.id());
        row.put("actor_name", actor.name());
        row.put("actor_kind", actor.kind());
        row.put("changes", JsonText.write(List.of(change(FILE_VERSION, null, Integer.toString(file.number())),
                change(FILE_NAME, null, file.fileName()), change(FILE_ID, null, file.id()))));
        timeline.insert(row);
    }

    static final String FILE_UPLOADED = "FILE_UPLOADED";
    static final String FILE_DELETED = "FILE_DELETED";
    static final String FILE_VERSION = "fileVersion";
    static final String FILE_NAME = "fileName";
    static final String FILE_ID = "fileId";

    /** The customer's decisions on the piece so far (approvals and change requests). */
    long decisions(String pieceId) {
        return timeline.count("piece_id = ? AND action IN (?, ?)", List.of(pieceId, "APPROVED", "CHANGES_REQUESTED"));
    }

    /** The file versions ever uploaded to the piece (deleted ones included). */
    long uploads(String pieceId) {
        return timeline.count("piece_id = ? AND action = ?", List.of(pieceId, FILE_UPLOADED));
    }

    /** The piece's entries in order. */
    List<TimelineEntry> of(String pieceId) {
        return timeline.find("piece_id = ?", List.of(pieceId), "seq", 0, rs -> new TimelineEntry(rs.getString("id"),
                Jdbc.instant(rs, "occurred_at"), rs.getString("action"), new Actor(rs.getString("actor_id"), rs.getString("actor_name"),
                rs.getString("actor_kind")), rs.getString("step_id"),
                rs.getString("step_type") == null ? null : StepType.valueOf(rs.getString("step_type")), rs.getString("step_name"),
                rs.getString("comment"), JsonText.read(rs.getString("changes"), JsonText.CHANGES)));
    }

    private static Map<String, String> change(String field, String from, String to) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("field", field);
        m.put("from", from);
        m.put("to", to);
        return m;
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
