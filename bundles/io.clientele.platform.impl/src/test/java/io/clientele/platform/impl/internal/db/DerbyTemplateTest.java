package io.clientele.platform.impl.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.db.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start copies the distribution's empty database instead of creating one, and a start whose changelogs are
 * unchanged does not run Liquibase; a changed changelog still gets migrated.
 */
class DerbyTemplateTest {

    private static final String MODULE = "db/clientele-migrator-test.xml";
    private final ClassLoader loader = getClass().getClassLoader();

    @TempDir
    Path temp;

    private List<LiquibaseMigrator.Changelog> platformAndModule() {
        return List.of(new LiquibaseMigrator.Changelog(DatabaseManager.PLATFORM_CHANGELOG, loader),
                new LiquibaseMigrator.Changelog(MODULE, loader));
    }

    private static EmbeddedDataSource derby(String name) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(name);
        ds.setCreateDatabase("create");
        return ds;
    }

    private static long count(ThreadBoundDatabase db, String sql) {
        return db.inTransaction(c -> Jdbc.queryOne(c, sql, rs -> rs.getLong(1)).orElseThrow());
    }

    private static void writeNote(ThreadBoundDatabase db) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO migrator_test_note (id, body, written_at) VALUES (?, ?, ?)",
                Jdbc.newId(), "written", Instant.now()));
    }

    private static void shutdown(Path folder) {
        try {
            DriverManager.getConnection("jdbc:derby:" + folder + ";shutdown=true");
        } catch (SQLException expected) {
            // 08006: shut down
        }
    }

    @Test
    void aFirstStartCopiesTheBuiltTemplateAndFindsItMigrated() throws Exception {
        Path template = temp.resolve("db-template/derby");
        DerbyTemplate.main(new String[] {template.toString(), DatabaseManager.PLATFORM_CHANGELOG, MODULE});
        assertTrue(Files.isRegularFile(template.resolve(DerbyTemplate.DERBY_MARKER)));
        try (Stream<Path> files = Files.walk(template)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".lck")), "Derby was shut down cleanly");
        }

        Path data = temp.resolve("data/clientele/db");
        assertTrue(DerbyTemplate.copyIfAbsent(template, data));
        ThreadBoundDatabase db = new ThreadBoundDatabase(derby(data.toString()), Dialect.DERBY, new LiquibaseMigrator());
        long changeSets = count(db, "SELECT COUNT(*) FROM databasechangelog");
        // proof that Liquibase does not run: it would apply the module's changeSets again and fail on the existing table
        db.inTransaction(c -> Jdbc.update(c, "DELETE FROM databasechangelog WHERE filename = ?", MODULE));
        db.migrateTogether(platformAndModule());
        assertEquals(changeSets - 2, count(db, "SELECT COUNT(*) FROM databasechangelog"));
        writeNote(db);

        // a database that is there is never replaced
        shutdown(data);
        assertFalse(DerbyTemplate.copyIfAbsent(template, data));
        ThreadBoundDatabase again = new ThreadBoundDatabase(derby(data.toString()), Dialect.DERBY, new LiquibaseMigrator());
        assertEquals(1, count(again, "SELECT COUNT(*) FROM migrator_test_note"));
        shutdown(data);
        try (Stream<Path> siblings = Files.list(data.getParent())) {
            assertEquals(List.of(data), siblings.toList(), "no staging folder is left behind");
        }
    }

    @Test
    void aChangedChangelogIsMigratedByLiquibaseAndItsDigestRecordedAgain() {
        EmbeddedDataSource ds = derby("memory:template-" + System.nanoTime());
        ThreadBoundDatabase db = new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator());
        db.migrateTogether(platformAndModule());
        String digest = SchemaDigests.of(new LiquibaseMigrator.Changelog(MODULE, loader));
        // as if the module's changelog had been another before this release
        db.inTransaction(c -> Jdbc.update(c, "UPDATE " + SchemaDigests.TABLE + " SET digest = 'older' WHERE changelog = ?", MODULE));

        new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator()).migrateTogether(platformAndModule());
        assertEquals(digest, db.inTransaction(c -> Jdbc.queryOne(c,
                "SELECT digest FROM " + SchemaDigests.TABLE + " WHERE changelog = ?", rs -> rs.getString(1), MODULE)).orElseThrow());
        writeNote(db);
    }

    @Test
    void aModuleInstalledLaterWithAnUnchangedChangelogDoesNotRunLiquibase() {
        EmbeddedDataSource ds = derby("memory:template-" + System.nanoTime());
        ThreadBoundDatabase db = new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator());
        db.migrateTogether(platformAndModule());
        db.inTransaction(c -> Jdbc.update(c, "DELETE FROM databasechangelog WHERE filename = ?", MODULE));

        new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator()).migrate(MODULE, loader);
        assertEquals(0, count(db, "SELECT COUNT(*) FROM databasechangelog WHERE filename = '" + MODULE + "'"));
    }

    @Test
    void aDatabaseWithoutDigestsIsMigratedAsBefore() {
        EmbeddedDataSource ds = derby("memory:template-" + System.nanoTime());
        ThreadBoundDatabase db = new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator());
        Boolean before = db.inTransaction(c -> SchemaDigests.allRecorded(c, SchemaDigests.of(platformAndModule())));
        assertFalse(before);
        db.migrateTogether(platformAndModule());
        Boolean after = db.inTransaction(c -> SchemaDigests.allRecorded(c, SchemaDigests.of(platformAndModule())));
        assertTrue(after);
        assertEquals(2, count(db, "SELECT COUNT(*) FROM " + SchemaDigests.TABLE));
    }

    @Test
    void aChangelogThatIncludesOthersRunsAlwaysOrIsMissingHasNoDigest() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("cp/db"));
        Files.writeString(folder.resolve("all.xml"), "<databaseChangeLog><include file=\"db/x.xml\"/></databaseChangeLog>");
        Files.writeString(folder.resolve("always.xml"), "<databaseChangeLog><changeSet id=\"v\" author=\"a\" runAlways=\"true\">"
                + "<sql>UPDATE t SET n = 0</sql></changeSet></databaseChangeLog>");
        try (var cp = new java.net.URLClassLoader(new java.net.URL[] {temp.resolve("cp").toUri().toURL()}, null)) {
            assertNull(SchemaDigests.of(new LiquibaseMigrator.Changelog("db/all.xml", cp)));
            assertNull(SchemaDigests.of(new LiquibaseMigrator.Changelog("db/missing.xml", cp)));
            assertNull(SchemaDigests.of(new LiquibaseMigrator.Changelog("db/always.xml", cp)));
            assertNull(SchemaDigests.of(List.of(new LiquibaseMigrator.Changelog(DatabaseManager.PLATFORM_CHANGELOG, loader),
                    new LiquibaseMigrator.Changelog("db/all.xml", cp))));
        }
    }

    @Test
    void onlyAnEmbeddedDatabaseOnDiskHasAFolder() {
        assertEquals(Paths.get("/var/clientele/db"), DerbyTemplate.databaseFolder("jdbc:derby:/var/clientele/db;create=true"));
        assertEquals(Paths.get("/var/clientele/db"), DerbyTemplate.databaseFolder("jdbc:derby:directory:/var/clientele/db"));
        assertNull(DerbyTemplate.databaseFolder("jdbc:derby:memory:test"));
        assertNull(DerbyTemplate.databaseFolder("jdbc:derby:jar:(/a.jar)db"));
        assertNull(DerbyTemplate.databaseFolder("jdbc:derby://localhost:1527/db"));
        assertNull(DerbyTemplate.databaseFolder("jdbc:postgresql://localhost/test"));
        assertEquals(Paths.get("/opt/karaf/db-template/derby"), DerbyTemplate.templateFolder("db-template/derby", "/opt/karaf"));
        assertEquals(Paths.get("/srv/tmpl"), DerbyTemplate.templateFolder("/srv/tmpl", "/opt/karaf"));
        assertNull(DerbyTemplate.templateFolder(" ", "/opt/karaf"));
    }

    @Test
    void withoutATemplateNothingIsCopied() throws Exception {
        Path data = temp.resolve("data/db");
        assertFalse(DerbyTemplate.copyIfAbsent(temp.resolve("no-template"), data));
        assertFalse(DerbyTemplate.copyIfAbsent(null, data));
        assertFalse(Files.exists(data));
    }
}
