package io.clientele.platform.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.db.DataAccessException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.sql.SQLTransientConnectionException;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void aDatabaseThatIsDownOrBusyIsA503WithRetryAfterNotA500() {
        // what the pool throws when no connection comes within its timeout (database down)
        Response down = new ProblemMapper().toResponse(new DataAccessException("cannot open a database connection",
                new SQLTransientConnectionException("clientele - Connection is not available, request timed out after 2000ms.")));
        assertEquals(503, down.getStatus());
        assertEquals("2", String.valueOf(down.getHeaderString("Retry-After")));
        assertEquals("service_unavailable", ((Problem) down.getEntity()).code());
        // lock timeouts (Derby, PostgreSQL) and statement timeouts (PostgreSQL, Derby: as the drivers throw them)
        for (SQLException busy : List.of(new SQLTransactionRollbackException("A lock could not be obtained within the time requested", "40XL1"),
                new SQLException("could not obtain lock on row", "55P03"),
                new SQLException("canceling statement due to statement timeout", "57014"),
                new SQLTimeoutException("The statement has been cancelled or timed out.", "XCL52"),
                new SQLException("The statement has been cancelled or timed out.", "XCL52"))) {
            Response r = new ProblemMapper().toResponse(new DataAccessException("x", busy));
            assertEquals(503, r.getStatus(), busy.getSQLState());
            assertEquals("2", String.valueOf(r.getHeaderString("Retry-After")), busy.getSQLState());
            assertEquals("service_unavailable", ((Problem) r.getEntity()).code());
        }
    }

    @Test
    void aDeadlockIsA409ConflictNotA500() {
        for (SQLException deadlock : List.of(new SQLTransactionRollbackException("A lock could not be obtained due to a deadlock", "40001"),
                new SQLException("deadlock detected", "40P01"),
                new SQLException("could not serialize access due to concurrent update", "40001"))) {
            Response r = new ProblemMapper().toResponse(new DataAccessException("x", deadlock));
            assertEquals(409, r.getStatus(), deadlock.getSQLState());
            assertEquals("conflict", ((Problem) r.getEntity()).code());
        }
        // inside a batch, the deadlock is the next exception of the batch's own
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("batch failed", "XJ208", new int[0]);
        batch.setNextException(new SQLTransactionRollbackException("deadlock", "40001"));
        assertEquals(409, new ProblemMapper().toResponse(new DataAccessException("x", batch)).getStatus());
    }

    @Test
    void aWrongStatementIsStillTheServersFault() {
        assertFalse(DatabaseFailures.isTransient(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseFailures.isTransient(new SQLException("no state")));
        assertEquals(500, new ProblemMapper().toResponse(new DataAccessException("x", new SQLException("syntax error", "42601"))).getStatus());
        assertTrue(DatabaseFailures.isTransient(new SQLException("connection refused", "08001")));
    }
}
