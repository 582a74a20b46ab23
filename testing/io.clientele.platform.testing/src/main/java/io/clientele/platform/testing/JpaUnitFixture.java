package io.clientele.platform.testing;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.impl.internal.db.DatabaseManager;
import io.clientele.platform.impl.internal.db.LiquibaseMigrator;
import io.clientele.platform.impl.internal.db.ThreadBoundDataSource;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import io.clientele.platform.jpa.EntityWork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A module's persistence unit outside OSGi, for the unit tests beside a store: a database migrated by the platform's
 * and the module's real changelogs, the platform's thread-bound transaction ({@link ThreadBoundDatabase}) and the
 * DataSource the runtime hands to JPA ({@link ThreadBoundDataSource}), and the unit built by EclipseLink from the
 * module's own {@code META-INF/persistence.xml} on that DataSource, as Aries JPA builds it in the runtime.
 *
 * <pre>{@code
 * try (JpaUnitFixture db = JpaUnitFixture.derby("budget", BudgetStore.class, "db/clientele-budget.xml")) {
 *     assertEquals(List.of(), db.mappingProblems());
 *     db.as("agency-a", () -> db.work().inTransaction(em -> ...));
 * }
 * }</pre>
 */
public final class JpaUnitFixture implements AutoCloseable {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private final DataSource pool;
    private final String unitName;
    private final ThreadBoundDatabase database;
    private final EntityManagerFactory unit;
    private final Runnable drop;
    private EntityManagerFactory platformUnit;

    private JpaUnitFixture(DataSource pool, Dialect dialect, String unitName, Class<?> owner, String[] changelogs, Runnable drop) {
        this.drop = drop;
        this.pool = pool;
        this.unitName = unitName;
        this.database = new ThreadBoundDatabase(pool, dialect, new LiquibaseMigrator());
        database.migrate("db/clientele-platform.xml", DatabaseManager.class.getClassLoader());
        for (String changelog : changelogs) {
            database.migrate(changelog, owner.getClassLoader());
        }
        this.unit = build(unitName, owner);
    }

    private EntityManagerFactory build(String unitName, Class<?> owner) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("javax.persistence.nonJtaDataSource", new ThreadBoundDataSource(pool, database));
        properties.put("eclipselink.classloader", owner.getClassLoader());
        EntityManagerFactory built = new PersistenceProvider().createEntityManagerFactory(unitName, properties);
        if (built == null) {
            throw new IllegalStateException("no persistence unit " + unitName + " in META-INF/persistence.xml");
        }
        built.createEntityManager().close(); // deploys the unit now: its customizer's refusals surface here
        return built;
    }

    /** The unit on a fresh in-memory Derby database migrated by the platform's and {@code owner}'s changelogs. */
    public static JpaUnitFixture derby(String unitName, Class<?> owner, String... changelogs) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        String name = "memory:unit-" + System.nanoTime();
        ds.setDatabaseName(name);
        ds.setCreateDatabase("create");
        return new JpaUnitFixture(ds, Dialect.DERBY, unitName, owner, changelogs, () -> {
            EmbeddedDataSource d = new EmbeddedDataSource();
            d.setDatabaseName(name);
            d.setConnectionAttributes("drop=true");
            try (Connection ignored = d.getConnection()) {
                // dropped
            } catch (SQLException expected) {
                // Derby answers a dropped database with an SQLException
            }
        });
    }

    /**
     * The unit on a fresh schema of the PostgreSQL on 127.0.0.1:5432 (database {@code test}, user {@code postgres},
     * trust auth); the calling test is skipped when none answers. The schema is dropped on {@link #close()}.
     */
    public static JpaUnitFixture postgres(String unitName, Class<?> owner, String... changelogs) {
        Assumptions.assumeTrue(postgresAnswers(), "no PostgreSQL on 127.0.0.1:5432");
        String schema = "clientele_unit_" + Long.toString(System.nanoTime(), 36);
        execute("CREATE SCHEMA " + schema);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(POSTGRES + "?currentSchema=" + schema);
        ds.setUser("postgres");
        return new JpaUnitFixture(ds, Dialect.POSTGRESQL, unitName, owner, changelogs, () -> execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    public static boolean postgresAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public Database database() {
        return database;
    }

    public EntityManagerFactory unit() {
        return unit;
    }

    /**
     * The platform's own unit {@code platform} (agencies, users, notifications) on the same database, for a module's
     * test that wires the platform's real stores beside its own (built on first use, closed with the fixture).
     */
    public synchronized EntityManagerFactory platformUnit() {
        if (platformUnit == null) {
            platformUnit = "platform".equals(unitName) ? unit : build("platform", DatabaseManager.class);
        }
        return platformUnit;
    }

    /** The store's way in: JPA work in the platform's transaction, as the current agency. */
    public EntityWork work() {
        return new EntityWork(database, unit);
    }

    /** Runs {@code work} as the platform acting for {@code agencyId} (the request context every store reads). */
    public <T> T as(String agencyId, Supplier<T> work) {
        return RequestContext.runAs(Principal.system(agencyId, "agency-" + agencyId, "unit test"), work);
    }

    /** A {@code SELECT COUNT(*) …} on the fixture's database, outside any store: what a test checks was (not) written. */
    public long count(String sql, Object... params) {
        return database.inTransaction(c -> Jdbc.count(c, sql, params));
    }

    /** One column of one row, read with plain SQL ({@code null} when there is no such row). */
    public String column(String sql, Object... params) {
        return database.inTransaction(c -> Jdbc.queryOne(c, sql, rs -> rs.getString(1), params)).orElse(null);
    }

    /**
     * Another request changes the row first: its {@code version} goes up by one in a transaction of its own, so a
     * store's write based on the version it read must fail with 412.
     */
    public void bumpVersion(String table, String id) {
        database.inNewTransaction(c -> Jdbc.update(c, "UPDATE " + table + " SET version = version + 1 WHERE id = ?", id));
    }

    /**
     * The row's {@code version} as the database has it, read with plain SQL; fails when there is no such row, so a
     * test asserting a version also asserts the row is there.
     */
    public long version(String table, String id) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT version FROM " + table + " WHERE id = ?", rs -> rs.getLong(1), id))
                .orElseThrow(() -> new AssertionError("no row " + id + " in " + table));
    }

    /** Every way the unit's mappings disagree with the migrated schema ({@link MappingCheck}); empty when none. */
    public List<String> mappingProblems() {
        return new MappingCheck(unit, database).problems();
    }

    @Override
    public void close() {
        if (platformUnit != null && platformUnit != unit) {
            platformUnit.close();
        }
        unit.close();
        drop.run();
    }
}
