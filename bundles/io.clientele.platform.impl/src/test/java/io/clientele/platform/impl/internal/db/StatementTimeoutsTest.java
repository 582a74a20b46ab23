package io.clientele.platform.impl.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.db.DataAccessException;
import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.db.Jdbc;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The statement timeout of transactions, on a real (embedded) Derby. */
class StatementTimeoutsTest {

    private static ThreadBoundDatabase db;

    @BeforeAll
    static void open() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:timeouts-" + System.nanoTime());
        ds.setCreateDatabase("create");
        db = new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator(), 1, 7);
    }

    @Test
    void aStatementRunningPastTheTimeoutIsCutOffAsATimeout() {
        long t0 = System.nanoTime();
        // a join of the catalog with itself four times over: billions of rows, minutes of work
        DataAccessException e = assertThrows(DataAccessException.class, () -> db.inTransaction(c -> Jdbc.count(c,
                "SELECT COUNT(*) FROM SYS.SYSCOLUMNS a, SYS.SYSCOLUMNS b, SYS.SYSCOLUMNS c, SYS.SYSCOLUMNS d")));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 10_000, "cut off after " + ms + " ms");
        SQLException sql = (SQLException) e.getCause();
        assertTrue(sql instanceof SQLTimeoutException || "XCL52".equals(sql.getSQLState()), sql + " " + sql.getSQLState());
        // the connection went back to the pool in a usable state
        assertEquals(1L, (long) db.inTransaction(c -> Jdbc.count(c, "VALUES 1")));
    }

    @Test
    void bulkReadsGetTheirOwnTimeoutAndEverythingElseTheUsualOne() throws SQLException {
        assertEquals(1, (int) db.inTransaction(c -> timeoutOf(c.prepareStatement("VALUES 1"))));
        assertEquals(1, (int) db.inTransaction(c -> timeoutOf(c.createStatement())));
        assertEquals(7, (int) db.bulkRead(() -> db.inTransaction(c -> timeoutOf(c.prepareStatement("VALUES 1")))));
        // a transaction joined inside a bulk read, and the usual timeout again afterwards
        assertEquals(7, (int) db.bulkRead(() -> db.bulkRead(() -> db.inTransaction(c -> timeoutOf(c.prepareStatement("VALUES 1"))))));
        assertEquals(1, (int) db.inTransaction(c -> timeoutOf(c.prepareStatement("VALUES 1"))));
        assertEquals(1, (int) db.inTransaction(c -> timeoutOf(db.currentConnection().prepareStatement("VALUES 1"))));
    }

    private static int timeoutOf(java.sql.Statement s) throws SQLException {
        try (s) {
            return s.getQueryTimeout();
        }
    }
}
