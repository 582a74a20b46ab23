package io.clientele.platform.impl.internal.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The platform's DataSource as handed to JPA providers (spike for issue 18). Inside {@code Database.inTransaction}
 * it answers the thread's running transaction's connection, wrapped so that the provider can neither end the
 * transaction nor give the connection back: {@code commit}, {@code setAutoCommit} and {@code close} do nothing,
 * {@code rollback} marks the platform's transaction rollback-only. The platform commits or rolls back once, for the
 * JDBC and the JPA writes together. Outside a transaction it answers a pooled connection (the provider's start-up
 * metadata reads, reads outside transactions).
 */
public final class ThreadBoundDataSource implements DataSource {

    private final DataSource pool;
    private final ThreadBoundDatabase database;

    public ThreadBoundDataSource(DataSource pool, ThreadBoundDatabase database) {
        this.pool = pool;
        this.database = database;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Optional<Connection> joined = database.joinableConnection();
        return joined.isPresent() ? joined(joined.get()) : pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private Connection joined(Connection target) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close":
                        closed = true;
                        return null;
                    case "isClosed":
                        return closed || target.isClosed();
                    case "commit":
                        return null; // the platform commits when its transaction ends
                    case "rollback":
                        if (args == null || args.length == 0) {
                            database.setRollbackOnly();
                            return null;
                        }
                        break; // rollback to a savepoint stays the provider's business
                    case "setAutoCommit":
                        return null;
                    case "getAutoCommit":
                        return false;
                    case "unwrap":
                        return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
                    case "isWrapperFor":
                        return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        break;
                }
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(ThreadBoundDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
