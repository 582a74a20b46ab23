package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SortedLinesTest {

    private record Row(Object key, String id) {
        String line() {
            return key + "," + id + "\r\n";
        }
    }

    private static String sortedBy(List<Row> rows, boolean descending, int runRows) throws Exception {
        StringWriter out = new StringWriter();
        try (SortedLines sorted = new SortedLines(descending, runRows, Long.MAX_VALUE)) {
            for (Row r : rows) {
                sorted.add(r.key(), r.id(), r.line());
            }
            assertEquals(rows.size(), sorted.writeTo(out));
        }
        return out.toString();
    }

    private static String expected(List<Row> rows, Comparator<Row> order) {
        StringBuilder sb = new StringBuilder();
        rows.stream().sorted(order).forEach(r -> sb.append(r.line()));
        return sb.toString();
    }

    @Test
    void mergesSpilledRunsIntoTheDatabaseOrder() throws Exception {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String name = "name " + random.nextInt(300) + (random.nextInt(10) == 0 ? " ção" : "");
            rows.add(new Row(name, Integer.toString(random.nextInt(1_000_000), 36) + "-" + i));
        }
        Comparator<Row> asc = Comparator.comparing((Row r) -> (String) r.key()).thenComparing(Row::id);
        String inMemory = sortedBy(rows, false, Integer.MAX_VALUE);
        assertEquals(expected(rows, asc), inMemory);
        assertEquals(inMemory, sortedBy(rows, false, 333)); // 16 runs on disk
        assertEquals(expected(rows, asc.reversed()), sortedBy(rows, true, 333));
    }

    @Test
    void sortsTimestampsToTheNanosecond() throws Exception {
        List<Row> rows = new ArrayList<>();
        Timestamp t1 = Timestamp.valueOf("2025-01-01 10:00:00.000000001");
        Timestamp t2 = Timestamp.valueOf("2025-01-01 10:00:00.000000002");
        rows.add(new Row(t2, "a"));
        rows.add(new Row(t1, "b"));
        rows.add(new Row(t1, "a"));
        String expected = t1 + ",a\r\n" + t1 + ",b\r\n" + t2 + ",a\r\n";
        assertEquals(expected, sortedBy(rows, false, 1));
        assertEquals(expected, sortedBy(rows, false, 100));
    }

    @Test
    void comparesTextAsDerbyDoes() {
        // the shorter value is padded with spaces: trailing spaces do not count, a character below space sorts first
        assertEquals(0, SortedLines.compareText("abc", "abc  "));
        assertTrue(SortedLines.compareText("abc\t", "abc") < 0);
        assertTrue(SortedLines.compareText("abc", "abc\t") > 0);
        assertTrue(SortedLines.compareText("abc", "abcd") < 0);
        assertTrue(SortedLines.compareText("abd", "abcd") > 0);
        assertTrue(SortedLines.compareKeys(null, "a") > 0, "NULL sorts last ascending");
    }

    @Test
    void deletesItsTemporaryFiles() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (Stream<Path> files = Files.list(tmp)) {
            before = files.filter(p -> p.getFileName().toString().startsWith("clientele-export-")).count();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Row("k" + (i % 7), "id" + i));
        }
        sortedBy(rows, false, 10);
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(before, files.filter(p -> p.getFileName().toString().startsWith("clientele-export-")).count());
        }
    }

    /** Derby's comparison written out plainly, to check the fast one against. */
    private static int padded(String a, String b) {
        int n = Math.max(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = i < a.length() ? a.charAt(i) : ' ';
            char y = i < b.length() ? b.charAt(i) : ' ';
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    @Test
    void fastComparisonAgreesWithThePaddedOne() {
        Random random = new Random(11);
        char[] alphabet = {' ', '\t', 'a', 'b', '!', '\u00e7'};
        for (int i = 0; i < 20_000; i++) {
            String a = word(random, alphabet);
            String b = random.nextBoolean() ? a + word(random, alphabet) : word(random, alphabet);
            if (random.nextBoolean()) {
                String t = a;
                a = b;
                b = t;
            }
            assertEquals(padded(a, b), SortedLines.compareText(a, b), a + " | " + b);
        }
    }

    private static String word(Random random, char[] alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }
}
