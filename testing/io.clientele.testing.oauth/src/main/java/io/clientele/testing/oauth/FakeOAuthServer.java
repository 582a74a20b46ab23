package io.clientele.testing.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OAuth 2.0 authorization server and protected API, speaking what the platform must speak and checking what it
 * receives: the authorization endpoint ({@code GET /authorize}, RFC 6749 §4.1.1 with RFC 7636 {@code S256}) consents at
 * once with a 302 to the redirect URI; the token endpoint ({@code POST /token}) takes {@code authorization_code} (single-use
 * codes, the same redirect URI, the PKCE verifier matching the challenge) and {@code refresh_token} (rotated: a spent one is
 * {@code invalid_grant}), authenticating the client exactly the configured way; {@code POST /revoke} is RFC 7009; and
 * {@code /api/**} answers 200 to a live bearer token, 401 otherwise (and always at a path ending {@code /deny}). Every failure it finds is kept in {@link #problems}.
 */
public final class FakeOAuthServer implements AutoCloseable {

    public final String clientId = "client-" + UUID.randomUUID().toString().substring(0, 8);
    public final String clientSecret = "secret:with/odd chars+" + UUID.randomUUID().toString().substring(0, 8);
    /** The client authentication the server demands: "basic" or "post". */
    public volatile String clientAuth = "basic";
    public volatile boolean requirePkce = true;
    public volatile long expiresIn = 3600;
    public volatile boolean rotate = true;
    /** Refuse the next consent with this error (e.g. access_denied). */
    public volatile String denyWith;
    /** Answer the token endpoint's next calls with this status (e.g. 503), once per entry. */
    public final List<Integer> tokenOutages = new CopyOnWriteArrayList<>();
    /** Milliseconds the token endpoint takes to answer a refresh. */
    public volatile long refreshDelayMillis;

    public final List<String> problems = new CopyOnWriteArrayList<>();
    public final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    public final List<Map<String, String>> revocations = new CopyOnWriteArrayList<>();
    public final List<String> apiCalls = new CopyOnWriteArrayList<>();
    public final AtomicInteger refreshes = new AtomicInteger();

    private record Code(String redirectUri, String challenge, String scope) {
    }

    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Set<String> liveAccess = ConcurrentHashMap.newKeySet();
    private final Set<String> liveRefresh = ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    public FakeOAuthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/revoke", this::revoke);
        server.createContext("/api", this::api);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every access token issued so far stops working (the service revoked them, or they expired on its clock). */
    public void expireAccessTokens() {
        liveAccess.clear();
    }

    /** Every refresh token stops working (the user revoked the app at the service). */
    public void revokeRefreshTokens() {
        liveRefresh.clear();
    }

    public boolean isLive(String accessToken) {
        return liveAccess.contains(accessToken);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- endpoints

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        String redirect = q.get("redirect_uri");
        if (!"code".equals(q.get("response_type"))) {
            problems.add("authorize: response_type " + q.get("response_type"));
        }
        if (!clientId.equals(q.get("client_id"))) {
            problems.add("authorize: client_id " + q.get("client_id"));
        }
        if (redirect == null || q.get("state") == null) {
            problems.add("authorize: no redirect_uri or state");
            answer(exchange, 400, "text/plain", "bad request");
            return;
        }
        String challenge = q.get("code_challenge");
        if (requirePkce && (challenge == null || !"S256".equals(q.get("code_challenge_method")))) {
            problems.add("authorize: no S256 challenge");
        }
        Map<String, String> back = new LinkedHashMap<>();
        String deny = denyWith;
        if (deny != null) {
            denyWith = null;
            back.put("error", deny);
            back.put("error_description", "The user said no");
        } else {
            String code = UUID.randomUUID().toString();
            codes.put(code, new Code(redirect, challenge, q.get("scope")));
            back.put("code", code);
        }
        back.put("state", q.get("state"));
        exchange.getResponseHeaders().add("Location", redirect + (redirect.contains("?") ? "&" : "?") + form(back));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> p = form(exchange);
        tokenRequests.add(p);
        if (!tokenOutages.isEmpty()) {
            int status = tokenOutages.remove(0);
            answer(exchange, status, "text/plain", "unavailable");
            return;
        }
        if (!authenticated(exchange, p)) {
            answer(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        if (!"application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            problems.add("token: content type " + exchange.getRequestHeaders().getFirst("Content-Type"));
        }
        String grant = p.get("grant_type");
        if ("authorization_code".equals(grant)) {
            Code code = p.get("code") == null ? null : codes.remove(p.get("code"));
            if (code == null) {
                answer(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"unknown or used code\"}");
                return;
            }
            if (!code.redirectUri().equals(p.get("redirect_uri"))) {
                problems.add("token: redirect_uri " + p.get("redirect_uri") + " is not " + code.redirectUri());
                answer(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
                return;
            }
            if (code.challenge() != null && (p.get("code_verifier") == null || !code.challenge().equals(s256(p.get("code_verifier"))))) {
                problems.add("token: the verifier does not match the challenge");
                answer(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE\"}");
                return;
            }
            issue(exchange, code.scope(), null);
        } else if ("refresh_token".equals(grant)) {
            refreshes.incrementAndGet();
            sleep(refreshDelayMillis);
            String refresh = p.get("refresh_token");
            if (refresh == null || !liveRefresh.contains(refresh)) {
                answer(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token spent or revoked\"}");
                return;
            }
            if (rotate) {
                liveRefresh.remove(refresh);
            }
            issue(exchange, null, rotate ? null : refresh);
        } else {
            answer(exchange, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private void issue(HttpExchange exchange, String scope, String keptRefresh) throws IOException {
        String access = "at-" + UUID.randomUUID();
        liveAccess.add(access);
        String refresh = keptRefresh;
        if (refresh == null) {
            refresh = "rt-" + UUID.randomUUID();
            liveRefresh.add(refresh);
        }
        answer(exchange, 200, "application/json;charset=UTF-8", "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + expiresIn + (keptRefresh == null ? ",\"refresh_token\":\"" + refresh + "\"" : "")
                + (scope == null ? "" : ",\"scope\":\"" + scope + "\"") + "}");
    }

    private void revoke(HttpExchange exchange) throws IOException {
        Map<String, String> p = form(exchange);
        if (!authenticated(exchange, p)) {
            answer(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        revocations.add(p);
        liveAccess.remove(p.get("token"));
        liveRefresh.remove(p.get("token"));
        answer(exchange, 200, "text/plain", "");
    }

    private void api(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        apiCalls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + token);
        exchange.getRequestBody().readAllBytes();
        if (liveAccess.contains(token) && !exchange.getRequestURI().getPath().endsWith("/deny")) {
            answer(exchange, 200, "application/json", "{\"ok\":true}");
        } else {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            answer(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}");
        }
    }

    /** Exactly the configured client authentication (RFC 6749 §2.3.1: never both). */
    private boolean authenticated(HttpExchange exchange, Map<String, String> p) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        boolean inBody = p.containsKey("client_secret");
        if ("basic".equals(clientAuth)) {
            if (inBody || header == null || !header.startsWith("Basic ")) {
                problems.add("client auth: expected client_secret_basic");
                return false;
            }
            String[] pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            boolean ok = pair.length == 2 && clientId.equals(decode(pair[0])) && clientSecret.equals(decode(pair[1]));
            if (!ok) {
                problems.add("client auth: wrong basic credentials");
            }
            return ok;
        }
        if (header != null) {
            problems.add("client auth: expected client_secret_post, got a header");
            return false;
        }
        boolean ok = clientId.equals(p.get("client_id")) && clientSecret.equals(p.get("client_secret"));
        if (!ok) {
            problems.add("client auth: wrong post credentials");
        }
        return ok;
    }

    // ---- helpers

    public static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        return parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    public static Map<String, String> parse(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    public static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
