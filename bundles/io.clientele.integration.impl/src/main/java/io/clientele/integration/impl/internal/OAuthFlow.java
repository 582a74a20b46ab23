package io.clientele.integration.impl.internal;

import io.clientele.integration.api.Integration;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationEvents;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.api.OAuthClient;
import io.clientele.integration.api.OAuthIntegrationProvider;
import io.clientele.integration.api.OAuthTokens;
import io.clientele.integration.api.OutboundHttp;
import io.clientele.integration.impl.internal.OAuthGrants.Grant;
import io.clientele.integration.impl.internal.OAuthGrants.State;
import io.clientele.integration.impl.internal.OAuthWire.TokenFailure;
import io.clientele.integration.impl.internal.OAuthWire.Tokens;
import io.clientele.integration.impl.internal.ProviderRegistry.Provider;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.event.TransactionalEventListener;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 authorization code for {@link OAuthIntegrationProvider}s' integrations: the authorization request (a random,
 * single-use, short-lived state bound to the agency, the user and the integration, with the PKCE verifier kept here), the
 * callback's code exchange, the tokens kept encrypted ({@link SecretCipher}) in {@code integration_oauth_grant}, their
 * refresh before expiry and after a 401 ({@link OAuthTokens}), and their revocation when the integration is deleted.
 *
 * <p>A refresh is claimed with a compare-and-set on the grant's version plus a lease ({@code refreshing_until}), committed
 * before the token endpoint is called: of two nodes or threads needing it at once one refreshes, the other waits for the
 * row to change and takes the new token, so a rotating refresh token is spent once. A node that dies mid-refresh leaves
 * the lease to run out; if the service had rotated the token meanwhile, the next refresh is refused and the integration
 * needs attention (nothing else can know the lost token).
 */
@Component(service = {OAuthFlow.class, OAuthTokens.class, TransactionalEventListener.class}, configurationPid = OAuthFlow.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OAuthConfig.class)
public class OAuthFlow implements OAuthTokens, TransactionalEventListener {

    static final String PID = "io.clientele.integration.oauth";
    static final String CALLBACK_PATH = "/api/v1/integrations/oauth/callback";
    /** The names the tokens and verifier are encrypted under (associated data beside the integration id). */
    static final String ACCESS = "#oauth.access_token";
    static final String REFRESH = "#oauth.refresh_token";
    static final String VERIFIER = "#oauth.code_verifier";
    /** The last error of an OAuth provider's integration until it is authorized. */
    static final String NOT_CONNECTED = "Not connected yet: an ADMIN must authorize the integration at the service"
            + " (POST /v1/integrations/{id}/oauth/authorize).";
    private static final Logger LOG = LoggerFactory.getLogger(OAuthFlow.class);

    /**
     * What a callback came to: the integration, and either connected or an error: the service's own ({@code field}
     * {@code error}) or its refusal of the code ({@code field} {@code code}).
     */
    record Outcome(String integrationId, IntegrationStatus status, String field, String error, String errorDescription) {
        boolean connected() {
            return error == null;
        }

        /** The answer to a callback that did not connect, when no completion page is configured: 400 naming the field. */
        ProblemException problem() {
            String message = ("error".equals(field) ? "the service refused the authorization: " : "the service refused the code: ")
                    + error + (errorDescription == null ? "" : " (" + errorDescription + ")");
            return ProblemException.invalid(field, message);
        }
    }

