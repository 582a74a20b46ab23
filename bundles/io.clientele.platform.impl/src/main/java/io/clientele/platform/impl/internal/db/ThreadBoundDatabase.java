package io.clientele.platform.impl.internal.db;

import io.clientele.platform.api.db.DataAccessException;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.db.TransactionWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Database} over a pooled DataSource, with the transaction bound to the calling thread. */
public class ThreadBoundDatabase implements Database {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadBoundDatabase.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final LiquibaseMigrator migrator;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();
    private final Set<LiquibaseMigrator.Changelog> migratedTogether = ConcurrentHashMap.newKeySet();
    private final StatementTimeouts timeouts;

    public ThreadBoundDatabase(DataSource dataSource, Dialect dialect, LiquibaseMigrator migrator) {
        this(dataSource, dialect, migrator, 0, 0);
    }

    /**
     * @param statementTimeoutSeconds     the statement timeout of transactions (0: none)
     * @param bulkStatementTimeoutSeconds the statement timeout while {@link #bulkRead} runs (0: none)
     */
    public ThreadBoundDatabase(DataSource dataSource, Dialect dialect, LiquibaseMigrator migrator, int statementTimeoutSeconds,
                               int bulkStatementTimeoutSeconds) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.migrator = migrator;
        this.timeouts = new StatementTimeouts(statementTimeoutSeconds, bulkStatementTimeoutSeconds);
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        Transaction tx = current.get();
        if (tx != null) {
            try {
                return work.run(tx.statements);
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed: " + e.getMessage(), e);
            }
        }
        return runInOwnTransaction(work);
    }

    @Override
    public <T> T inNewTransaction(TransactionWork<T> work) {
        Transaction suspended = current.get();
        current.remove();
        try {
            return runInOwnTransaction(work);
        } finally {
            if (suspended != null) {
                current.set(suspended);
            }
        }
    }

    private <T> T runInOwnTransaction(TransactionWork<T> work) {
        Transaction tx;
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            tx = new Transaction(c, timeouts.wrap(c));
        } catch (SQLException e) {
            throw new DataAccessException("cannot open a database connection: " + e.getMessage(), e);
        }
        current.set(tx);
        T result;
        try {
            result = work.run(tx.statements);
            if (tx.rollbackOnly) {
                throw new DataAccessException("the transaction was rolled back by a participant (e.g. a JPA transaction)", null);
            }
            tx.connection.commit();
        } catch (Throwable t) {
            rollbackQuietly(tx.connection);
            if (t instanceof SQLException e) {
                throw new DataAccessException("SQL failed: " + e.getMessage(), e);
            }
            throw sneaky(t);
        } finally {
            current.remove();
            closeQuietly(tx.connection);
        }
        for (Runnable action : tx.afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("after-commit action failed", e);
            }
        }
        return result;
    }

    @Override
    public Connection currentConnection() {
        Transaction tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("no transaction is running on this thread");
        }
        return tx.statements;
    }

    @Override
    public <T> T bulkRead(java.util.function.Supplier<T> work) {
        return timeouts.bulk(work);
    }

    /**
     * The running transaction's connection when one runs on this thread, for a participant that joins it (the
     * {@link ThreadBoundDataSource} handed to JPA providers).
     */
    java.util.Optional<Connection> joinableConnection() {
        Transaction tx = current.get();
        return tx == null ? java.util.Optional.empty() : java.util.Optional.of(tx.statements);
    }

    @Override
    public void setRollbackOnly() {
        Transaction tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("no transaction is running on this thread");
        }
        tx.rollbackOnly = true;
    }

    @Override
    public void afterCommit(Runnable action) {
        Transaction tx = current.get();
        if (tx == null) {
            action.run();
        } else {
            tx.afterCommit.add(action);
        }
    }

    @Override
    public void migrate(String changelogPath, ClassLoader loader) {
        if (migratedTogether.contains(new LiquibaseMigrator.Changelog(changelogPath, loader))) {
            LOG.debug("schema {} was migrated with the others at start", changelogPath);
            return;
        }
        Map<String, String> digests = SchemaDigests.of(List.of(new LiquibaseMigrator.Changelog(changelogPath, loader)));
        try (Connection c = dataSource.getConnection()) {
            if (SchemaDigests.allRecorded(c, digests)) {
                LOG.info("schema {} is unchanged since it was last applied (same digest): Liquibase not run", changelogPath);
                return;
            }
            migrator.migrate(c, changelogPath, loader);
            if (!c.getAutoCommit()) {
                c.commit(); // Liquibase may leave a read-only transaction open when there was nothing to apply
            }
            SchemaDigests.record(c, digests);
        } catch (SQLException e) {
            throw new DataAccessException("migration " + changelogPath + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Applies the changelogs together, in one Liquibase run (see {@link LiquibaseMigrator#migrateAll}); a later
     * {@link #migrate} of one of them, by the same class loader, then has nothing to do. When every changelog's digest
     * is the one recorded after it was last applied ({@link SchemaDigests}), Liquibase does not run at all.
     */
    void migrateTogether(List<LiquibaseMigrator.Changelog> changelogs) {
        Map<String, String> digests = SchemaDigests.of(changelogs);
        try (Connection c = dataSource.getConnection()) {
            if (SchemaDigests.allRecorded(c, digests)) {
                LOG.info("schemas {} are unchanged since they were last applied (same digests): Liquibase not run",
                        changelogs.stream().map(LiquibaseMigrator.Changelog::path).toList());
            } else {
                migrator.migrateAll(c, changelogs);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                SchemaDigests.record(c, digests);
            }
        } catch (SQLException e) {
            throw new DataAccessException("migration failed: " + e.getMessage(), e);
        }
        migratedTogether.addAll(changelogs);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
            c.close();
        } catch (SQLException e) {
            LOG.warn("closing a connection failed: {}", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private static final class Transaction {
        final Connection connection;
        /** The connection as the transaction's work sees it: its statements get the statement timeout. */
        final Connection statements;
        final List<Runnable> afterCommit = new ArrayList<>();
        boolean rollbackOnly;

        Transaction(Connection connection, Connection statements) {
            this.connection = connection;
            this.statements = statements;
        }
    }
}
