package io.clientele.customer.impl.internal;

import io.clientele.customer.api.CustomerExchange.ImportResult;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.rest.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The agency's imports as they run and after: who started one, how far it has read, how many customers it created
 * and how it ended. Each run's row is written in transactions of its own, beside the import's one transaction, so
 * its progress is visible to other requests (and other nodes) while the import is still uncommitted, and its end is
 * recorded whether the import committed or rolled back. A run whose node died stops being updated; after
 * {@link #STALE} without an update it is shown as {@code INTERRUPTED}.
 */
@Component(service = ImportRunStore.class)
public class ImportRunStore {

    /** What a run's state can be. */
    enum State { RUNNING, SUCCEEDED, REJECTED, FAILED, INTERRUPTED }

    /** A running import updates its row at least this often while it reads rows. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** A RUNNING row not updated for this long belongs to an import that died with its node. */
    static final Duration STALE = Duration.ofMinutes(2);
    /** Runs are kept this long (older ones are removed when the agency starts another import). */
    static final Duration KEPT = Duration.ofDays(90);
    static final int MAX_LIST = 100;

    /** One run, as {@code GET /customers/import/runs} shows it. */
    public record ImportRun(String id, State state, boolean dryRun, String startedById, String startedByName, Instant startedAt,
                            Instant updatedAt, Instant finishedAt, long fileBytes, int rowsRead, Integer rowsTotal, int percent,
                            int created, int errors) {
    }

    private final Database database;
    private final TenantTable runs;
    private final Clock clock;

    @Activate
    public ImportRunStore(@Reference Database database, @Reference CustomerSchema schema) {
        this(database, Clock.systemUTC());
    }

    ImportRunStore(Database database, Clock clock) {
        this.database = database;
        this.runs = new TenantTable(database, "customer_import_run");
        this.clock = clock;
    }

    /** Records the start of an import by the caller, and removes the agency's runs older than {@link #KEPT}. */
    Progress start(boolean dryRun, long fileBytes) {
        Principal caller = RequestContext.principal();
        String id = Jdbc.newTimeOrderedId();
        Instant now = clock.instant();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("state", State.RUNNING.name());
        row.put("dry_run", dryRun);
        row.put("started_by", caller.id());
        row.put("started_by_name", truncate(caller.name(), 200));
        row.put("started_at", now);
        row.put("updated_at", now);
        row.put("file_bytes", fileBytes);
        row.put("rows_read", 0);
        row.put("percent", 0);
        row.put("created", 0);
        row.put("errors", 0);
        row.put("version", 0L);
        database.inNewTransaction(c -> {
            runs.delete("started_at < ?", List.of(now.minus(KEPT)));
            runs.insert(row);
            return null;
        });
        return new Progress(id, now);
    }

    /** The runs the caller may see, newest first: every run for ADMIN, one's own for the others who may import. */
    List<ImportRun> recent(int limit) {
        Principal caller = RequestContext.principal();
        List<Object> params = new ArrayList<>();
        String condition = null;
        if (!caller.hasRole(Role.ADMIN)) {
            condition = "started_by = ?";
            params.add(caller.id());
        }
        return runs.find(condition, params, "started_at DESC, id DESC", Math.max(1, Math.min(limit, MAX_LIST)), this::map);
    }

    /** One run the caller may see; 404 otherwise. */
    ImportRun get(String id) {
        Principal caller = RequestContext.principal();
        return runs.findById(id, this::map)
                .filter(r -> caller.hasRole(Role.ADMIN) || r.startedById().equals(caller.id()))
                .orElseThrow(() -> ProblemException.notFound("Import run " + id));
    }

    private ImportRun map(ResultSet rs) throws SQLException {
        Instant updated = rs.getTimestamp("updated_at").toInstant();
        State state = shown(State.valueOf(rs.getString("state")), updated, clock.instant());
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        int total = rs.getInt("rows_total");
        Integer rowsTotal = rs.wasNull() ? null : total;
        return new ImportRun(rs.getString("id"), state, rs.getBoolean("dry_run"), rs.getString("started_by"),
                rs.getString("started_by_name"), rs.getTimestamp("started_at").toInstant(), updated,
                finished == null ? null : finished.toInstant(), rs.getLong("file_bytes"), rs.getInt("rows_read"), rowsTotal,
                rs.getInt("percent"), rs.getInt("created"), rs.getInt("errors"));
    }

    /** The state a run is shown in: a RUNNING run whose node stopped updating it for {@link #STALE} was INTERRUPTED. */
    static State shown(State stored, Instant updatedAt, Instant now) {
        return stored == State.RUNNING && updatedAt.isBefore(now.minus(STALE)) ? State.INTERRUPTED : stored;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The row of one running import, updated from the import's thread. */
    final class Progress {
        private final String id;
        private Instant lastWrite;

        private Progress(String id, Instant started) {
            this.id = id;
            this.lastWrite = started;
        }

        String id() {
            return id;
        }

        /** Called for every row read; writes the row's progress once per {@link #HEARTBEAT}. */
        void rowRead(int rowsRead, int created, int errors, ReadPosition position) {
            Instant now = clock.instant();
            if (Duration.between(lastWrite, now).compareTo(HEARTBEAT) < 0) {
                return;
            }
            lastWrite = now;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("updated_at", now);
            row.put("rows_read", rowsRead);
            row.put("rows_total", position.declaredDataRows());
            row.put("percent", Math.min(99, position.percent()));
            row.put("created", created);
            row.put("errors", errors);
            database.inNewTransaction(c -> runs.update(id, null, row));
        }

        /** Records how the import ended: its result (SUCCEEDED or REJECTED), or FAILED when it ended by an error. */
        void finish(ImportResult result, boolean failed) {
            Instant now = clock.instant();
            Map<String, Object> row = new LinkedHashMap<>();
            State state = failed ? State.FAILED : result.errors().isEmpty() ? State.SUCCEEDED : State.REJECTED;
            row.put("state", state.name());
            row.put("updated_at", now);
            row.put("finished_at", now);
            if (result != null) {
                row.put("rows_read", result.rows());
                row.put("rows_total", result.rows());
                row.put("created", result.created());
                row.put("errors", result.errors().size());
            }
            row.put("percent", 100);
            database.inNewTransaction(c -> runs.update(id, null, row));
        }
    }
}
