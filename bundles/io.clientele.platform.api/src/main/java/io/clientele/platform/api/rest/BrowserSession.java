package io.clientele.platform.api.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The browser session of the portal web app (docs/security.md, "Browser sessions"): instead of handing tokens to
 * JavaScript, the session endpoints put them in HttpOnly, {@code SameSite=Strict} cookies ({@code Secure} over TLS)
 * when the request carries {@value #REQUEST_HEADER}{@code : cookie}, and the platform accepts the access cookie on
 * portal endpoints beside the bearer token. Unsafe methods sent with the cookie must repeat the readable
 * {@value #CSRF_COOKIE} cookie in the {@value #CSRF_HEADER} header (double submit).
 */
public final class BrowserSession {

    /** Request header by which the web app asks the session endpoints for cookies instead of tokens in the body. */
    public static final String REQUEST_HEADER = "X-Clientele-Session";
    public static final String REQUEST_VALUE = "cookie";
    /** HttpOnly: the contact's access token, sent to {@code /api/v1}. */
    public static final String ACCESS_COOKIE = "clientele_portal";
    /** HttpOnly: the contact's refresh token, sent only to {@code /api/v1/portal/auth}. */
    public static final String REFRESH_COOKIE = "clientele_portal_refresh";
    /** Readable by the page's script (not a secret towards it): the CSRF token it repeats in {@link #CSRF_HEADER}. */
    public static final String CSRF_COOKIE = "clientele_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    static final String ACCESS_PATH = "/api/v1";
    static final String REFRESH_PATH = "/api/v1/portal/auth";
    static final String CSRF_PATH = "/";

    private static final SecureRandom RANDOM = new SecureRandom();

    private BrowserSession() {
    }

    /** Whether the request asked for a cookie session ({@value #REQUEST_HEADER}: {@value #REQUEST_VALUE}). */
    public static boolean requested(String headerValue) {
        return headerValue != null && REQUEST_VALUE.equalsIgnoreCase(headerValue.trim());
    }

    /**
     * The {@code Set-Cookie} values that open (or renew) a browser session with these tokens, with a fresh CSRF token.
     * Session cookies (no Max-Age): they end with the browser; the tokens inside expire on their own schedule.
     */
    public static List<String> open(String accessToken, String refreshToken, boolean secure) {
        byte[] csrf = new byte[32];
        RANDOM.nextBytes(csrf);
        return List.of(
                cookie(ACCESS_COOKIE, accessToken, ACCESS_PATH, true, secure, false),
                cookie(REFRESH_COOKIE, refreshToken, REFRESH_PATH, true, secure, false),
                cookie(CSRF_COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(csrf), CSRF_PATH, false, secure, false));
    }

    /** The {@code Set-Cookie} values that end the browser session (each cookie expired). */
    public static List<String> clear(boolean secure) {
        return List.of(cookie(ACCESS_COOKIE, "", ACCESS_PATH, true, secure, true),
                cookie(REFRESH_COOKIE, "", REFRESH_PATH, true, secure, true),
                cookie(CSRF_COOKIE, "", CSRF_PATH, false, secure, true));
    }

    private static String cookie(String name, String value, String path, boolean httpOnly, boolean secure, boolean expire) {
        StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=").append(path).append("; SameSite=Strict");
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        if (secure) {
            b.append("; Secure");
        }
        if (expire) {
            b.append("; Max-Age=0");
        }
        return b.toString();
    }

    /** The value of cookie {@code name} in a {@code Cookie} request header, or null. */
    public static String cookie(String cookieHeader, String name) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                String value = part.substring(eq + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** Whether the CSRF header repeats the CSRF cookie (both present, compared in constant time). */
    public static boolean csrfMatches(String cookieValue, String headerValue) {
        if (cookieValue == null || headerValue == null || cookieValue.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(cookieValue.getBytes(StandardCharsets.UTF_8), headerValue.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the method changes state (CSRF is checked on these). */
    public static boolean unsafe(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }
}
