package io.clientele.platform.api.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort values of the last row of a page, so the next page starts with
 * {@code WHERE (sortKey, id) > (?, ?)} instead of an OFFSET scan. Values are strings; a malformed cursor
 * is a 400 naming {@code cursor}.
 */
public final class Cursor {
    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    public static String encode(String... values) {
        StringBuilder sb = new StringBuilder("v1");
        for (String v : values) {
            sb.append(SEPARATOR).append(v == null ? "" : v);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The values of a cursor; {@code expected} is how many the caller's sort needs. */
    public static List<String> decode(String cursor, int expected) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length(); i++) {
            if (i == raw.length() || raw.charAt(i) == SEPARATOR) {
                parts.add(raw.substring(start, i));
                start = i + 1;
            }
        }
        if (parts.size() != expected + 1 || !"v1".equals(parts.get(0))) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
        return parts.subList(1, parts.size());
    }
}
