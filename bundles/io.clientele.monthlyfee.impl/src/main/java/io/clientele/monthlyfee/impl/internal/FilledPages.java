package io.clientele.monthlyfee.impl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A keyset page that rows the caller may not see (a restricted customer's) never shorten while more rows follow: rows
 * are read batch after batch in the list's order until the page is full or the rows end ({@code KeysetPages} does the
 * same for lists in creation order).
 */
final class FilledPages {

    private FilledPages() {
    }

    /**
     * The first {@code limit + 1} rows that {@code keep} accepts (fewer when the rows end). {@code read} answers the
     * next at most {@code limit + 1} rows after the given row in the list's order, or after the request's cursor when
     * given null.
     */
    static <R> List<R> fill(int limit, Function<R, List<R>> read, Predicate<R> keep) {
        List<R> kept = new ArrayList<>();
        R after = null;
        while (kept.size() <= limit) {
            List<R> rows = read.apply(after);
            for (R row : rows) {
                if (keep.test(row)) {
                    kept.add(row);
                }
            }
            if (rows.size() < limit + 1) {
                break;
            }
            after = rows.get(rows.size() - 1);
        }
        return kept;
    }
}
