package io.clientele.platform.api.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The order of a keyset-paged list and everything its pages need from it, in one place: the sort keys with their
 * directions (the last one unique, usually the id), the opaque cursor of a page's last row and its one validation rule
 * (anything this list did not return is a 400 naming {@code cursor}), the condition "after this row" for SQL or JPQL,
 * and the loop that fills a page when some rows are left out.
 *
 * <pre>{@code
 * static final Keyset<HistoryEntry> NEWEST_FIRST = Keyset.newestFirst("occurred_at", HistoryEntry::at, "id", HistoryEntry::id);
 *
 * Page<HistoryEntry> page = NEWEST_FIRST.page(limit, cursor, (after, max) -> {
 *     Keyset.Condition past = NEWEST_FIRST.sqlCondition(after);  // "(occurred_at < ? OR (occurred_at = ? AND id < ?))"
 *     ...read at most max rows matching it, in NEWEST_FIRST.orderBy(c -> c)...
 * }, null);
 * }</pre>
 *
 * A key's {@code name} is what the query calls it: a column for SQL, an entity attribute for JPQL
 * ({@code io.clientele.platform.jpa.KeysetPages} builds the JPQL). Sort values are never null. The cursor is the
 * sort values of the page's last row ({@link Cursor}'s format), so a list's cursors survive a change of its code as
 * long as its keys do.
 *
 * @param <R> the rows of the list
 * @since platform.api.rest 1.2.0
 */
public final class Keyset<R> {

    /** The direction of one sort key. */
    public enum Direction {
        ASC, DESC
    }

    /** How a sort value is written into a cursor and read back; a text that does not read back throws. */
    public interface Codec<V> {
        String format(V value);

        /** The value of {@code text}; any runtime exception means the cursor is not one this list returned. */
        V parse(String text);
    }

    /** An instant, as {@link Instant#toString()}. */
    public static final Codec<Instant> INSTANT = codec(Instant::toString, Instant::parse);
    /** A calendar date, as {@link LocalDate#toString()}. */
    public static final Codec<LocalDate> DATE = codec(LocalDate::toString, LocalDate::parse);
    /** A whole number. */
    public static final Codec<Long> LONG = codec(v -> Long.toString(v), Long::valueOf);
    /** Any text, as it is. */
    public static final Codec<String> TEXT = codec(v -> v, v -> v);
    /** A row id: 1 to 36 characters (a UUID), so odd input never reaches a query. */
    public static final Codec<String> ID = codec(v -> v, v -> {
        if (v.isEmpty() || v.length() > 36) {
            throw new IllegalArgumentException("not an id");
        }
        return v;
    });

    private static <V> Codec<V> codec(Function<V, String> format, Function<String, V> parse) {
        return new Codec<>() {
            @Override
            public String format(V value) {
                return format.apply(value);
            }

            @Override
            public V parse(String text) {
                return parse.apply(text);
            }
        };
    }

    /** One sort key: its name in the query, its direction, how its values are written, and its value in a row. */
    public record Key<R>(String name, Direction direction, Codec<Object> codec, Function<? super R, ?> value) {
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Where a page starts: the sort values, typed by their codecs, of the row before it, one per key. */
    public record After(List<Object> values) {
        public After {
            values = List.copyOf(values);
        }

        public Object value(int key) {
            return values.get(key);
        }
    }

    /** A piece of a WHERE clause and its parameters, in the order its placeholders appear. */
    public record Condition(String text, List<Object> params) {
        public Condition {
            params = List.copyOf(params);
        }
    }

    /** Reads the next rows of the list: at most {@code max}, in the keyset's order, after {@code after} (null: from the start). */
    @FunctionalInterface
    public interface Fetch<R> {
        List<R> rows(After after, int max);
    }

    private final List<Key<R>> keys;

    private Keyset(List<Key<R>> keys) {
        this.keys = List.copyOf(keys);
    }

    /** A keyset whose first key is {@code name} in {@code direction}. */
    public static <R, V> Keyset<R> by(String name, Direction direction, Codec<V> codec, Function<? super R, ? extends V> value) {
        return new Keyset<R>(List.of()).then(name, direction, codec, value);
    }

    public static <R, V> Keyset<R> ascending(String name, Codec<V> codec, Function<? super R, ? extends V> value) {
        return new Keyset<R>(List.of()).then(name, Direction.ASC, codec, value);
    }

    public static <R, V> Keyset<R> descending(String name, Codec<V> codec, Function<? super R, ? extends V> value) {
        return new Keyset<R>(List.of()).then(name, Direction.DESC, codec, value);
    }

    /** This keyset with one more key, compared when the earlier ones are equal. */
    @SuppressWarnings("unchecked")
    public <V> Keyset<R> then(String name, Direction direction, Codec<V> codec, Function<? super R, ? extends V> value) {
        List<Key<R>> more = new ArrayList<>(keys);
        more.add(new Key<>(name, direction, (Codec<Object>) codec, value));
        return new Keyset<>(more);
    }

    public <V> Keyset<R> thenAscending(String name, Codec<V> codec, Function<? super R, ? extends V> value) {
        return then(name, Direction.ASC, codec, value);
    }

    public <V> Keyset<R> thenDescending(String name, Codec<V> codec, Function<? super R, ? extends V> value) {
        return then(name, Direction.DESC, codec, value);
    }

    /** Oldest first: {@code createdAt ASC, id ASC} under the given names. */
    public static <R> Keyset<R> oldestFirst(String createdAt, Function<? super R, Instant> createdAtOf, String id,
                                            Function<? super R, String> idOf) {
        return Keyset.<R, Instant>ascending(createdAt, INSTANT, createdAtOf).thenAscending(id, ID, idOf);
    }