    private final OAuthGrants grants;
    private final Database database;
    private final IntegrationSecrets secrets;
    private final ProviderRegistry providers;
    private final OutboundHttp http;
    private final IntegrationStore integrations;
    private final UserDirectory users;
    private final Clock clock;
    private final ExecutorService revocations = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "clientele-integration-oauth-revocations");
        t.setDaemon(true);
        return t;
    });
    private volatile OAuthConfig config;

    @Activate
    public OAuthFlow(@Reference Database database, @Reference IntegrationSchema schema, @Reference IntegrationSecrets secrets,
                     @Reference ProviderRegistry providers, @Reference OutboundHttp http, @Reference IntegrationStore integrations,
                     @Reference UserDirectory users, OAuthConfig config) {
        this(database, secrets, providers, http, integrations, users, config, Clock.systemUTC());
    }

    OAuthFlow(Database database, IntegrationSecrets secrets, ProviderRegistry providers, OutboundHttp http, IntegrationStore integrations,
              UserDirectory users, OAuthConfig config, Clock clock) {
        this.grants = new OAuthGrants(database);
        this.database = database;
        this.secrets = secrets;
        this.providers = providers;
        this.http = http;
        this.integrations = integrations;
        this.users = users;
        this.clock = clock;
        this.config = config;
    }

    @Modified
    void modified(OAuthConfig config) {
        this.config = config;
    }

    @Deactivate
    void deactivate() {
        revocations.shutdown();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    String redirectUri() {
        String base = config.publicBaseUrl() == null ? "" : config.publicBaseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + CALLBACK_PATH;
    }

    // ---- authorization

    /**
     * Starts an authorization of the caller's integration: the service's authorization URL with a new state. 404 when the
     * integration is not the caller's to see; 409 when its provider is not installed, not available to the agency, not an
     * OAuth provider, or its client is not configured.
     */
    OAuthViews.Authorization authorize(String integrationId) {
        Integration integration = integrations.get(integrationId);
        OAuthIntegrationProvider provider = oauthProvider(integration.providerId(), true)
                .orElseThrow(() -> ProblemException.conflict("The provider '" + integration.providerId()
                        + "' is not installed, not available to this agency, or does not connect with OAuth."));
        OAuthClient client;
        try {
            client = provider.oauthClient();
        } catch (RuntimeException e) {
            LOG.warn("integration provider '{}' has no usable OAuth client: {}", integration.providerId(), e.getMessage());
            throw ProblemException.conflict("The provider '" + integration.providerId() + "' is not configured for OAuth: ask the operator.");
        }
        if (client == null) {
            throw ProblemException.conflict("The provider '" + integration.providerId() + "' is not configured for OAuth: ask the operator.");
        }
        String state = OAuthWire.randomToken();
        String verifier = client.pkce() ? OAuthWire.randomToken() : null;
        Instant now = now();
        Instant expiresAt = now.plusSeconds(Math.max(30, config.stateTtlSeconds()));
        String redirectUri = redirectUri();
        grants.saveState(new State(OAuthWire.stateHash(state), RequestContext.agencyId(), integration.id(), RequestContext.principal().id(),
                redirectUri, verifier == null ? null : secrets.cipher().encrypt(integration.id(), VERIFIER, verifier), expiresAt, null), now);
        URI url = OAuthWire.authorizationUrl(client, redirectUri, state, verifier == null ? null : OAuthWire.challenge(verifier));
        return new OAuthViews.Authorization(url.toString(), expiresAt);
    }

    /** The provider as an OAuth provider, if it is installed (and, when {@code forAgency}, available to the caller's agency). */
    private Optional<OAuthIntegrationProvider> oauthProvider(String providerId, boolean forAgency) {
        return providers.find(providerId).filter(p -> !forAgency || integrations.usableByAgency(p)).map(Provider::service)
                .filter(OAuthIntegrationProvider.class::isInstance).map(OAuthIntegrationProvider.class::cast);
    }

    /**
     * The service sent the browser back. The state must be one this platform issued, unused and unexpired (else 400 naming
     * {@code state}); it is used up at once. Then, as the user who started the authorization (still active and ADMIN, else
     * 403): the service's {@code error} is recorded as the integration's last error, or the code is exchanged (400 naming
     * {@code code} when the service refuses it, 503 when it cannot be reached), the tokens stored and the integration set
     * ACTIVE.
     */
    Outcome callback(String code, String state, String error, String errorDescription) {
        if (state == null || state.isBlank() || state.length() > 200) {
            throw ProblemException.invalid("state", "is required: the state the authorization request carried");
        }
        String hash = OAuthWire.stateHash(state);
        Instant now = now();
        State pending = grants.findState(hash).orElseThrow(() -> ProblemException.invalid("state",
                "is unknown: start the authorization again"));
        if (pending.usedAt() != null) {
            throw ProblemException.invalid("state", "was used already: start the authorization again");
        }
        if (!pending.expiresAt().isAfter(now)) {
            throw ProblemException.invalid("state", "has expired: start the authorization again");
        }
        if (!grants.useState(hash, now)) {
            throw ProblemException.invalid("state", "was used already: start the authorization again");
        }
        Principal user = userPrincipal(pending);
        return RequestContext.runAs(user, () -> complete(pending, code, error, errorDescription));
    }

    private Principal userPrincipal(State pending) {
        Optional<User> user = RequestContext.runAs(Principal.system(pending.agencyId(), null, "integration OAuth callback"),
                () -> users.find(pending.userId()));
        if (user.isEmpty() || !user.get().active() || !user.get().roles().contains(Role.ADMIN)) {
            throw ProblemException.forbidden("The user who started this authorization may no longer change the integration.");
        }
        return new Principal(PrincipalKind.STAFF, user.get().id(), user.get().name(), pending.agencyId(), null, user.get().roles(), null);
    }

    private Outcome complete(State pending, String code, String error, String errorDescription) {
        String integrationId = pending.integrationId();
        Integration integration = integrations.get(integrationId); // 404 when deleted meanwhile or no longer visible
        if (error != null && !error.isBlank()) {
            String description = errorDescription == null || errorDescription.isBlank() ? null : OAuthWire.cut(errorDescription);
            integrations.recordFailure(integrationId, "The authorization was refused at the service: " + OAuthWire.cut(error)
                    + (description == null ? "" : " (" + description + ")") + ".", false);
            return new Outcome(integrationId, integration.status(), "error", OAuthWire.cut(error), description);
        }
        if (code == null || code.isBlank() || code.length() > 4000) {
            throw ProblemException.invalid("code", "is required: the authorization code the service sent");
        }
        OAuthIntegrationProvider provider = oauthProvider(integration.providerId(), true).orElseThrow(() -> ProblemException.conflict(
                "The provider '" + integration.providerId() + "' is not installed or not available to this agency."));
        OAuthClient client = client(provider).orElseThrow(() -> ProblemException.conflict(
                "The provider '" + integration.providerId() + "' is not configured for OAuth: ask the operator."));
        String verifier = pending.codeVerifier() == null ? null : secrets.cipher().decrypt(integrationId, VERIFIER, pending.codeVerifier());
        Tokens tokens;
        try {
            tokens = OAuthWire.tokens(http.send(OAuthWire.codeRequest(client, code, pending.redirectUri(), verifier)));
        } catch (TokenFailure f) {
            integrations.recordFailure(integrationId, "The authorization code was not exchanged: " + f.getMessage(), false);
            if (f.definitive()) {
                return new Outcome(integrationId, integration.status(), "code", f.error() == null ? "invalid_grant" : f.error(), f.getMessage());
            }
            throw ProblemException.unavailable("The service's token endpoint failed: " + f.getMessage() + " Start the authorization again.");
        } catch (IOException e) {
            integrations.recordFailure(integrationId, "The service's token endpoint did not answer: " + e.getMessage(), false);
            throw ProblemException.unavailable("The service's token endpoint did not answer; start the authorization again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted.");
        }
        Instant now = now();
        SecretCipher cipher = secrets.cipher();
        grants.authorize(pending.agencyId(), integrationId, cipher.encrypt(integrationId, ACCESS, tokens.accessToken()),
                tokens.refreshToken() == null ? null : cipher.encrypt(integrationId, REFRESH, tokens.refreshToken()), tokens.tokenType(),
                tokens.scope(), now, expiresAt(now, tokens.expiresIn()), pending.userId());
        if (integration.status() != IntegrationStatus.ACTIVE) {
            integrations.patch(integrationId, null, Map.of("status", IntegrationStatus.ACTIVE.name()));
        }
        integrations.recordSuccess(integrationId);
        LOG.info("integration {} ({}) authorized", integrationId, integration.providerId());
        return new Outcome(integrationId, IntegrationStatus.ACTIVE, null, null, null);
    }

    private static Instant expiresAt(Instant now, Long expiresIn) {
        return expiresIn == null || expiresIn <= 0 ? null : now.plusSeconds(expiresIn);
    }

    private static Optional<OAuthClient> client(OAuthIntegrationProvider provider) {
        try {
            return Optional.ofNullable(provider.oauthClient());
        } catch (RuntimeException e) {
            LOG.warn("integration provider '{}' has no usable OAuth client: {}", provider.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the integration holds tokens, and what of them may be shown (never the tokens). */
    OAuthViews.Status status(String integrationId) {
        Integration integration = integrations.get(integrationId);
        return grants.find(RequestContext.agencyId(), integration.id())
                .map(g -> new OAuthViews.Status(true, g.scope() == null || g.scope().isBlank() ? List.of()
                        : Arrays.stream(g.scope().trim().split("[ ,]+")).toList(), g.expiresAt(), g.refreshToken() != null,
                        g.authorizedBy(), g.authorizedAt()))
                .orElse(new OAuthViews.Status(false, List.of(), null, false, null, null));
    }

    // ---- tokens

    @Override
    public String accessToken(IntegrationContext integration) throws IOException, InterruptedException {
        return asAgency(integration, () -> {
            Grant grant = grant(integration);
            return due(grant, now()) ? refresh(integration, grant, null) : plain(grant);
        });
    }

    @Override
    public HttpResponse<String> send(IntegrationContext integration, HttpRequest request) throws IOException, InterruptedException {
        String token = accessToken(integration);
        HttpResponse<String> answer = http.send(withBearer(request, token));
        if (answer.statusCode() != 401) {
            return answer;
        }
        String fresh = asAgency(integration, () -> refresh(integration, grant(integration), token));
        return http.send(withBearer(request, fresh));
    }

    private static HttpRequest withBearer(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", "Bearer " + token).build();
    }

    private Grant grant(IntegrationContext integration) throws NotAuthorizedException {
        return grants.find(integration.agencyId(), integration.integrationId()).orElseThrow(() -> new NotAuthorizedException(
                "The integration is not authorized: an ADMIN must authorize it (POST /v1/integrations/" + integration.integrationId()
                        + "/oauth/authorize)."));
    }

    /** Whether the grant's access token is about to expire: within the margin, at most half its lifetime. */
    boolean due(Grant grant, Instant now) {
        if (grant.expiresAt() == null) {
            return false;
        }
        Duration lifetime = Duration.between(grant.issuedAt(), grant.expiresAt());
        Duration margin = Duration.ofSeconds(Math.max(0, config.refreshMarginSeconds()));
        if (margin.compareTo(lifetime.dividedBy(2)) > 0) {
            margin = lifetime.dividedBy(2);
        }
        return !now.isBefore(grant.expiresAt().minus(margin));
    }

    private String plain(Grant grant) throws NotAuthorizedException {
        try {
            return secrets.cipher().decrypt(grant.integrationId(), ACCESS, grant.accessToken());
        } catch (SecretCipher.UnreadableSecret e) {
            throw new NotAuthorizedException(e.getMessage() + " Authorize the integration again.");
        }
    }

    /**
     * A new access token: refreshed here if this caller wins the claim, else the one another caller's refresh stored. With
     * {@code rejected} (the token a service just answered 401 to), any other token stored meanwhile will do.
     */
    private String refresh(IntegrationContext integration, Grant seen, String rejected) throws IOException, InterruptedException {
        Duration lease = Duration.ofSeconds(Math.max(5, config.refreshLeaseSeconds()));
        long deadline = System.nanoTime() + lease.plusSeconds(5).toNanos();
        Grant current = seen;
        while (true) {
            Instant now = now();
            if (current.refreshingUntil() == null || current.refreshingUntil().isBefore(now)) {
                if (current != seen || rejected != null) {
                    String token = plain(current);
                    if (rejected != null ? !token.equals(rejected) : !due(current, now)) {
                        return token; // another caller's refresh (or a new authorization) got here first
                    }
                }
                if (current.refreshToken() == null) {
                    throw needsAttention(integration, rejected != null
                            ? "The service refused the access token and gave no refresh token: authorize the integration again."
                            : "The access token expired and the service gave no refresh token: authorize the integration again.");
                }
                long claimed = grants.claimRefresh(current, now, now.plus(lease));
                if (claimed >= 0) {
                    return refreshClaimed(integration, current, claimed);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Another refresh of the integration's token did not finish in time; try again.");
            }
            Thread.sleep(50);
            current = grant(integration);
        }
    }

    private String refreshClaimed(IntegrationContext integration, Grant grant, long version) throws IOException, InterruptedException {
        String integrationId = integration.integrationId();
        Optional<OAuthClient> client = oauthProvider(integration.providerId(), false).flatMap(OAuthFlow::client);
        if (client.isEmpty()) {
            grants.release(grant, version, false);
            throw new IOException("The provider '" + integration.providerId() + "' is not installed or not configured for OAuth.");
        }
        String refreshToken;
        try {
            refreshToken = secrets.cipher().decrypt(integrationId, REFRESH, grant.refreshToken());
        } catch (SecretCipher.UnreadableSecret e) {
            grants.release(grant, version, true);
            throw needsAttention(integration, e.getMessage() + " Authorize the integration again.");
        }
        Tokens tokens;
        try {
            tokens = OAuthWire.tokens(http.send(OAuthWire.refreshRequest(client.get(), refreshToken)));
        } catch (TokenFailure f) {
            grants.release(grant, version, f.definitive());
            if (f.definitive()) {
                throw needsAttention(integration, "The service refused to refresh the access token: " + f.getMessage()
                        + " Authorize the integration again.");
            }
            integrations.recordFailure(integrationId, "The access token could not be refreshed: " + f.getMessage(), false);
            throw new IOException("The access token could not be refreshed: " + f.getMessage());
        } catch (IOException | RuntimeException e) {
            grants.release(grant, version, false);
            throw e;
        }
        Instant now = now();
        SecretCipher cipher = secrets.cipher();
        if (!grants.refreshed(grant, version, cipher.encrypt(integrationId, ACCESS, tokens.accessToken()),
                tokens.refreshToken() == null ? null : cipher.encrypt(integrationId, REFRESH, tokens.refreshToken()), tokens.tokenType(),
                tokens.scope(), now, expiresAt(now, tokens.expiresIn()))) {
            LOG.warn("integration {}: the refreshed token could not be stored (the refresh's claim ran out or the integration was authorized"
                    + " again meanwhile)", integrationId);
        } else {
            LOG.debug("integration {}: access token refreshed", integrationId);
        }
        return tokens.accessToken();
    }

    private NotAuthorizedException needsAttention(IntegrationContext integration, String message) {
        integrations.recordFailure(integration.integrationId(), message, true);
        return new NotAuthorizedException(message);
    }

    // ---- deletion

    /** An integration deleted: its tokens and pending authorizations are forgotten with it, and revoked once that commits. */
    @Override
    public void inTransaction(String topic, Map<String, Object> properties) {
        if (!IntegrationEvents.DELETED.equals(topic)) {
            return;
        }
        Object agencyId = properties.get("agencyId");
        Object integrationId = properties.get(IntegrationEvents.INTEGRATION_ID);
        Object providerId = properties.get(IntegrationEvents.PROVIDER_ID);
        if (!(agencyId instanceof String agency) || !(integrationId instanceof String id)) {
            return;
        }
        Optional<Grant> grant = grants.find(agency, id);
        grants.forget(agency, id);
        if (grant.isEmpty() || !(providerId instanceof String provider)) {
            return;
        }
        List<String[]> tokens = new ArrayList<>(); // {token, hint}, refresh token first (RFC 7009 §2.1: it ends the access tokens too)
        try {
            if (grant.get().refreshToken() != null) {
                tokens.add(new String[] {secrets.cipher().decrypt(id, REFRESH, grant.get().refreshToken()), "refresh_token"});
            }
            tokens.add(new String[] {secrets.cipher().decrypt(id, ACCESS, grant.get().accessToken()), "access_token"});
        } catch (SecretCipher.UnreadableSecret e) {
            LOG.warn("integration {}: its tokens cannot be decrypted and are not revoked ({})", id, e.getMessage());
            return;
        }
        database.afterCommit(() -> {
            try {
                revocations.execute(() -> revoke(id, provider, tokens));
            } catch (RuntimeException e) {
                LOG.warn("integration {}: its tokens are not revoked ({})", id, e.toString());
            }
        });
    }

    /** Tells the service the tokens are no longer used (RFC 7009), best effort: a failure is logged. */
    void revoke(String integrationId, String providerId, List<String[]> tokens) {
        Optional<OAuthClient> client = oauthProvider(providerId, false).flatMap(OAuthFlow::client);
        if (client.isEmpty()) {
            LOG.warn("integration {} deleted: its tokens are not revoked, the provider '{}' is not installed or not configured", integrationId,
                    providerId);
            return;
        }
        Optional<URI> endpoint = client.get().revocationEndpoint();
        if (endpoint.isEmpty()) {
            LOG.info("integration {} deleted: the provider '{}' names no revocation endpoint; its tokens are forgotten", integrationId, providerId);
            return;
        }
        for (String[] token : tokens) {
            try {
                HttpResponse<String> answer = http.send(OAuthWire.revocationRequest(client.get(), endpoint.get(), token[0], token[1]));
                if (answer.statusCode() == 200) {
                    LOG.info("integration {} deleted: its {} was revoked at the service", integrationId, token[1]);
                } else {
                    LOG.warn("integration {} deleted: the service answered {} to the revocation of its {}", integrationId, answer.statusCode(),
                            token[1]);
                }
            } catch (IOException e) {
                LOG.warn("integration {} deleted: the revocation of its {} failed ({})", integrationId, token[1], e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits for the revocations queued so far (tests). */
    void awaitRevocations() throws InterruptedException {
        revocations.submit(() -> {
        });
        revocations.shutdown();
        revocations.awaitTermination(30, TimeUnit.SECONDS);
    }

    // ---- running as the integration's agency

    private interface Work<T> {
        T run() throws IOException, InterruptedException;
    }

    private static <T> T asAgency(IntegrationContext integration, Work<T> work) throws IOException, InterruptedException {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        DeliveryQueue.asAgency(integration.agencyId(), () -> {
            try {
                result[0] = work.run();
            } catch (IOException | InterruptedException e) {
                failure[0] = e;
            }
            return null;
        });
        if (failure[0] instanceof IOException io) {
            throw io;
        }
        if (failure[0] instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** The completion page's URL with the outcome's parameters, or null when none is configured. */
    URI completionUrl(Outcome outcome) {
        String page = config.completionUrl() == null ? "" : config.completionUrl().strip();
        if (page.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("integrationId", outcome.integrationId());
        if (outcome.connected()) {
            params.put("result", "connected");
        } else {
            params.put("error", outcome.error());
            if (outcome.errorDescription() != null) {
                params.put("errorDescription", outcome.errorDescription());
            }
        }
        return URI.create(page + (page.contains("?") ? "&" : "?") + OAuthWire.form(params));
    }
}
