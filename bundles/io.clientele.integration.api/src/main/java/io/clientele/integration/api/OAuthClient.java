package io.clientele.integration.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link OAuthIntegrationProvider} is registered as an OAuth 2.0 client at its service (RFC 6749): the
 * endpoints, the client's credentials, how it authenticates at the token endpoint, the scopes it asks for, and whether
 * the service takes PKCE (RFC 7636, {@code S256}). Build it from the provider's own typed configuration (operator
 * configuration or environment: the client secret never goes through the API), so that tests point the endpoints at a
 * fake server:
 * <pre>{@code
 * OAuthClient.builder(URI.create(config.baseUrl() + "/auth/dialog"), URI.create(config.apiUrl() + "/auth/token"),
 *                 config.clientId(), config.clientSecret())
 *         .revocationEndpoint(URI.create(config.apiUrl() + "/auth/revoke"))
 *         .scopes("contacts", "conversions")
 *         .pkce(true)
 *         .clientAuthentication(OAuthClient.ClientAuthentication.CLIENT_SECRET_POST)
 *         .build();
 * }</pre>
 * Immutable; {@link #toString()} leaves the client secret out.
 *
 * @since 1.1
 */
public final class OAuthClient {

    /** How the client authenticates at the token and revocation endpoints (RFC 6749 §2.3.1). */
    public enum ClientAuthentication {
        /** HTTP Basic with the form-encoded client id and secret (the default the RFC asks every server to support). */
        CLIENT_SECRET_BASIC,
        /** {@code client_id} and {@code client_secret} as parameters of the form body. */
        CLIENT_SECRET_POST
    }

    private final URI authorizationEndpoint;
    private final URI tokenEndpoint;
    private final URI revocationEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final ClientAuthentication clientAuthentication;
    private final List<String> scopes;
    private final boolean pkce;
    private final Map<String, String> authorizationParameters;

    private OAuthClient(Builder b) {
        this.authorizationEndpoint = b.authorizationEndpoint;
        this.tokenEndpoint = b.tokenEndpoint;
        this.revocationEndpoint = b.revocationEndpoint;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.clientAuthentication = b.clientAuthentication;
        this.scopes = List.copyOf(b.scopes);
        this.pkce = b.pkce;
        this.authorizationParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.authorizationParameters));
    }

    /**
     * A client with these endpoints and credentials; by default {@link ClientAuthentication#CLIENT_SECRET_BASIC}, no
     * scopes, no PKCE, no revocation endpoint.
     *
     * @param authorizationEndpoint where the agency's user is sent to consent (http or https)
     * @param tokenEndpoint         where codes and refresh tokens are exchanged (called through {@link OutboundHttp})
     */
    public static Builder builder(URI authorizationEndpoint, URI tokenEndpoint, String clientId, String clientSecret) {
        return new Builder(authorizationEndpoint, tokenEndpoint, clientId, clientSecret);
    }

    public URI authorizationEndpoint() {
        return authorizationEndpoint;
    }

    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /** The RFC 7009 revocation endpoint, told of the tokens when the integration is deleted; empty when the service has none. */
    public Optional<URI> revocationEndpoint() {
        return Optional.ofNullable(revocationEndpoint);
    }

    public String clientId() {
        return clientId;
    }

    /** The client secret; never log it. */
    public String clientSecret() {
        return clientSecret;
    }

    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    /** The scopes asked for, sent space-separated; empty for the service's default. */
    public List<String> scopes() {
        return scopes;
    }

    /** Whether the authorization request carries a PKCE challenge ({@code S256}) and the code exchange its verifier. */
    public boolean pkce() {
        return pkce;
    }

    /** Further parameters of the authorization request the service wants (e.g. {@code access_type=offline}). */
    public Map<String, String> authorizationParameters() {
        return authorizationParameters;
    }

    @Override
    public String toString() {
        return "OAuthClient[" + clientId + " at " + tokenEndpoint + ", " + clientAuthentication + (pkce ? ", PKCE" : "") + "]";
    }

    /** Builds an {@link OAuthClient}; {@link #build()} checks it. */
    public static final class Builder {
        private final URI authorizationEndpoint;
        private final URI tokenEndpoint;
        private final String clientId;
        private final String clientSecret;
        private URI revocationEndpoint;
        private ClientAuthentication clientAuthentication = ClientAuthentication.CLIENT_SECRET_BASIC;
        private final List<String> scopes = new ArrayList<>();
        private boolean pkce;
        private final Map<String, String> authorizationParameters = new LinkedHashMap<>();

        private Builder(URI authorizationEndpoint, URI tokenEndpoint, String clientId, String clientSecret) {
            this.authorizationEndpoint = authorizationEndpoint;
            this.tokenEndpoint = tokenEndpoint;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        public Builder revocationEndpoint(URI endpoint) {
            this.revocationEndpoint = endpoint;
            return this;
        }

        public Builder clientAuthentication(ClientAuthentication authentication) {
            this.clientAuthentication = Objects.requireNonNull(authentication, "clientAuthentication");
            return this;
        }

        public Builder scopes(String... scopes) {
            return scopes(List.of(scopes));
        }

        public Builder scopes(List<String> scopes) {
            this.scopes.clear();
            for (String s : scopes) {
                if (s == null || s.isBlank() || s.chars().anyMatch(c -> c <= 0x20 || c == '"' || c == '\\' || c > 0x7e)) {
                    throw new IllegalArgumentException("a scope is a non-empty token of printable ASCII without spaces, quotes or"
                            + " backslashes (RFC 6749 §3.3), not '" + s + "'");
                }
                this.scopes.add(s);
            }
            return this;
        }

        public Builder pkce(boolean pkce) {
            this.pkce = pkce;
            return this;
        }

        /** A further parameter of the authorization request; the platform's own ones cannot be replaced. */
        public Builder authorizationParameter(String name, String value) {
            if (RESERVED.contains(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the authorization parameter '" + name + "' is the platform's to set");
            }
            authorizationParameters.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        private static final List<String> RESERVED = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
                "code_challenge", "code_challenge_method");

        /**
         * The client.
         *
         * @throws IllegalArgumentException when an endpoint is missing or not an absolute http(s) URI, or the client id
         *                                  or secret is empty
         */
        public OAuthClient build() {
            endpoint(authorizationEndpoint, "authorizationEndpoint");
            endpoint(tokenEndpoint, "tokenEndpoint");
            if (revocationEndpoint != null) {
                endpoint(revocationEndpoint, "revocationEndpoint");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("the OAuth client id is not configured");
            }
            if (clientSecret == null || clientSecret.isEmpty()) {
                throw new IllegalArgumentException("the OAuth client secret is not configured");
            }
            return new OAuthClient(this);
        }

        private static void endpoint(URI uri, String name) {
            String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri == null || !uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("the OAuth " + name + " must be an absolute http(s) URI without a fragment, not " + uri);
            }
        }
    }
}
