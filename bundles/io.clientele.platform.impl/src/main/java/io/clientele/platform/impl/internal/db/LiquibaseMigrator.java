package io.clientele.platform.impl.internal.db;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies a bundle's Liquibase changelog. Liquibase's lock table keeps several nodes from migrating at once. */
public class LiquibaseMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseMigrator.class);

    public void migrate(Connection connection, String changelogPath, ClassLoader loader) {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.classLoader.name(), loader);
        // never report usage to Liquibase's servers (the platform may run offline, and it is the operator's data)
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        scope.put("liquibase.showBanner", Boolean.FALSE);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Liquibase.class.getClassLoader());
        try {
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                @SuppressWarnings("deprecation")
                Liquibase liquibase = new Liquibase(changelogPath, new ClassLoaderResourceAccessor(loader), database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
            LOG.info("schema {} is up to date", changelogPath);
        } catch (Exception e) {
            throw new IllegalStateException("migration " + changelogPath + " failed: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
