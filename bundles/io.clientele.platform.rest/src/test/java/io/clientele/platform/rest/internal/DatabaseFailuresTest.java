package io.clientele.platform.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.db.DataAccessException;
import java.sql.SQLException;
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
        // Derby's lock timeout and a PostgreSQL deadlock
        assertEquals(503, new ProblemMapper().toResponse(new DataAccessException("x", new SQLException("A lock could not be obtained", "40XL1"))).getStatus());
        assertEquals(503, new ProblemMapper().toResponse(new DataAccessException("x", new SQLException("deadlock detected", "40P01"))).getStatus());
        assertEquals(503, new ProblemMapper().toResponse(new DataAccessException("x", new SQLException("canceling statement due to statement timeout", "57014"))).getStatus());
    }

    @Test
    void aWrongStatementIsStillTheServersFault() {
        assertFalse(DatabaseFailures.isTransient(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseFailures.isTransient(new SQLException("no state")));
        assertEquals(500, new ProblemMapper().toResponse(new DataAccessException("x", new SQLException("syntax error", "42601"))).getStatus());
        assertTrue(DatabaseFailures.isTransient(new SQLException("connection refused", "08001")));
    }
}
