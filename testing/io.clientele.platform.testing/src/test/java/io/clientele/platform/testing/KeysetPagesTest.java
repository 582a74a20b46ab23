package io.clientele.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.agency.AgencyStore;
import io.clientele.platform.impl.internal.notification.NotificationRecord;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.KeysetPages;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JPQL that {@link KeysetPages} builds from a {@link Keyset}, on a real unit (the platform's notifications) on
 * migrated Derby: both directions, ties on the sort key across pages, the caller's condition and the agency, the bad
 * cursor, and pages refilled when {@code keep} leaves rows out. Here, not beside {@code KeysetPages}, because the
 * fixture's module depends on the JPA bundle.
 */
class KeysetPagesTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-03T10:00:00Z");

    private static JpaUnitFixture db;
    /** Ana's rows of agency a, as (createdAt, id). */
    private static final List<String[]> ANA = new ArrayList<>();

    @BeforeAll
    static void rows() {
        db = JpaUnitFixture.derby("platform", AgencyStore.class);
        Instant[] times = {T2, T1, T3, T2, T2, T1, T2, T3, T2, T1, T2, T2};
        for (int i = 0; i < times.length; i++) {
            String id = String.format("n-%02d", (i * 7) % times.length); // ids not in time order
            insert("a", "ana", id, times[i]);
            ANA.add(new String[] {times[i].toString(), id});
        }
        insert("a", "bob", "n-bob", T2);   // another user: left out by the condition
        insert("b", "ana", "n-other", T2); // another agency: never read
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void insert(String agency, String user, String id, Instant at) {
        db.database().inTransaction(c -> Jdbc.update(c, "INSERT INTO platform_notification (id, agency_id, user_id, kind, title, created_at,"
                + " version) VALUES (?, ?, ?, 'test', ?, ?, 0)", id, agency, user, "title " + id, Timestamp.from(at)));
    }

    private static Page<NotificationRecord> page(Keyset<NotificationRecord> keyset, int limit, String cursor,
                                                 Predicate<NotificationRecord> keep) {
        return db.as("a", () -> db.work().inTransaction(em -> KeysetPages.page(em, NotificationRecord.class, keyset, "e.userId = :user",
                Map.of("user", "ana"), new PageRequest(limit, cursor), keep)));
    }

    private static List<String> walk(Keyset<NotificationRecord> keyset, int limit, Predicate<NotificationRecord> keep) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Page<NotificationRecord> p = page(keyset, limit, cursor, keep);
            if (p.nextCursor() != null) {
                assertEquals(limit, p.items().size(), "a page with more after it is full");
            }
            p.items().forEach(n -> ids.add(n.id()));
            cursor = p.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private static List<String> expected(Comparator<String[]> order, Predicate<String> keep) {
        return ANA.stream().sorted(order).map(r -> r[1]).filter(keep).toList();
    }

    private static final Comparator<String[]> OLDEST = Comparator.<String[], Instant>comparing(r -> Instant.parse(r[0]))
            .thenComparing(r -> r[1]);

    @Test
    void newestFirstWalksEveryRowOnceInDescendingOrderThroughTiesOnTheSortKey() {
        for (int limit : new int[] {1, 2, 3, 5, 12, 50}) {
            assertEquals(expected(OLDEST.reversed(), id -> true), walk(KeysetPages.newestFirst(), limit, null), "limit " + limit);
        }
    }

    @Test
    void oldestFirstIsTheCreationOrderKeysetPagesHasAlwaysPaged() {
        assertEquals(expected(OLDEST, id -> true), walk(KeysetPages.oldestFirst(), 4, null));
        List<String> viaOldSignature = db.as("a", () -> db.work().inTransaction(em -> KeysetPages.page(em, NotificationRecord.class,
                "e.userId = :user", Map.of("user", "ana"), new PageRequest(50, null), n -> true))).items().stream()
                .map(CreationOrder::id).toList();
        assertEquals(expected(OLDEST, id -> true), viaOldSignature);
    }

    @Test
    void aPageIsRefilledPastTheRowsKeepLeavesOut() {
        Predicate<String> even = id -> Integer.parseInt(id.substring(2)) % 2 == 0;
        assertEquals(expected(OLDEST.reversed(), even), walk(KeysetPages.newestFirst(), 2, n -> even.test(n.id())));
        // a first batch of limit + 1 rows with nothing kept still gives a full page
        Page<NotificationRecord> one = page(KeysetPages.newestFirst(), 1, null, n -> n.id().equals(expected(OLDEST, id -> true).get(0)));
        assertEquals(List.of(expected(OLDEST, id -> true).get(0)), one.items().stream().map(NotificationRecord::id).toList());
        assertNull(one.nextCursor());
    }

    @Test
    void theCursorIsOpaqueAndAForeignOneIs400NamingCursor() {
        Page<NotificationRecord> first = page(KeysetPages.newestFirst(), 3, null, null);
        NotificationRecord last = first.items().get(2);
        assertEquals(Cursor.encode(last.createdAt().toString(), last.id()), first.nextCursor(), "the format clients already hold");
        for (String bad : List.of("bm90IGEgY3Vyc29y", Cursor.encode("soon", "n-01"), Cursor.encode(T1.toString()),
                Cursor.encode(T1.toString(), "x".repeat(40)))) {
            ProblemException e = assertThrows(ProblemException.class, () -> page(KeysetPages.newestFirst(), 3, bad, null));
            assertEquals(400, e.status());
            assertEquals("cursor", e.errors().get(0).field());
        }
    }
}
