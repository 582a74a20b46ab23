package io.clientele.platform.impl.internal.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * The statement timeout of the platform's transactions: every statement a transaction's connection creates gets
 * {@link Statement#setQueryTimeout} (the same on Derby and PostgreSQL, whose driver cancels the statement on the server),
 * the bulk-read timeout while {@link #bulk} runs on the thread, the usual one otherwise. A statement cut off fails with
 * a {@link java.sql.SQLTimeoutException} (Derby: SQLState XCL52; PostgreSQL: 57014), which the REST layer answers 503.
 * 0 means no timeout. Migrations use the pool's connections directly and are never cut off.
 */
final class StatementTimeouts {

    private final ThreadLocal<Boolean> inBulkRead = new ThreadLocal<>();
    private volatile int seconds;
    private volatile int bulkSeconds;

    StatementTimeouts(int seconds, int bulkSeconds) {
        this.seconds = Math.max(0, seconds);
        this.bulkSeconds = Math.max(0, bulkSeconds);
    }

    /** The timeout a statement created now on this thread gets, in seconds (0: none). */
    int current() {
        return Boolean.TRUE.equals(inBulkRead.get()) ? bulkSeconds : seconds;
    }

    <T> T bulk(Supplier<T> work) {
        Boolean outer = inBulkRead.get();
        inBulkRead.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                inBulkRead.remove();
            }
        }
    }

    /** The connection, its statements given the thread's timeout as they are created. */
    Connection wrap(Connection connection) {
        if (seconds == 0 && bulkSeconds == 0) {
            return connection;
        }
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Statement statement && creates(method)) {
                int timeout = current();
                if (timeout > 0) {
                    try {
                        statement.setQueryTimeout(timeout);
                    } catch (SQLException e) {
                        statement.close();
                        throw e;
                    }
                }
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(StatementTimeouts.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static boolean creates(Method method) {
        String name = method.getName();
        return name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall");
    }
}
