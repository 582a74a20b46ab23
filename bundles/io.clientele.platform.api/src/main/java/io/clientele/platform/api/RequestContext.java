package io.clientele.platform.api;

import io.clientele.platform.api.context.RequestScope;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The caller of the work running on this thread. The REST layer sets it for every request after
 * authentication (through {@link RequestScope}, which only the platform's edge may import); background work acts
 * for an agency with {@link #runAs}. Tenant-scoped data access reads the agency from here, so no query can pick its
 * agency by itself.
 *
 * @since 2.0 the setters moved to {@link RequestScope}
 */
public final class RequestContext {

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
        return Optional.ofNullable(RequestScope.principal());
    }

    /** The caller; throws when the code runs outside any request or {@link #runAs} block. */
    public static Principal principal() {
        Principal p = RequestScope.principal();
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

    /** The client of the current HTTP request; empty outside one (a shell command, background work). @since 1.1 */
    public static Optional<Client> client() {
        return Optional.ofNullable(RequestScope.client());
    }

    public static Optional<String> correlationId() {
        return Optional.ofNullable(RequestScope.correlationId());
    }

    /** Runs {@code work} as {@code principal}, restoring whatever was current before. */
    public static <T> T runAs(Principal principal, Supplier<T> work) {
        Principal previous = RequestScope.principal();
        RequestScope.set(principal);
        try {
            return work.get();
        } finally {
            RequestScope.set(previous);
        }
    }

    public static void runAs(Principal principal, Runnable work) {
        runAs(principal, () -> {
            work.run();
            return null;
        });
    }
}
