package io.clientele.integration.impl.internal;

import io.clientele.integration.api.OAuthClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What OAuth 2.0 puts on the wire (RFC 6749, RFC 7636, RFC 7009): the authorization URL, the token and revocation
 * requests with the client's authentication, and the token endpoint's answers. No I/O here.
 */
final class OAuthWire {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** A successful token answer (RFC 6749 §5.1). {@code expiresIn} null when the service does not say. */
    record Tokens(String accessToken, String tokenType, Long expiresIn, String refreshToken, String scope) {
        @Override
        public String toString() {
            return "Tokens[" + tokenType + ", expires in " + expiresIn + " s" + (refreshToken == null ? "" : ", refreshable") + "]";
        }
    }

    /**
     * A refused or failed token request. {@code definitive}: the service refused the grant or the client (RFC 6749 §5.2:
     * a 4xx with an {@code error}), so asking again will not help; otherwise it may pass (no answer, 5xx, 429).
     */
    static final class TokenFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean definitive;
        private final String error;

        TokenFailure(String message, String error, boolean definitive) {
            super(message, null, false, false);
            this.error = error;
            this.definitive = definitive;
        }

        boolean definitive() {
            return definitive;
        }

        /** The service's {@code error} code, or null. */
        String error() {
            return error;
        }
    }

    private OAuthWire() {
    }

    /** 32 random bytes, base64url without padding (43 characters): a state, or a PKCE verifier (RFC 7636 §4.1). */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The PKCE {@code S256} challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))) (RFC 7636 §4.2). */
    static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Hex SHA-256 of a state: what is stored of it. */
    static String stateHash(String state) {
        StringBuilder hex = new StringBuilder(64);
        for (byte b : sha256(state.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The authorization request (RFC 6749 §4.1.1; RFC 7636 §4.3 when {@code challenge} is not null), on the endpoint's own query. */
    static URI authorizationUrl(OAuthClient client, String redirectUri, String state, String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", client.clientId());
        params.put("redirect_uri", redirectUri);
        if (!client.scopes().isEmpty()) {
            params.put("scope", String.join(" ", client.scopes()));
        }
        params.put("state", state);
        if (challenge != null) {
            params.put("code_challenge", challenge);
            params.put("code_challenge_method", "S256");
        }
        client.authorizationParameters().forEach(params::putIfAbsent);
        String base = client.authorizationEndpoint().toString();
        return URI.create(base + (client.authorizationEndpoint().getRawQuery() == null ? "?" : "&") + form(params));
    }

    /** {@code application/x-www-form-urlencoded} (RFC 6749 Appendix B). */
    static String form(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(encode(k) + "=" + encode(v)));
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A POST of {@code params} to {@code endpoint} with the client's authentication (RFC 6749 §2.3.1). */
    static HttpRequest post(OAuthClient client, URI endpoint, Map<String, String> params) {
        Map<String, String> body = new LinkedHashMap<>(params);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (client.clientAuthentication() == OAuthClient.ClientAuthentication.CLIENT_SECRET_BASIC) {
            String credentials = encode(client.clientId()) + ":" + encode(client.clientSecret());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else {
            body.put("client_id", client.clientId());
            body.put("client_secret", client.clientSecret());
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
    }

    /** The code exchange (RFC 6749 §4.1.3, with the PKCE verifier when there is one). */
    static HttpRequest codeRequest(OAuthClient client, String code, String redirectUri, String verifier) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", redirectUri);
        if (verifier != null) {
            params.put("code_verifier", verifier);
        }
        return post(client, client.tokenEndpoint(), params);
    }

    /** A refresh (RFC 6749 §6). */
    static HttpRequest refreshRequest(OAuthClient client, String refreshToken) {
        return post(client, client.tokenEndpoint(), new LinkedHashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
    }

    /** A revocation (RFC 7009 §2.1). */
    static HttpRequest revocationRequest(OAuthClient client, URI endpoint, String token, String hint) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("token", token);
        params.put("token_type_hint", hint);
        return post(client, endpoint, params);
    }

    /**
     * The token endpoint's answer: the tokens of a 200 with an {@code access_token} (JSON, or a form-encoded body as some
     * services send), or why not.
     */
    static Tokens tokens(HttpResponse<String> answer) throws TokenFailure {
        int status = answer.statusCode();
        Map<String, Object> body = body(answer);
        if (status == 200 && body.get("access_token") instanceof String access && !access.isEmpty()) {
            String type = body.get("token_type") == null ? null : String.valueOf(body.get("token_type"));
            if (type != null && !type.equalsIgnoreCase("bearer")) {
                throw new TokenFailure("The service issued a token of type '" + cut(type) + "', not a bearer token.", null, true);
            }
            Long expiresIn = null;
            Object e = body.get("expires_in");
            if (e instanceof Number n) {
                expiresIn = n.longValue();
            } else if (e instanceof String s && s.matches("\\d{1,10}")) {
                expiresIn = Long.parseLong(s);
            }
            Object refresh = body.get("refresh_token");
            Object scope = body.get("scope");
            return new Tokens(access, type, expiresIn, refresh instanceof String r && !r.isEmpty() ? r : null,
                    scope == null ? null : String.valueOf(scope));
        }
        Object error = body.get("error");
        Object description = body.get("error_description");
        String code = error == null ? null : cut(String.valueOf(error));
        String message = "The token endpoint answered " + status + (code == null ? "" : " " + code)
                + (description == null ? "" : ": " + cut(String.valueOf(description))) + ".";
        boolean definitive = status >= 400 && status < 500 && status != 408 && status != 429 && (code != null || status == 401);
        if (status == 200) {
            throw new TokenFailure("The token endpoint answered without an access token.", null, true);
        }
        throw new TokenFailure(message, code, definitive);
    }

    private static Map<String, Object> body(HttpResponse<String> answer) {
        String text = answer.body() == null ? "" : answer.body().strip();
        String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (text.startsWith("{")) {
            try {
                return JsonValues.readObject(text);
            } catch (RuntimeException e) {
                return Map.of();
            }
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return out;
        }
        return Map.of();
    }

    /** A service's text cut to 200 printable characters for a message. */
    static String cut(String text) {
        String clean = text.replaceAll("\\p{Cntrl}+", " ");
        return clean.length() > 200 ? clean.substring(0, 199) + "…" : clean;
    }
}
