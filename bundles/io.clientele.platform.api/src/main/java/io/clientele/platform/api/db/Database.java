package io.clientele.platform.api.db;

import java.sql.Connection;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's one database. It is registered only after the platform schema is migrated, so
 * anything that references it may assume its tables exist.
 *
 * <p>Transactions are bound to the calling thread: a call to {@link #inTransaction} made while one is
 * already running on the thread joins it, so a module's write and, say, the outbox row it causes commit
 * or roll back together.
 */
@ProviderType
public interface Database {

    Dialect dialect();

    /** Runs {@code work} in the thread's transaction, starting (and committing or rolling back) one if none is running. */
    <T> T inTransaction(TransactionWork<T> work);

    /** Like {@link #inTransaction} but always in a transaction of its own, suspending the thread's current one. */
    <T> T inNewTransaction(TransactionWork<T> work);

    /** The running transaction's connection; throws when called outside {@link #inTransaction}. */
    Connection currentConnection();

    /**
     * Runs {@code work} (which opens transactions as it needs) with the statements it prepares given the longer statement
     * timeout of bulk reads instead of the usual one: for exports and reports that read a whole agency's rows through one
     * statement. Everything else runs under the usual timeout, so a runaway statement is cut off and answered 503.
     */
    default <T> T bulkRead(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /**
     * Marks the thread's running transaction so that it rolls back, not commits, when its outermost
     * {@link #inTransaction} ends (e.g. a JPA unit of work that failed inside it, whose exception a caller caught).
     *
     * @throws IllegalStateException when no transaction is running on this thread
     * @since 1.6
     */
    default void setRollbackOnly() {
        throw new UnsupportedOperationException("this Database cannot mark a transaction rollback-only");
    }

    /** Runs {@code action} after the running transaction commits (immediately when none is running). */
    void afterCommit(Runnable action);

    /**
     * Applies a bundle's Liquibase changelog (idempotent, safe with several nodes: Liquibase takes its lock). A changelog
     * whose content is the same as when it was last applied in full is not given to Liquibase again.
     *
     * @param changelogPath classpath resource of the changelog, unique across bundles (e.g. {@code db/clientele-budget.xml})
     * @param loader        the class loader that sees the changelog (the owning bundle's)
     */
    void migrate(String changelogPath, ClassLoader loader);
}
