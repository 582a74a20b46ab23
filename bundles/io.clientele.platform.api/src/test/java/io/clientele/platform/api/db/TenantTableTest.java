package io.clientele.platform.api.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenant isolation is enforced by TenantTable itself: one agency never reads or writes another's rows. */
class TenantTableTest {

    private static final Principal AGENCY_A = Principal.system("agency-a", "a", "test");
    private static final Principal AGENCY_B = Principal.system("agency-b", "b", "test");

    private Database db;
    private TenantTable notes;

    @BeforeEach
    void createTable() throws Exception {
        db = new SingleConnectionDatabase();
        db.inTransaction(c -> Jdbc.update(c, "CREATE TABLE note (id VARCHAR(36) PRIMARY KEY, agency_id VARCHAR(36) NOT NULL, "
                + "text VARCHAR(100), version BIGINT NOT NULL)"));
        notes = new TenantTable(db, "note");
        RequestContext.runAs(AGENCY_A, () -> notes.insert(Map.of("id", "n1", "text", "of A", "version", 0L)));
        RequestContext.runAs(AGENCY_B, () -> notes.insert(Map.of("id", "n2", "text", "of B", "version", 0L)));
    }

    private static String text(java.sql.ResultSet rs) throws java.sql.SQLException {
        return rs.getString("text");
    }

    @Test
    void readsOnlyTheCurrentAgencysRows() {
        assertEquals(List.of("of A"), RequestContext.runAs(AGENCY_A, () -> notes.find(null, List.of(), "id", 10, TenantTableTest::text)));
        assertTrue(RequestContext.runAs(AGENCY_A, () -> notes.findById("n2", TenantTableTest::text)).isEmpty());
        assertEquals("of B", RequestContext.runAs(AGENCY_B, () -> notes.findById("n2", TenantTableTest::text)).orElseThrow());
        assertEquals(1, RequestContext.runAs(AGENCY_A, () -> notes.count(null, List.of())));
        // a condition cannot widen the scope: it is ANDed inside parentheses
        assertEquals(List.of("of A"), RequestContext.runAs(AGENCY_A,
                () -> notes.find("1 = 1 OR 1 = 1", List.of(), "id", 10, TenantTableTest::text)));
    }

    @Test
    void aReadThroughANamedIndexReachesDerbyAndStaysInTheAgency() {
        db.inTransaction(c -> Jdbc.update(c, "CREATE INDEX ix_note_text ON note (agency_id, text)"));
        RequestContext.runAs(AGENCY_A, () -> notes.insert(Map.of("id", "n3", "text", "another of A", "version", 0L)));
        assertEquals(List.of("another of A", "of A"), RequestContext.runAs(AGENCY_A,
                () -> notes.findThroughIndex("ix_note_text", null, List.of(), "text", 10, TenantTableTest::text)));
        // the hint is Derby's optimizer override: an index that is not there is Derby's error, so the hint was read
        assertThrows(DataAccessException.class, () -> RequestContext.runAs(AGENCY_A,
                () -> notes.findThroughIndex("ix_note_missing", null, List.of(), "text", 10, TenantTableTest::text)));
        assertThrows(IllegalArgumentException.class, () -> Dialect.DERBY.indexHint("ix; DROP TABLE note"));
        assertEquals("", Dialect.POSTGRESQL.indexHint("ix_note_text"));
    }

    @Test
    void writesOnlyTheCurrentAgencysRows() {
        assertEquals(0, RequestContext.runAs(AGENCY_A, () -> notes.update("n2", null, Map.of("text", "hijacked"))));
        assertEquals(0, RequestContext.runAs(AGENCY_A, () -> notes.delete("id = ?", List.of("n2"))));
        assertEquals("of B", RequestContext.runAs(AGENCY_B, () -> notes.findById("n2", TenantTableTest::text)).orElseThrow());
    }

    @Test
    void updateChecksAndBumpsTheVersion() {
        assertEquals(1, RequestContext.runAs(AGENCY_A, () -> notes.update("n1", 0L, Map.of("text", "edited"))));
        assertEquals(0, RequestContext.runAs(AGENCY_A, () -> notes.update("n1", 0L, Map.of("text", "stale"))));
        assertEquals("edited", RequestContext.runAs(AGENCY_A, () -> notes.findById("n1", TenantTableTest::text)).orElseThrow());
        assertEquals(1L, RequestContext.runAs(AGENCY_A, () -> notes.findById("n1", rs -> rs.getLong("version"))).orElseThrow());
    }

