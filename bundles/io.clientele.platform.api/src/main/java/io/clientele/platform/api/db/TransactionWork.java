package io.clientele.platform.api.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/** Work done inside a transaction on the given connection. */
@ConsumerType
@FunctionalInterface
public interface TransactionWork<T> {
    T run(Connection connection) throws SQLException;
}
