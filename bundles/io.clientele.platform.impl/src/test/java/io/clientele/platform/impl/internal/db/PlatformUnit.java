package io.clientele.platform.impl.internal.db;

import java.util.HashMap;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * The platform's persistence unit {@code platform} outside OSGi, on a fresh migrated Derby database: built by EclipseLink
 * from this bundle's {@code META-INF/persistence.xml} on the DataSource the runtime hands to JPA
 * ({@link ThreadBoundDataSource}), as Aries JPA builds it. (The tests of other bundles use
 * {@code JpaUnitFixture.platformUnit()}, which lives in a module that depends on this one.)
 */
public record PlatformUnit(ThreadBoundDatabase database, EntityManagerFactory unit) {

    public static PlatformUnit derby() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:platform-unit-" + System.nanoTime());
        ds.setCreateDatabase("create");
        ThreadBoundDatabase db = new ThreadBoundDatabase(ds, io.clientele.platform.api.db.Dialect.DERBY, new LiquibaseMigrator());
        db.migrate(DatabaseManager.PLATFORM_CHANGELOG, PlatformUnit.class.getClassLoader());
        Map<String, Object> properties = new HashMap<>();
        properties.put("javax.persistence.nonJtaDataSource", new ThreadBoundDataSource(ds, db));
        properties.put("eclipselink.classloader", DatabaseManager.class.getClassLoader());
        EntityManagerFactory unit = new PersistenceProvider().createEntityManagerFactory("platform", properties);
        if (unit == null) {
            throw new IllegalStateException("no persistence unit platform in META-INF/persistence.xml");
        }
        return new PlatformUnit(db, unit);
    }
}
