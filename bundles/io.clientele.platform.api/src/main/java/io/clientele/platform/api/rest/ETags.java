package io.clientele.platform.api.rest;

import javax.ws.rs.core.EntityTag;

/** {@code ETag: "<version>"} on reads; {@code If-Match} checked on writes (a stale one is 412). */
public final class ETags {
    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The version an {@code If-Match} header names, or {@code null} when the header is absent or {@code *}.
     * A header that names no version of ours can never match, so it is a 412.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || "*".equals(ifMatch.trim())) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed("If-Match does not name a current version of this resource.");
        }
    }

    /** Throws 412 when {@code ifMatch} names a version other than {@code current}. */
    public static void check(String ifMatch, long current) {
        Long expected = expectedVersion(ifMatch);
        if (expected != null && expected != current) {
            throw ProblemException.preconditionFailed("The resource changed since it was read (version "
                    + current + ", If-Match " + expected + "). Read it again and retry.");
        }
    }
}
