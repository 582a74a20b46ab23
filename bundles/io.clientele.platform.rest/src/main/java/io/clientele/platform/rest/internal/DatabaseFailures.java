package io.clientele.platform.rest.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;

/**
 * Which database failures are the database being unavailable or busy — worth a 503 with {@code Retry-After}, since
 * the same request may well succeed a moment later — rather than a fault of the platform (a 500): no connection within
 * the pool's timeout, a connection lost, a lock wait (Derby 40XL1, PostgreSQL 55P03) or statement (Derby XCL52,
 * PostgreSQL 57014) that timed out. A deadlock or serialization failure (40001, PostgreSQL 40P01) is a conflict with
 * another change made at the same moment: 409 {@code conflict}, which the client resolves by reading again and retrying.
 */
final class DatabaseFailures {

    static final long RETRY_AFTER_SECONDS = 2;

    private DatabaseFailures() {
    }

    /** Whether the failure is a deadlock or serialization failure: the transaction lost against a concurrent one. */
    static boolean isConflict(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state)) {
                return true;
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return false;
    }

    static boolean isTransient(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s instanceof SQLTransientException || s instanceof SQLRecoverableException
                    || s instanceof SQLNonTransientConnectionException || s instanceof SQLTimeoutException) {
                return true;
            }
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") // connection exception
                    || state.startsWith("40") // transaction rollback: deadlock, serialization, Derby's lock timeout 40XL1
                    || state.equals("55P03") // PostgreSQL lock_not_available
                    || state.equals("57014") // PostgreSQL query_canceled (statement timeout)
                    || state.equals("XCL52") // Derby: statement cancelled or timed out
                    || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) { // server shutting down / starting
                return true;
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return false;
    }

    static String detail(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("40") || state.equals("55P03"))) {
            return "The data is busy with another change; try again in a moment.";
        }
        if (e instanceof java.sql.SQLTimeoutException || "XCL52".equals(state) || "57014".equals(state)) {
            return "The database took too long to answer; try again in a moment.";
        }
        return "The database is not available right now; try again in a moment.";
    }
}