    /** Newest first: {@code createdAt DESC, id DESC} under the given names. */
    public static <R> Keyset<R> newestFirst(String createdAt, Function<? super R, Instant> createdAtOf, String id,
                                            Function<? super R, String> idOf) {
        return Keyset.<R, Instant>descending(createdAt, INSTANT, createdAtOf).thenDescending(id, ID, idOf);
    }

    public List<Key<R>> keys() {
        return keys;
    }

    // ---- cursors

    /**
     * Where the page of {@code cursor} starts, or null for the first page (a null cursor).
     *
     * @throws ProblemException 400 naming {@code cursor} when the cursor is not one this list returned
     */
    public After after(String cursor) {
        if (cursor == null) {
            return null;
        }
        List<String> texts = Cursor.decode(cursor, keys.size());
        List<Object> values = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            try {
                values.add(Objects.requireNonNull(keys.get(i).codec().parse(texts.get(i))));
            } catch (RuntimeException e) {
                throw badCursor();
            }
        }
        return new After(values);
    }

    /** The position just after {@code row}. */
    public After after(R row) {
        List<Object> values = new ArrayList<>(keys.size());
        for (Key<R> key : keys) {
            values.add(Objects.requireNonNull(key.value().apply(row), key.name()));
        }
        return new After(values);
    }

    /** The cursor of the page that starts after {@code row}. */
    public String cursor(R row) {
        String[] texts = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Key<R> key = keys.get(i);
            texts[i] = key.codec().format(Objects.requireNonNull(key.value().apply(row), key.name()));
        }
        return Cursor.encode(texts);
    }

    /** The one answer to a cursor this list did not return. */
    public static ProblemException badCursor() {
        return ProblemException.invalid("cursor", "is not a cursor returned by this list");
    }

    // ---- query pieces

    /** The ORDER BY list, each key through {@code column} (e.g. {@code "created_at DESC, id DESC"}). */
    public String orderBy(Function<String, String> column) {
        List<String> parts = new ArrayList<>();
        for (Key<R> key : keys) {
            parts.add(column.apply(key.name()) + (key.direction() == Direction.DESC ? " DESC" : ""));
        }
        return String.join(", ", parts);
    }

    /**
     * The rows after {@code after} as disjoint ranges, in the list's order: first the rows equal on every key but the
     * last and past it on the last, ..., finally the rows past it on the first key. Each range has exact start keys in
     * an index on the keys, so a list may read them one after the other (the customer list does, with Derby index
     * hints). Placeholders are numbered across all ranges from 0, in the order they appear.
     */
    public List<Condition> ranges(After after, Function<String, String> column, IntFunction<String> placeholder) {
        List<Condition> ranges = new ArrayList<>();
        int[] counter = {0};
        for (int last = keys.size() - 1; last >= 0; last--) {
            ranges.add(range(after, last, column, placeholder, counter));
        }
        return ranges;
    }

    /**
     * The rows after {@code after}, as one parenthesised condition, e.g. {@code (c < ? OR (c = ? AND id < ?))}.
     * Placeholders are numbered from 0 in the order they appear.
     */
    public Condition condition(After after, Function<String, String> column, IntFunction<String> placeholder) {
        List<String> texts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        int[] counter = {0};
        for (int last = 0; last < keys.size(); last++) {
            Condition range = range(after, last, column, placeholder, counter);
            texts.add(last == 0 ? range.text() : "(" + range.text() + ")");
            params.addAll(range.params());
        }
        return new Condition("(" + String.join(" OR ", texts) + ")", params);
    }

    /** {@link #condition} for SQL: keys' names are columns, placeholders {@code ?}. */
    public Condition sqlCondition(After after) {
        return condition(after, Function.identity(), i -> "?");
    }

    private Condition range(After after, int last, Function<String, String> column, IntFunction<String> placeholder, int[] counter) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            Key<R> key = keys.get(i);
            String op = i < last ? " = " : key.direction() == Direction.DESC ? " < " : " > ";
            parts.add(column.apply(key.name()) + op + placeholder.apply(counter[0]++));
            params.add(after.value(i));
        }
        return new Condition(String.join(" AND ", parts), params);
    }

    // ---- pages

    /** {@link #page(int, String, Fetch, Predicate)} for a request's limit and cursor. */
    public Page<R> page(PageRequest request, Fetch<R> fetch, Predicate<? super R> keep) {
        return page(request.limit(), request.cursor(), fetch, keep);
    }

    /**
     * The page of at most {@code limit} rows after {@code cursor} that pass {@code keep} (null keeps every row), with
     * the cursor of the next page when more rows follow. Rows are fetched {@code limit + 1} at a time, batch after
     * batch, until the page is full or the rows end, so rows that {@code keep} leaves out (a restricted customer's, say)
     * never shorten a page that has more.
     *
     * @throws ProblemException 400 naming {@code cursor} when the cursor is not one this list returned
     */
    public Page<R> page(int limit, String cursor, Fetch<R> fetch, Predicate<? super R> keep) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        After after = after(cursor);
        int batch = limit + 1;
        List<R> kept = new ArrayList<>();
        while (kept.size() <= limit) {
            List<R> rows = fetch.rows(after, batch);
            for (R row : rows) {
                if (keep == null || keep.test(row)) {
                    kept.add(row);
                }
            }
            if (rows.size() < batch) {
                break;
            }
            after = after(rows.get(rows.size() - 1));
        }
        if (kept.size() <= limit) {
            return new Page<>(kept, null);
        }
        List<R> page = kept.subList(0, limit);
        return new Page<>(page, cursor(page.get(limit - 1)));
    }
}
