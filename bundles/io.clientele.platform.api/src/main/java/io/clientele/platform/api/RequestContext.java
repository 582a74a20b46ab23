package io.clientele.platform.api;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The caller of the work running on this thread. The REST layer sets it for every request after
 * authentication; background work sets it with {@link #runAs}. Tenant-scoped data access reads the
 * agency from here, so no query can pick its agency by itself.
 */
public final class RequestContext {

    private static final ThreadLocal<Principal> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<String> CORRELATION_ID = new ThreadLocal<>();

    private RequestContext() {
    }

    public static Optional<Principal> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The caller; throws when the code runs outside any request or {@link #runAs} block. */
    public static Principal principal() {
        Principal p = CURRENT.get();
        if (p == null) {
            throw new IllegalStateException("no request context on this thread");
        }
        return p;
    }

    /** The agency the current work is scoped to; throws when there is none (fails closed). */
    public static String agencyId() {
        Principal p = principal();
        if (p.agencyId() == null) {
            throw new IllegalStateException("the current principal acts in no agency");
        }
        return p.agencyId();
    }

    public static void set(Principal principal) {
        CURRENT.set(principal);
    }

    public static void clear() {
        CURRENT.remove();
        CORRELATION_ID.remove();
    }

    public static void setCorrelationId(String id) {
        CORRELATION_ID.set(id);
    }

    public static Optional<String> correlationId() {
        return Optional.ofNullable(CORRELATION_ID.get());
    }

    /** Runs {@code work} as {@code principal}, restoring whatever was current before. */
    public static <T> T runAs(Principal principal, Supplier<T> work) {
        Principal previous = CURRENT.get();
        CURRENT.set(principal);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static void runAs(Principal principal, Runnable work) {
        runAs(principal, () -> {
            work.run();
            return null;
        });
    }
}
