package io.clientele.platform.impl.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clientele.platform.api.db.Dialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DriverDataSourceTest {

    /** A driver that only remembers what it was asked to connect with, and then refuses. */
    static final class RecordingDriver implements Driver {
        String url;
        Properties info;

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            this.url = url;
            this.info = info;
            throw new SQLException("recorded");
        }

        @Override
        public boolean acceptsURL(String url) {
            return true;
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }
    }

    private static Properties connectWith(String url, String user, String password, Dialect dialect) {
        RecordingDriver driver = new RecordingDriver();
        try {
            new DriverDataSource(driver, url, user, password, dialect).getConnection();
        } catch (SQLException expected) {
            // the recording driver refuses every connection
        }
        assertEquals(url, driver.url);
        return driver.info;
    }

    @Test
    void aPostgresqlLoginIsBoundedByThePoolsLoginTimeout() throws Exception {
        assertEquals("30", connectWith("jdbc:postgresql://db.example:5432/clientele", "app", "", Dialect.POSTGRESQL).getProperty("loginTimeout"));
        RecordingDriver driver = new RecordingDriver();
        DriverDataSource pooled = new DriverDataSource(driver, "jdbc:postgresql://db.example/c", "app", "", Dialect.POSTGRESQL);
        pooled.setLoginTimeout(2); // what the pool sets from its 2 s connection timeout
        try {
            pooled.getConnection();
        } catch (SQLException expected) {
            // recorded
        }
        assertEquals("5", driver.info.getProperty("loginTimeout"));
        assertNull(connectWith("jdbc:postgresql://db.example/c?loginTimeout=60", "app", "", Dialect.POSTGRESQL).getProperty("loginTimeout"));
        assertNull(connectWith("jdbc:derby:memory:x", "", "", Dialect.DERBY).getProperty("loginTimeout"));
    }

    @Test
    void postgresqlBatchesOfInsertsAreSentAsMultiRowInserts() {
        Properties p = connectWith("jdbc:postgresql://db.example:5432/clientele", "app", "secret", Dialect.POSTGRESQL);
        assertEquals("true", p.getProperty("reWriteBatchedInserts"));
        assertEquals("app", p.getProperty("user"));
        assertEquals("secret", p.getProperty("password"));
        assertNull(p.getProperty("create"));
    }

    @Test
    void aPostgresqlUrlThatNamesTheRewriteKeepsItsOwnValue() {
        Properties p = connectWith("jdbc:postgresql://db.example/clientele?currentSchema=a&reWriteBatchedInserts=false", "app", null,
                Dialect.POSTGRESQL);
        assertNull(p.getProperty("reWriteBatchedInserts"), "the URL's own setting is not overridden");
        assertNull(p.getProperty("password"));
    }

    @Test
    void embeddedDerbyIsCreatedWhenMissingAndGetsNoPostgresqlProperties() {
        Properties p = connectWith("jdbc:derby:/tmp/clientele/db", null, " ", Dialect.DERBY);
        assertEquals("true", p.getProperty("create"));
        assertNull(p.getProperty("reWriteBatchedInserts"));
        assertNull(p.getProperty("user"));
        assertNull(p.getProperty("password"));
    }
}
