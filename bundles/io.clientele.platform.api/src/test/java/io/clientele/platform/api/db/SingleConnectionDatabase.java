package io.clientele.platform.api.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A trivial {@link Database} on one in-memory Derby connection, for unit tests outside OSGi. */
final class SingleConnectionDatabase implements Database {
    private final Connection connection;
    private boolean inTransaction;

    SingleConnectionDatabase() throws SQLException {
        connection = DriverManager.getConnection("jdbc:derby:memory:api-" + System.nanoTime() + ";create=true");
        connection.setAutoCommit(false);
    }

    @Override
    public Dialect dialect() {
        return Dialect.DERBY;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        boolean outer = !inTransaction;
        inTransaction = true;
        try {
            T result = work.run(connection);
            if (outer) {
                connection.commit();
            }
            return result;
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        } finally {
            if (outer) {
                inTransaction = false;
            }
        }
    }

    @Override
    public <T> T inNewTransaction(TransactionWork<T> work) {
        return inTransaction(work);
    }

    @Override
    public Connection currentConnection() {
        return connection;
    }

    @Override
    public void afterCommit(Runnable action) {
        action.run();
    }

    @Override
    public void migrate(String changelogPath, ClassLoader loader) {
        throw new UnsupportedOperationException("tests create their tables with SQL");
    }
}
