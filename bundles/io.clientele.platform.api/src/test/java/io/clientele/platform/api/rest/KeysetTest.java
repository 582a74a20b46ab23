package io.clientele.platform.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The shared keyset of every paged list: order, cursors, the one bad-cursor rule and the page-filling loop. */
class KeysetTest {

    record Row(String id, Instant at, String name, boolean hidden) {
    }

    static final Keyset<Row> NEWEST = Keyset.newestFirst("at", Row::at, "id", Row::id);
    static final Keyset<Row> BY_NAME = Keyset.<Row, String>ascending("name", Keyset.TEXT, Row::name).thenAscending("id", Keyset.ID, Row::id);

    static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2026-01-02T00:00:00Z");

    /** An in-memory table read as a database would: sorted by the keyset, the rows after the position, at most max. */
    static Keyset.Fetch<Row> table(Keyset<Row> keyset, List<Row> rows, List<Integer> reads) {
        Comparator<Row> order = comparator(keyset);
        List<Row> sorted = rows.stream().sorted(order).toList();
        return (after, max) -> {
            reads.add(max);
            return sorted.stream().filter(r -> after == null || compare(keyset, keyset.after(r), after) > 0).limit(max).toList();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Keyset<Row> keyset, Keyset.After a, Keyset.After b) {
        for (int i = 0; i < keyset.keys().size(); i++) {
            int c = ((Comparable) a.value(i)).compareTo(b.value(i));
            if (c != 0) {
                return keyset.keys().get(i).direction() == Keyset.Direction.DESC ? -c : c;
            }
        }
        return 0;
    }

    static Comparator<Row> comparator(Keyset<Row> keyset) {
        return (x, y) -> compare(keyset, keyset.after(x), keyset.after(y));
    }

    static List<Row> walk(Keyset<Row> keyset, List<Row> rows, int limit, Predicate<Row> keep) {
        List<Row> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Row> page = keyset.page(limit, cursor, table(keyset, rows, new ArrayList<>()), keep);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Test
    void newestFirstWalksDescendingWithTiesBrokenByIdDescending() {
        List<Row> rows = List.of(new Row("a", T1, "x", false), new Row("b", T2, "x", false), new Row("c", T1, "x", false),
                new Row("d", T2, "x", false), new Row("e", T1, "x", false));
        List<String> ids = walk(NEWEST, rows, 2, null).stream().map(Row::id).toList();
        assertEquals(List.of("d", "b", "e", "c", "a"), ids);
    }

    @Test
    void aRunOfEqualSortValuesLongerThanAPageIsWalkedWithoutLossOrRepeat() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            rows.add(new Row(String.format("id-%02d", i), T1, i % 2 == 0 ? "same" : "other", false));
        }
        assertEquals(rows.stream().sorted(comparator(BY_NAME)).toList(), walk(BY_NAME, rows, 5, null));
        assertEquals(rows.stream().sorted(comparator(NEWEST)).toList(), walk(NEWEST, rows, 4, null));
    }

    @Test
    void theLastPageHasNoNextCursorAndAFullLastPageNeedsNoEmptyOne() {
        List<Row> rows = List.of(new Row("a", T1, "x", false), new Row("b", T1, "x", false));
        Page<Row> page = NEWEST.page(2, null, table(NEWEST, rows, new ArrayList<>()), null);
        assertEquals(2, page.items().size());
        assertNull(page.nextCursor());
    }

    @Test
    void aCursorRoundTripsToTheTypedSortValuesOfItsRow() {
        Row row = new Row("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", T2, "Ana", false);
        String cursor = NEWEST.cursor(row);
        assertEquals(List.of(T2, row.id()), NEWEST.after(cursor).values());
        assertEquals(NEWEST.after(row), NEWEST.after(cursor));
        assertNull(NEWEST.after((String) null));
        // the cursor format every list has always returned, so clients' cursors stay valid
        assertEquals(Cursor.encode(T2.toString(), row.id()), cursor);
    }

