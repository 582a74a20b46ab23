package io.clientele.platform.impl.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.db.Jdbc;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;

/**
 * The platform applies every changelog present at start in one Liquibase run, and a module hot-deployed later applies
 * its own: both must record the same changeSets under the same changelog, so that neither applies the other's again
 * (which would fail on "table already exists", or worse).
 */
class LiquibaseMigratorTest {

    private static final String MODULE = "db/clientele-migrator-test.xml";
    private final ClassLoader loader = getClass().getClassLoader();

    private List<LiquibaseMigrator.Changelog> platformAndModule() {
        return List.of(new LiquibaseMigrator.Changelog(DatabaseManager.PLATFORM_CHANGELOG, loader),
                new LiquibaseMigrator.Changelog(MODULE, loader));
    }

    private static EmbeddedDataSource freshDerby() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:migrator-" + System.nanoTime());
        ds.setCreateDatabase("create");
        return ds;
    }

    private static Map<String, Long> changeSetsPerChangelog(ThreadBoundDatabase db) {
        Map<String, Long> perFile = new TreeMap<>();
        db.inTransaction(c -> Jdbc.query(c, "SELECT filename, COUNT(*) FROM databasechangelog GROUP BY filename",
                rs -> perFile.put(rs.getString(1), rs.getLong(2))));
        return perFile;
    }

    private static void writeNote(ThreadBoundDatabase db) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO migrator_test_note (id, body, written_at) VALUES (?, ?, ?)",
                Jdbc.newId(), "written", Instant.now()));
    }

    /** Makes the next start run Liquibase even though no changelog changed (see {@link SchemaDigests}). */
    static void forgetDigests(EmbeddedDataSource ds) {
        new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator())
                .inTransaction(c -> Jdbc.update(c, "DELETE FROM " + SchemaDigests.TABLE));
    }

    /**
     * A database object as a starting node has it (nothing remembered of earlier runs), after applying the platform's
     * and the module's changelogs in one run or one after the other.
     */
    private ThreadBoundDatabase migrated(EmbeddedDataSource ds, boolean together) {
        ThreadBoundDatabase db = new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator());
        if (together) {
            db.migrateTogether(platformAndModule());
        } else {
            db.migrate(DatabaseManager.PLATFORM_CHANGELOG, loader);
            db.migrate(MODULE, loader);
        }
        return db;
    }

    @Test
    void changelogsAppliedTogetherAreFoundDoneOneByOne() {
        EmbeddedDataSource ds = freshDerby();
        Map<String, Long> together = changeSetsPerChangelog(migrated(ds, true));
        assertEquals(2L, together.get(MODULE));
        assertEquals(2, together.size(), "one entry per changelog, none for the changelog that includes them: " + together);

        // another node, or the next start without the common run: each changelog on its own has nothing to do
        forgetDigests(ds);
        ThreadBoundDatabase oneByOne = migrated(ds, false);
        assertEquals(together, changeSetsPerChangelog(oneByOne));
        writeNote(oneByOne);
    }

    @Test
    void changelogsAppliedOneByOneAreFoundDoneTogether() {
        EmbeddedDataSource ds = freshDerby();
        Map<String, Long> before = changeSetsPerChangelog(migrated(ds, false));
        forgetDigests(ds);
        ThreadBoundDatabase atStart = migrated(ds, true);
        assertEquals(before, changeSetsPerChangelog(atStart));
        writeNote(atStart);
    }

    @Test
    void aChangelogMissingFromTheDatabaseIsAppliedByTheCommonRunAndThenSkippedByItsBundle() {
        EmbeddedDataSource ds = freshDerby();
        ThreadBoundDatabase db = new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator());
        db.migrate(DatabaseManager.PLATFORM_CHANGELOG, loader); // an installation from before the module existed
        db.migrateTogether(platformAndModule());
        db.migrate(MODULE, loader); // the module starting: already done
        assertEquals(2L, changeSetsPerChangelog(db).get(MODULE));
        writeNote(db);
    }
}
