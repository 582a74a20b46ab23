package io.clientele.customer.impl.internal;

import io.clientele.customer.api.CustomerExchange.ImportResult;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
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
    private final EntityWork work;
    private final Clock clock;

    @Activate
    public ImportRunStore(@Reference Database database, @Reference(target = "(osgi.unit.name=customer)") EntityManagerFactory unit,
                          @Reference CustomerSchema schema) {
        this(database, new EntityWork(database, unit), Clock.systemUTC());
    }

    ImportRunStore(Database database, EntityWork work, Clock clock) {
        this.database = database;
        this.work = work;
        this.clock = clock;
    }

    /** Records the start of an import by the caller, and removes the agency's runs older than {@link #KEPT}. */
    Progress start(boolean dryRun, long fileBytes) {
        Principal caller = RequestContext.principal();
        String id = Jdbc.newTimeOrderedId();
        Instant now = clock.instant();
        database.inNewTransaction(c -> work.inTransaction(em -> {
            em.createQuery("DELETE FROM ImportRun r WHERE r.startedAt < :before").setParameter("before", now.minus(KEPT))
                    .executeUpdate();
            em.persist(new ImportRunRecord(id, dryRun, caller.id(), truncate(caller.name(), 200), fileBytes, now));
            return null;
        }));
        return new Progress(id, now);
    }

    /** The runs the caller may see, newest first: every run for ADMIN, one's own for the others who may import. */
    List<ImportRun> recent(int limit) {
        Principal caller = RequestContext.principal();
        boolean all = caller.hasRole(Role.ADMIN);
        Instant now = clock.instant();
        return work.inTransaction(em -> {
            TypedQuery<ImportRunRecord> query = em.createQuery("SELECT r FROM ImportRun r"
                    + (all ? "" : " WHERE r.startedBy = :caller") + " ORDER BY r.startedAt DESC, r.id DESC", ImportRunRecord.class);
            if (!all) {
                query.setParameter("caller", caller.id());
            }
            return query.setMaxResults(Math.max(1, Math.min(limit, MAX_LIST))).getResultList().stream()
                    .map(r -> r.toApi(now)).toList();
        });
    }

    /** One run the caller may see; 404 otherwise. */
    ImportRun get(String id) {
        Principal caller = RequestContext.principal();
        Instant now = clock.instant();
        return work.inTransaction(em -> java.util.Optional.ofNullable(em.find(ImportRunRecord.class, id))
                .filter(r -> caller.hasRole(Role.ADMIN) || r.startedBy().equals(caller.id()))
                .map(r -> r.toApi(now)))
                .orElseThrow(() -> ProblemException.notFound("Import run " + id));
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
            update(run -> run.progress(rowsRead, position.declaredDataRows(), Math.min(99, position.percent()), created, errors, now));
        }

        /** Records how the import ended: its result (SUCCEEDED or REJECTED), or FAILED when it ended by an error. */
        void finish(ImportResult result, boolean failed) {
            Instant now = clock.instant();
            State state = failed ? State.FAILED : result.errors().isEmpty() ? State.SUCCEEDED : State.REJECTED;
            update(run -> {
                if (result != null) {
                    run.progress(result.rows(), result.rows(), 100, result.created(), result.errors().size(), now);
                }
                run.finish(state, now);
            });
        }

        /** Changes the run's row in a transaction of its own: visible to others while the import's is still open. */
        private void update(java.util.function.Consumer<ImportRunRecord> change) {
            database.inNewTransaction(c -> work.inTransaction(em -> {
                ImportRunRecord run = em.find(ImportRunRecord.class, id);
                if (run != null) {
                    change.accept(run);
                }
                return null;
            }));
        }
    }
}
