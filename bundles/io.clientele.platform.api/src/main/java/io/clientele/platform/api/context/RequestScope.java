package io.clientele.platform.api.context;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import java.util.Locale;

/**
 * The thread's request scope as the platform's edge sets it: who the caller is, the request's correlation id and
 * where it came from. Read through {@link RequestContext}; cleared at the start and the end of every request.
 */
public final class RequestScope {

    private static final ThreadLocal<Principal> PRINCIPAL = new ThreadLocal<>();
    private static final ThreadLocal<String> CORRELATION_ID = new ThreadLocal<>();
    private static final ThreadLocal<RequestContext.Client> CLIENT = new ThreadLocal<>();
    private static final ThreadLocal<Locale> LOCALE = new ThreadLocal<>();

    private RequestScope() {
    }

    /** Makes {@code principal} the caller of the work on this thread until {@link #clear} (null: no caller). */
    public static void set(Principal principal) {
        if (principal == null) {
            PRINCIPAL.remove();
        } else {
            PRINCIPAL.set(principal);
        }
    }

    /** The request's client address, for the login throttle; null removes it. */
    public static void setClient(RequestContext.Client client) {
        if (client == null) {
            CLIENT.remove();
        } else {
            CLIENT.set(client);
        }
    }

    /**
     * The language the request's texts are written in (from its {@code Accept-Language}); null: English.
     *
     * @since 1.1.0
     */
    public static void setLocale(Locale locale) {
        if (locale == null) {
            LOCALE.remove();
        } else {
            LOCALE.set(locale);
        }
    }

    /** The request's language, or null; read through {@code Locales.current()}. @since 1.1.0 */
    public static Locale locale() {
        return LOCALE.get();
    }

    public static void setCorrelationId(String id) {
        CORRELATION_ID.set(id);
    }

    /** Forgets the caller, the correlation id, the client and the language. */
    public static void clear() {
        PRINCIPAL.remove();
        LOCALE.remove();
        CORRELATION_ID.remove();
        CLIENT.remove();
    }

    /** The caller, or null; for {@link RequestContext}. */
    public static Principal principal() {
        return PRINCIPAL.get();
    }

    /** The correlation id, or null; for {@link RequestContext}. */
    public static String correlationId() {
        return CORRELATION_ID.get();
    }

    /** The client, or null; for {@link RequestContext}. */
    public static RequestContext.Client client() {
        return CLIENT.get();
    }
}
