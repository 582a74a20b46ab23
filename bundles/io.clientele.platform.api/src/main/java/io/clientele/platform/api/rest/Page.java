package io.clientele.platform.api.rest;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {"items":[…],"nextCursor":"…"|null}}. */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    /** The same page with each item mapped (a stored row to its API record, say); the cursor stays. */
    public <U> Page<U> map(Function<? super T, ? extends U> item) {
        return new Page<>(items.stream().<U>map(item).toList(), nextCursor);
    }
}
