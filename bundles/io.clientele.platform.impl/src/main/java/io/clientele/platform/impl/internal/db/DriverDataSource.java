package io.clientele.platform.impl.internal.db;

import io.clientele.platform.api.db.Dialect;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A DataSource over an OSGi-provided JDBC driver, for the connection pool to draw from. */
final class DriverDataSource implements DataSource {

    private final Driver driver;
    private final String url;
    private final Properties properties = new Properties();
    private final boolean boundLogin;
    private volatile int loginTimeout;

    DriverDataSource(Driver driver, String url, String user, String password, Dialect dialect) {
        this.driver = driver;
        this.url = url;
        this.boundLogin = dialect == Dialect.POSTGRESQL && !url.contains(LOGIN_TIMEOUT + "=");
        if (user != null && !user.isBlank()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isBlank()) {
            properties.setProperty("password", password);
        }
        if (dialect == Dialect.DERBY) {
            properties.setProperty("create", "true");
        } else if (dialect == Dialect.POSTGRESQL && !url.contains(REWRITE_BATCHED_INSERTS + "=")) {
            properties.setProperty(REWRITE_BATCHED_INSERTS, "true");
        }
    }

    /**
     * pgjdbc sends a batch of inserts as one multi-row {@code INSERT … VALUES (…), (…)} per up to 128 rows instead of
     * one statement per row (imports, search words, history). Off unless asked for, so the platform asks for it; a URL
     * that names it keeps its own value. A rewritten batch reports no per-row update counts, which nothing here reads.
     */
    static final String REWRITE_BATCHED_INSERTS = "reWriteBatchedInserts";

    /**
     * pgjdbc's own login timeout (seconds), which it otherwise leaves unbounded: a database host that accepts the connection
     * and then never answers (hung, or a network that drops packets) held the pool's one connection-adding thread for
     * good, so the pool never refilled once the database was back. The pool's login timeout (its connection timeout)
     * is used, at least {@value #MIN_LOGIN_TIMEOUT_SECONDS} s (a slow login is retried, not refused); before the pool
     * exists, {@value #OPENING_LOGIN_TIMEOUT_SECONDS} s. A URL that names it keeps its own value.
     */
    static final String LOGIN_TIMEOUT = "loginTimeout";
    static final int MIN_LOGIN_TIMEOUT_SECONDS = 5;
    static final int OPENING_LOGIN_TIMEOUT_SECONDS = 30;

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = this.properties;
        if (boundLogin) {
            properties = new Properties();
            properties.putAll(this.properties);
            properties.setProperty(LOGIN_TIMEOUT, Integer.toString(loginTimeout > 0
                    ? Math.max(MIN_LOGIN_TIMEOUT_SECONDS, loginTimeout) : OPENING_LOGIN_TIMEOUT_SECONDS));
        }
        Connection c = driver.connect(url, properties);
        if (c == null) {
            throw new SQLException("the driver does not accept the URL");
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty("user", username);
        p.setProperty("password", password);
        return driver.connect(url, p);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no driver-level logging
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
