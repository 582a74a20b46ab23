package io.clientele.platform.impl.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.db.Jdbc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ThreadBoundDatabaseTest {

    private static ThreadBoundDatabase db;

    @BeforeAll
    static void migrate() {
        db = MigratedDerby.create();
    }

    private static long secrets(String prefix) {
        return db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM platform_secret WHERE name LIKE ?", prefix + "%"));
    }

    private static void insertSecret(String name) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO platform_secret (name, secret_value, created_at) VALUES (?, 'v', ?)",
                name, Instant.now()));
    }

    @Test
    void nestedWorkJoinsTheOuterTransactionAndRollsBackWithIt() {
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            insertSecret("rollback-1");
            insertSecret("rollback-2");
            throw new IllegalStateException("the outer change fails");
        }));
        assertEquals(0, secrets("rollback-"));
    }

    @Test
    void aNewTransactionCommitsOnItsOwn() {
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            insertSecret("outer-1");
            db.inNewTransaction(c2 -> {
                insertSecret("independent-1");
                return null;
            });
            throw new IllegalStateException("outer fails");
        }));
        assertEquals(0, secrets("outer-"));
        assertEquals(1, secrets("independent-"));
    }

    @Test
    void afterCommitRunsOnlyWhenTheTransactionCommits() {
        List<String> ran = new ArrayList<>();
        db.inTransaction(c -> {
            db.afterCommit(() -> ran.add("committed"));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            db.afterCommit(() -> ran.add("rolled back"));
            throw new IllegalStateException();
        }));
        assertEquals(List.of("committed"), ran);
    }

    @Test
    void uniqueViolationsAreTranslated() {
        insertSecret("unique-1");
        assertThrows(DuplicateKeyException.class, () -> insertSecret("unique-1"));
    }

    @Test
    void migrationsAreIdempotent() {
        db.migrate(DatabaseManager.PLATFORM_CHANGELOG, getClass().getClassLoader());
        long agencies = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM platform_agency"));
        assertEquals(0L, agencies);
    }

    @Test
    void urlsChooseTheDatabase() {
        assertEquals("jdbc:derby:/opt/k/data/clientele/db", DatabaseManager.effectiveUrl("jdbc:derby:clientele/db", "/opt/k/data"));
        assertEquals("jdbc:derby:/abs/db", DatabaseManager.effectiveUrl("jdbc:derby:/abs/db", "/opt/k/data"));
        assertEquals(Dialect.POSTGRESQL, DatabaseManager.dialectOf("jdbc:postgresql://db:5432/clientele"));
        assertEquals(Dialect.DERBY, DatabaseManager.dialectOf("jdbc:derby:x"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseManager.dialectOf("jdbc:mysql://x/y"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=***", DatabaseManager.redact("jdbc:postgresql://h/db?user=u&password=secret"));
    }
}
