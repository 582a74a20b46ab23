package io.clientele.customer.impl.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Lines of an export put into the order the database would have given them ({@code ORDER BY key, id}, both ascending or
 * both descending), with bounded memory: lines are gathered in runs of at most {@link #RUN_ROWS} rows or
 * {@link #RUN_CHARS} characters; each full run is sorted and written to a temporary file; the runs are merged at the end.
 * Keys are Strings, compared as Derby compares VARCHARs (UCS_BASIC: by UTF-16 unit, the shorter padded with spaces), or
 * Timestamps; a null key sorts last ascending, as in Derby.
 */
final class SortedLines implements Closeable {

    static final int RUN_ROWS = 50_000;
    static final long RUN_CHARS = 8_000_000;

    record Entry(Object key, String id, String line) {
    }

    private final Comparator<Entry> order;
    private final int runRows;
    private final long runChars;
    private final List<Entry> run = new ArrayList<>();
    private long chars;
    private final List<Path> files = new ArrayList<>();

    SortedLines(boolean descending) {
        this(descending, RUN_ROWS, RUN_CHARS);
    }

    SortedLines(boolean descending, int runRows, long runChars) {
        Comparator<Entry> ascending = (a, b) -> {
            int c = compareKeys(a.key, b.key);
            return c != 0 ? c : compareText(a.id, b.id);
        };
        this.order = descending ? ascending.reversed() : ascending;
        this.runRows = runRows;
        this.runChars = runChars;
    }

    void add(Object key, String id, String line) throws IOException {
        run.add(new Entry(key, id, line));
        chars += line.length();
        if (run.size() >= runRows || chars >= runChars) {
            spill();
        }
    }

    /** Writes every line in order; returns how many. */
    long writeTo(Writer out) throws IOException {
        run.sort(order);
        if (files.isEmpty()) {
            for (Entry e : run) {
                out.write(e.line);
            }
            return run.size();
        }
        spill();
        long n = 0;
        List<Run> readers = new ArrayList<>();
        try {
            PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> order.compare(a.head, b.head));
            for (Path file : files) {
                Run r = new Run(file);
                readers.add(r);
                if (r.next()) {
                    heads.add(r);
                }
            }
            while (!heads.isEmpty()) {
                Run r = heads.poll();
                out.write(r.head.line);
                n++;
                if (r.next()) {
                    heads.add(r);
                }
            }
        } finally {
            for (Run r : readers) {
                r.in.close();
            }
        }
        return n;
    }

    private void spill() throws IOException {
        if (run.isEmpty()) {
            return;
        }
        run.sort(order);
        Path file = Files.createTempFile("clientele-export-", ".run");
        files.add(file);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (Entry e : run) {
                writeKey(out, e.key);
                out.writeUTF(e.id);
                byte[] line = e.line.getBytes(StandardCharsets.UTF_8);
                out.writeInt(line.length);
                out.write(line);
            }
        }
        run.clear();
        chars = 0;
    }

    @Override
    public void close() {
        run.clear();
        IOException failure = null;
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                failure = e;
            }
        }
        files.clear();
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    /** One spilled run being read back. */
    private static final class Run {
        final DataInputStream in;
        Entry head;

        Run(Path file) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 15));
        }

        boolean next() throws IOException {
            int kind;
            try {
                kind = in.readByte();
            } catch (EOFException end) {
                head = null;
                return false;
            }
            Object key = switch (kind) {
                case 0 -> null;
                case 1 -> in.readUTF();
                case 2 -> {
                    Timestamp t = new Timestamp(in.readLong());
                    t.setNanos(in.readInt());
                    yield t;
                }
                default -> throw new IOException("corrupt export run file");
            };
            String id = in.readUTF();
            byte[] line = new byte[in.readInt()];
            in.readFully(line);
            head = new Entry(key, id, new String(line, StandardCharsets.UTF_8));
            return true;
        }
    }

    private static void writeKey(DataOutputStream out, Object key) throws IOException {
        if (key == null) {
            out.writeByte(0);
        } else if (key instanceof String s) {
            out.writeByte(1);
            out.writeUTF(s);
        } else if (key instanceof Timestamp t) {
            out.writeByte(2);
            out.writeLong(t.getTime());
            out.writeInt(t.getNanos());
        } else {
            throw new IllegalArgumentException("unsupported sort key " + key.getClass().getName());
        }
    }

    static int compareKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof String s && b instanceof String t) {
            return compareText(s, t);
        }
        return ((Timestamp) a).compareTo((Timestamp) b);
    }

    /** Derby's VARCHAR comparison: unit by unit, the shorter string padded with spaces. */
    static int compareText(String a, String b) {
        int c = a.compareTo(b); // intrinsic; differs from Derby's only when one string starts with the other
        if (c == 0) {
            return 0;
        }
        if (c != a.length() - b.length() || !(c > 0 ? a.startsWith(b) : b.startsWith(a))) {
            return c < 0 ? -1 : 1;
        }
        String longer = c > 0 ? a : b;
        for (int i = Math.min(a.length(), b.length()); i < longer.length(); i++) {
            char x = longer.charAt(i);
            if (x != ' ') {
                boolean longerFirst = x < ' ';
                return (longer == a) == longerFirst ? -1 : 1;
            }
        }
        return 0;
    }
}
