package io.clientele.platform.api.rest;

/** The {@code limit} (default 50, 1–500) and {@code cursor} of a list request, validated. */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static PageRequest of(String limit, String cursor) {
        int n = QueryParams.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        return new PageRequest(n, cursor == null || cursor.isBlank() ? null : cursor);
    }
}