    @Test
    void aCursorThisListDidNotReturnIs400NamingCursor() {
        String notBase64 = "!!!";
        String wrongCount = Cursor.encode("2026-01-01T00:00:00Z");
        String notAnInstant = Cursor.encode("yesterday", "a");
        String tooLongId = Cursor.encode(T1.toString(), "x".repeat(37));
        String emptyId = Cursor.encode(T1.toString(), "");
        String otherVersion = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v2\u001f" + T1 + "\u001fa").getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(notBase64, wrongCount, notAnInstant, tooLongId, emptyId, otherVersion)) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> NEWEST.page(10, bad, (after, max) -> List.of(), null), bad);
            assertEquals(400, e.status(), bad);
            assertEquals("cursor", e.errors().get(0).field(), bad);
        }
        ProblemException number = assertThrows(ProblemException.class,
                () -> Keyset.<Row, Long>descending("n", Keyset.LONG, r -> 1L).after(Cursor.encode("x")));
        assertEquals("cursor", number.errors().get(0).field());
    }

    @Test
    void rowsLeftOutByKeepAreRefilledFromTheRowsAfterThem() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // the first twelve (newest) are hidden: a first batch of limit + 1 = 4 keeps nothing
            rows.add(new Row(String.format("id-%02d", i), T1, "x", i >= 8));
        }
        List<Integer> reads = new ArrayList<>();
        Page<Row> page = NEWEST.page(3, null, table(NEWEST, rows, reads), r -> !r.hidden());
        assertEquals(List.of("id-07", "id-06", "id-05"), page.items().stream().map(Row::id).toList());
        assertEquals(List.of(4, 4, 4, 4), reads); // three batches of hidden rows, then one that fills the page
        // the next cursor is the last kept row's: nothing visible is skipped
        assertEquals(List.of("id-04", "id-03", "id-02"), NEWEST.page(3, page.nextCursor(), table(NEWEST, rows, new ArrayList<>()),
                r -> !r.hidden()).items().stream().map(Row::id).toList());
        assertEquals(8, walk(NEWEST, rows, 3, r -> !r.hidden()).size());
    }

    @Test
    void queryPiecesStateTheOrderAndTheRowsAfterACursorForSqlAndJpql() {
        Keyset.After after = NEWEST.after(new Row("a", T1, "x", false));
        assertEquals("at DESC, id DESC", NEWEST.orderBy(c -> c));
        assertEquals(new Keyset.Condition("(at < ? OR (at = ? AND id < ?))", List.of(T1, T1, "a")), NEWEST.sqlCondition(after));
        assertEquals(new Keyset.Condition("(e.at < :k0 OR (e.at = :k1 AND e.id < :k2))", List.of(T1, T1, "a")),
                NEWEST.condition(after, c -> "e." + c, i -> ":k" + i));
        Keyset.After byName = BY_NAME.after(new Row("a", T1, "ana", false));
        assertEquals(List.of(new Keyset.Condition("name = ? AND id > ?", List.of("ana", "a")), new Keyset.Condition("name > ?", List.of("ana"))),
                BY_NAME.ranges(byName, c -> c, i -> "?"));
        assertEquals("name, id", BY_NAME.orderBy(c -> c));
    }

    @Test
    void keysMayRunInDifferentDirections() {
        Keyset<Row> nameUpIdDown = Keyset.<Row, String>by("name", Keyset.Direction.ASC, Keyset.TEXT, Row::name)
                .then("id", Keyset.Direction.DESC, Keyset.ID, Row::id);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rows.add(new Row("id-" + i, T1, i % 3 == 0 ? "b" : "a", false));
        }
        assertEquals(List.of("id-8", "id-7", "id-5", "id-4", "id-2", "id-1", "id-6", "id-3", "id-0"),
                walk(nameUpIdDown, rows, 2, null).stream().map(Row::id).toList());
        assertEquals("name, id DESC", nameUpIdDown.orderBy(c -> c));
        assertEquals("(name > ? OR (name = ? AND id < ?))", nameUpIdDown.sqlCondition(nameUpIdDown.after(rows.get(0))).text());
    }
}
