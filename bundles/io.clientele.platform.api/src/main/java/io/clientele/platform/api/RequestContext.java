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
    private static final ThreadLocal<Client> CLIENT = new ThreadLocal<>();

    /**
     * Where a request came from, as the HTTP layer saw it: the connection's peer address and the
     * {@code X-Forwarded-For} header as sent (null when absent). Whether the header is believed is decided by whoever
     * reads it (the login throttle trusts it only from configured proxies).
     *
     * @since 1.1
     */
    public record Client(String remoteAddress, String forwardedFor) {
    }

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
        CLIENT.remove();
    }

    /** Set by the REST layer for each request; cleared with {@link #clear}. @since 1.1 */
    public static void setClient(Client client) {
        CLIENT.set(client);
    }

    /** The client of the current HTTP request; empty outside one (a shell command, background work). @since 1.1 */
    public static Optional<Client> client() {
        return Optional.ofNullable(CLIENT.get());
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
