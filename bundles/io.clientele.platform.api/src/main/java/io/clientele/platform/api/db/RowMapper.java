package io.clientele.platform.api.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/** Turns the current row of a result set into a value. */
@ConsumerType
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
}
