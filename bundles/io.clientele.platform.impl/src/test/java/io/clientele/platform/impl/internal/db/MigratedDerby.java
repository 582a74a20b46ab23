package io.clientele.platform.impl.internal.db;

import io.clientele.platform.api.db.Dialect;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** A fresh in-memory Derby database with the platform schema applied by the real Liquibase changelog. */
public final class MigratedDerby {
    private MigratedDerby() {
    }

    public static ThreadBoundDatabase create() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:platform-" + System.nanoTime());
        ds.setCreateDatabase("create");
        ThreadBoundDatabase db = new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator());
        db.migrate(DatabaseManager.PLATFORM_CHANGELOG, MigratedDerby.class.getClassLoader());
        return db;
    }
}
