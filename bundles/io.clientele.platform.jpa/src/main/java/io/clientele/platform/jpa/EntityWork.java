package io.clientele.platform.jpa;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.DataAccessException;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;

/**
 * Runs a store's JPA work inside the platform's transaction, as the request's agency.
 *
 * <p>The unit's DataSource is the platform's thread-bound one: inside {@link Database#inTransaction} it hands the
 * provider the running transaction's own connection, on which the provider can neither commit nor close. So the
 * EntityManager's writes and every JDBC write of the same call ({@code Outbox}, {@code HistoryService},
 * {@code NotificationService}, {@code DomainEvents}, a bulk statement) commit or roll back together, once, when the
 * outermost {@code inTransaction} ends. A failure inside the work marks the whole transaction rollback-only, even when a
 * caller catches the exception.
 *
 * <p>Nested calls in one transaction share one EntityManager per unit and agency, so a store method may call another
 * (work as another agency, or across agencies, gets its own). Work in a transaction of its own ({@link Database#inNewTransaction}), even nested inside JPA work, gets an EntityManager of its
 * own on that transaction's connection, and commits or rolls back on its own. The work's changes are flushed when the
 * outermost call of this unit in its transaction returns, so JDBC statements that follow in the same transaction see
 * them.
 *
 * <pre>{@code
 * Budget created = work.inTransaction(em -> {
 *     BudgetRecord b = new BudgetRecord(Jdbc.newId(), ...);
 *     em.persist(b);                      // agency_id written from the request's agency
 *     history.record(...);                // JDBC, same transaction
 *     return b.toApi();
 * });
 * }</pre>
 */
public final class EntityWork {

    /** The EntityManager open for a unit in a transaction (its connection) as one agency (null: none) on this thread. */
    private record Open(EntityManagerFactory unit, Connection transaction, String agency) {
    }

    private static final ThreadLocal<Map<Open, EntityManager>> OPEN = ThreadLocal.withInitial(HashMap::new);

    private final Database database;
    private final EntityManagerFactory unit;

    public EntityWork(Database database, EntityManagerFactory unit) {
        this.database = database;
        this.unit = unit;
    }

    /** Runs {@code work} with an EntityManager limited to the request's agency, in the platform's transaction. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        return run(RequestContext.agencyId(), work);
    }

    /**
     * Runs {@code work} with an EntityManager limited to no agency, in the platform's transaction: for entities marked
     * {@link SharedAcrossAgencies} (the agencies themselves), read and written outside any agency's request (an
     * operator's, a login's). Tenant-owned entities cannot be read or written through it (fails closed). Agency work
     * nested in it ({@link #inTransaction}) gets an EntityManager of its own on the same connection: flush first what it
     * must see (a row its rows reference).
     */
    public <T> T acrossAgencies(Function<EntityManager, T> work) {
        return run(null, work);
    }

    private <T> T run(String agency, Function<EntityManager, T> work) {
        return database.inTransaction(connection -> {
            Open key = new Open(unit, connection, agency);
            EntityManager open = OPEN.get().get(key);
            if (open != null) {
                return work.apply(open);
            }
            Map<String, Object> properties = new HashMap<>();
            if (agency != null) {
                properties.put(TenantOwned.AGENCY, agency);
            }
            EntityManager em = unit.createEntityManager(properties);
            OPEN.get().put(key, em);
            try {
                em.getTransaction().begin();
                T result = work.apply(em);
                em.getTransaction().commit(); // a flush: the connection's commit is the platform's, when its transaction ends
                return result;
            } catch (RuntimeException | Error e) {
                database.setRollbackOnly();
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw translate(e);
            } finally {
                OPEN.get().remove(key);
                em.close();
            }
        });
    }

    /**
     * Now, at the precision every supported database keeps (PostgreSQL's timestamps hold microseconds): the time a store
     * writes, so that what a write answers is what a later read of the row gives.
     */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The provider's failures in the platform's terms: a write over a row another request changed first is 412, as the
     * JDBC stores answer it; an SQL failure becomes the {@link DataAccessException} the REST layer already maps (a
     * unique key 409, a deadlock 409, a timeout 503).
     */
    static RuntimeException translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return ProblemException.preconditionFailed("The record changed since it was read; read it again and retry.");
            }
            if (t instanceof SQLException sql) {
                return Jdbc.translate("(JPA)", sql);
            }
            if (t instanceof ProblemException || t instanceof Refusal || t instanceof DataAccessException) {
                return (RuntimeException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (e instanceof Error error) {
            throw error;
        }
        return (RuntimeException) e;
    }
}