    @Test
    void refusesWorkWithoutAnAgencyAndForeignAgencyIds() {
        assertThrows(IllegalStateException.class, () -> notes.find(null, List.of(), null, 1, TenantTableTest::text));
        assertThrows(IllegalArgumentException.class,
                () -> RequestContext.runAs(AGENCY_A, () -> notes.insert(Map.of("id", "x", "agency_id", "agency-b", "version", 0L))));
        assertThrows(IllegalArgumentException.class, () -> RequestContext.runAs(AGENCY_A, () -> notes.update("n1", null, Map.of("agency_id", "b"))));
        assertThrows(IllegalArgumentException.class, () -> new TenantTable(db, "note; DROP TABLE note"));
        assertThrows(IllegalArgumentException.class,
                () -> RequestContext.runAs(AGENCY_A, () -> notes.insert(Map.of("id", "y", "text) VALUES ('x'); --", "x"))));
    }

    @Test
    void insertAllWritesEveryRowInTheCurrentAgency() {
        RequestContext.runAs(AGENCY_A, () -> notes.insertAll(List.of(Map.of("id", "n3", "text", "third", "version", 0L),
                Map.of("version", 0L, "id", "n4", "text", "fourth"))));
        RequestContext.runAs(AGENCY_A, () -> notes.insertAll(List.of()));
        assertEquals(List.of("of A", "third", "fourth"),
                RequestContext.runAs(AGENCY_A, () -> notes.find(null, List.of(), "id", 10, TenantTableTest::text)));
        assertEquals(List.of("of B"), RequestContext.runAs(AGENCY_B, () -> notes.find(null, List.of(), "id", 10, TenantTableTest::text)));
        assertThrows(DuplicateKeyException.class, () -> RequestContext.runAs(AGENCY_A,
                () -> notes.insertAll(List.of(Map.of("id", "n5", "version", 0L), Map.of("id", "n1", "version", 0L)))));
        assertThrows(IllegalArgumentException.class, () -> RequestContext.runAs(AGENCY_A,
                () -> notes.insertAll(List.of(Map.of("id", "x", "agency_id", "agency-b", "version", 0L)))));
        assertThrows(IllegalArgumentException.class, () -> RequestContext.runAs(AGENCY_A,
                () -> notes.insertAll(List.of(Map.of("id", "x1", "version", 0L), Map.of("id", "x2", "text", "t")))));
        assertThrows(IllegalArgumentException.class, () -> RequestContext.runAs(AGENCY_A,
                () -> notes.insertAll(List.of(Map.of("id", "y", "text) VALUES ('x'); --", "x")))));
    }

    @Test
    void identifiersAreLowerCaseWordsOfAtMost63Characters() {
        assertEquals("a", TenantTable.identifier("a"));
        assertEquals("customer_search_term2", TenantTable.identifier("customer_search_term2"));
        assertEquals("a".repeat(63), TenantTable.identifier("a".repeat(63)));
        for (String bad : new String[] {null, "", "a".repeat(64), "1a", "_a", "Name", "a-b", "a b", "a;", "a\"", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> TenantTable.identifier(bad), String.valueOf(bad));
        }
    }

    @Test
    void streamsOnlyTheCurrentAgencysRowsInStorageOrderToo() {
        RequestContext.runAs(AGENCY_A, () -> notes.insert(Map.of("id", "n3", "text", "also of A", "version", 0L)));
        List<String> seen = new java.util.ArrayList<>();
        RequestContext.runAs(AGENCY_A, () -> notes.forEachInStorageOrder(List.of("id", "text"), "1 = 1 OR 1 = 1", List.of(), 10,
                TenantTableTest::text, seen::add));
        seen.sort(null);
        assertTrue(RequestContext.runAs(AGENCY_A, () -> notes.hasAtLeast(null, List.of(), 2)));
        assertTrue(!RequestContext.runAs(AGENCY_A, () -> notes.hasAtLeast(null, List.of(), 3)));
        assertTrue(!RequestContext.runAs(AGENCY_B, () -> notes.hasAtLeast("1 = 1 OR 1 = 1", List.of(), 2)));
        assertEquals(List.of("also of A", "of A"), seen);
        List<String> ordered = new java.util.ArrayList<>();
        RequestContext.runAs(AGENCY_A, () -> notes.forEach(List.of("text"), null, List.of(), "text DESC", 10, TenantTableTest::text,
                ordered::add));
        assertEquals(List.of("of A", "also of A"), ordered);
        assertThrows(IllegalArgumentException.class, () -> RequestContext.runAs(AGENCY_A, () -> notes.forEachInStorageOrder(
                List.of("id, (SELECT 1 FROM note)"), null, List.of(), 10, TenantTableTest::text, seen::add)));
    }
}
