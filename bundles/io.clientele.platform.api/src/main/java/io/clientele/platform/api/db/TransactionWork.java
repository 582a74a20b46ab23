package io.clientele.platform.api.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done inside a transaction on the given connection. */
@FunctionalInterface
public interface TransactionWork<T> {
    T run(Connection connection) throws SQLException;
}
