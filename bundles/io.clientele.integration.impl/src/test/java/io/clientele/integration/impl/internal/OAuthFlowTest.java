package io.clientele.integration.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.customer.api.CustomerDirectory;
import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Integration;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.api.OAuthClient;
import io.clientele.integration.api.OAuthIntegrationProvider;
import io.clientele.integration.api.OAuthTokens;
import io.clientele.integration.api.ProviderScope;
import io.clientele.integration.impl.internal.DeliveryQueueTest.MovableClock;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.testing.oauth.FakeOAuthServer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OAuth 2.0 authorization-code helper on Derby migrated by the real changelog, against a {@link FakeOAuthServer} that
 * checks what it receives (client authentication, redirect URI, PKCE verifier, single-use codes, rotated refresh tokens),
 * with a movable clock for the tokens' expiry and the state's lifetime.
 */
class OAuthFlowTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";
    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final Principal ANA = new Principal(PrincipalKind.STAFF, "user-ana", "Ana", A, "a", Set.of(Role.ADMIN), null);

    @TempDir
    Path temp;

    private static JpaUnitFixture db;
    private FakeOAuthServer fake;
    private IntegrationStore store;
    private OAuthFlow flow;
    private ProviderRegistry registry;
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** The users the platform knows: Ana is an active ADMIN of agency A. */
    private final Map<String, User> users = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String completionUrl = "";
    private final Crm crm = new Crm();

    /** An OAuth provider whose client points at the fake server. */
    final class Crm implements OAuthIntegrationProvider {
        volatile boolean pkce = true;
        volatile OAuthClient.ClientAuthentication auth = OAuthClient.ClientAuthentication.CLIENT_SECRET_BASIC;
        volatile boolean revocation = true;

        @Override
        public OAuthClient oauthClient() {
            OAuthClient.Builder b = OAuthClient.builder(URI.create(fake.url("/authorize?tenant=t1")), URI.create(fake.url("/token")),
                    fake.clientId, fake.clientSecret).scopes("contacts", "events.write").pkce(pkce).clientAuthentication(auth);
            return (revocation ? b.revocationEndpoint(URI.create(fake.url("/revoke"))) : b).build();
        }

        @Override
        public String id() {
            return "crm";
        }

        @Override
        public String name() {
            return "CRM";
        }

        @Override
        public ProviderScope scope() {
            return ProviderScope.AGENCY;
        }

        @Override
        public String settingsSchema() {
            return "{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\"}}}";
        }

        @Override
        public ConnectionCheck testConnection(IntegrationContext integration) {
            return ConnectionCheck.ok("ok");
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        if (db == null) {
            db = fixture();
        }
        fake = new FakeOAuthServer();
        db.database().inTransaction(c -> {
            for (String table : List.of("integration_oauth_state", "integration_oauth_grant", "integration_delivery_attempt",
                    "integration_delivery", "integration_integration")) {
                io.clientele.platform.api.db.Jdbc.update(c, "DELETE FROM " + table);
            }
            return null;
        });
        users.put(ANA.id(), new User(ANA.id(), "Ana", "ana@a.test", Set.of(Role.ADMIN), true, 0, Instant.now(), Instant.now()));
        registry = new ProviderRegistry();
        registry.addProvider(crm);
        IntegrationConfig config = TestConfig.of(KEYS, "k1", true);
        OAuthFlow[] holder = new OAuthFlow[1];
        store = new IntegrationStore(db.work(), registry, new IntegrationSecrets(config, temp.resolve("keys")), new OutboundHttpClient(config),
                DeliveryQueueTest.nothing(CustomerDirectory.class), DeliveryQueueTest.nothing(ModuleRegistry.class),
                DeliveryQueueTest.nothing(HistoryService.class), (topic, props) -> {
                    // as the platform's DomainEvents: every transactional listener, in the change's transaction, with the agency
                    Map<String, Object> event = new java.util.HashMap<>(props);
                    event.put("agencyId", RequestContext.agencyId());
                    if (holder[0] != null) {
                        holder[0].inTransaction(topic, Map.copyOf(event));
                    }
                }, DeliveryQueueTest.nothing(NotificationService.class), userDirectory());
        flow = new OAuthFlow(db.database(), new IntegrationSecrets(config, temp.resolve("keys")), registry, new OutboundHttpClient(config), store,
                userDirectory(), oauthConfig(), clock);
        holder[0] = flow;
    }

    @AfterEach
    void tearDown() {
        if (fake != null) {
            fake.close();
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void closeDatabase() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    /** The database the class runs on (one per class; each test starts from empty tables). */
    JpaUnitFixture fixture() {
        return JpaUnitFixture.derby("integration", IntegrationStore.class, "db/clientele-integration.xml");
    }

    private OAuthConfig oauthConfig() {
        return new OAuthConfig() {
            public String publicBaseUrl() {
                return "https://clientele.example/";
            }

            public int stateTtlSeconds() {
                return 600;
            }

            public String completionUrl() {
                return completionUrl;
            }

            public int refreshMarginSeconds() {
                return 60;
            }

            public int refreshLeaseSeconds() {
                return 30;
            }

            public Class<? extends Annotation> annotationType() {
                return OAuthConfig.class;
            }
        };
    }

    private UserDirectory userDirectory() {
        return (UserDirectory) Proxy.newProxyInstance(UserDirectory.class.getClassLoader(), new Class<?>[] {UserDirectory.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "find" -> Optional.ofNullable(users.get((String) args[0])).filter(u -> RequestContext.agencyId().equals(A));
                    case "all" -> List.of();
                    case "toString" -> "users";
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> method.getReturnType() == List.class ? List.of() : null;
                });
    }

    private <T> T asAna(Supplier<T> work) {
        return RequestContext.runAs(ANA, work);
    }

    private Integration connectable() {
        return asAna(() -> store.create(null, "crm", Map.of("label", "main")));
    }

    /** The browser at the authorization URL: the fake consents and sends it back; answers the callback URL it was sent to. */
    private URI consent(String authorizationUrl) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(authorizationUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, answer.statusCode(), answer.body());
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    /** The platform's callback with the query the service sent. */
    private OAuthFlow.Outcome callback(URI back) {
        Map<String, String> q = FakeOAuthServer.query(back);
        return flow.callback(q.get("code"), q.get("state"), q.get("error"), q.get("error_description"));
    }

    private Integration connected() throws Exception {
        Integration integration = connectable();
        assertTrue(callback(consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl())).connected());
        return integration;
    }

    private IntegrationContext context(Integration integration) {
        return db.as(A, () -> store.context(integration.id()).orElseThrow());
    }

    private String field(ProblemException e) {
        return e.errors().isEmpty() ? null : e.errors().get(0).field();
    }

    @Test
    void thePkceChallengeIsBase64UrlOfTheVerifiersSha256() {
        // RFC 7636 Appendix B
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", OAuthWire.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        String verifier = OAuthWire.randomToken();
        assertTrue(verifier.matches("[A-Za-z0-9_-]{43}"), verifier);
        assertNotEquals(verifier, OAuthWire.randomToken());
    }

    @Test
    void anAuthorizationGoesToTheServiceAndComesBackConnected() throws Exception {
        Integration integration = connectable();
        assertEquals(IntegrationStatus.NEEDS_ATTENTION, integration.status(), "not connected until authorized");
        assertEquals(OAuthFlow.NOT_CONNECTED, integration.lastError());
        assertFalse(asAna(() -> flow.status(integration.id())).connected());

        OAuthViews.Authorization authorization = asAna(() -> flow.authorize(integration.id()));
        URI url = URI.create(authorization.authorizationUrl());
        Map<String, String> q = FakeOAuthServer.query(url);
        assertEquals("t1", q.get("tenant"), "the endpoint's own query is kept");
        assertEquals("code", q.get("response_type"));
        assertEquals(fake.clientId, q.get("client_id"));
        assertEquals("https://clientele.example/api/v1/integrations/oauth/callback", q.get("redirect_uri"));
        assertEquals("contacts events.write", q.get("scope"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertTrue(q.get("state").matches("[A-Za-z0-9_-]{43}"));
        assertEquals(clock.instant().plusSeconds(600), authorization.expiresAt());
        // only the state's hash is stored, and the verifier encrypted
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_oauth_state WHERE state_hash = ?", q.get("state")));
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_oauth_state WHERE state_hash = ? AND agency_id = ? AND user_id = ?"
                + " AND integration_id = ? AND code_verifier LIKE 'v1:k1:%'", OAuthWire.stateHash(q.get("state")), A, ANA.id(), integration.id()));

        URI back = consent(authorization.authorizationUrl());
        OAuthFlow.Outcome done = callback(back);
        assertTrue(done.connected());
        assertEquals(integration.id(), done.integrationId());
        assertEquals(IntegrationStatus.ACTIVE, done.status());
        assertNull(flow.completionUrl(done), "no completion page: the callback answers JSON");
        assertEquals(List.of(), fake.problems, "the server found nothing wrong (client auth, redirect_uri, PKCE verifier)");
        Map<String, String> exchange = fake.tokenRequests.get(0);
        assertEquals("authorization_code", exchange.get("grant_type"));
        assertEquals(FakeOAuthServer.s256(exchange.get("code_verifier")), q.get("code_challenge"));
        assertNull(exchange.get("client_secret"), "client_secret_basic: the secret is in the header only");

        Integration active = asAna(() -> store.get(integration.id()));
        assertEquals(IntegrationStatus.ACTIVE, active.status());
        assertNull(active.lastError());
        assertNotNull(active.lastSuccessAt());
        OAuthViews.Status status = asAna(() -> flow.status(integration.id()));
        assertTrue(status.connected());
        assertTrue(status.refreshable());
        assertEquals(List.of("contacts", "events.write"), status.scopes());
        assertEquals(ANA.id(), status.authorizedBy());
        // stored encrypted, never in clear
        String access = flow.accessToken(context(integration));
        assertTrue(fake.isLive(access));
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_oauth_grant WHERE access_token = ? OR refresh_token LIKE 'rt-%'", access));
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_oauth_grant WHERE access_token LIKE 'v1:k1:%' AND refresh_token LIKE 'v1:k1:%'"));
        // another agency sees none of it
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> flow.status(integration.id()))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> flow.authorize(integration.id()))).status());
    }

    @Test
    void aStateIsSingleUseShortLivedAndMustBeKnown() throws Exception {
        Integration integration = connectable();
        URI back = consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl());
        assertTrue(callback(back).connected());
        ProblemException reused = assertThrows(ProblemException.class, () -> callback(back));
        assertEquals(400, reused.status());
        assertEquals("state", field(reused));
        assertTrue(reused.errors().get(0).message().contains("used already"));
        assertEquals("state", field(assertThrows(ProblemException.class, () -> flow.callback("c", "made-up-state", null, null))));
        assertEquals("state", field(assertThrows(ProblemException.class, () -> flow.callback("c", null, null, null))));
        // expired: the user took longer than the state's lifetime
        URI late = consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl());
        clock.advance(Duration.ofSeconds(601));
        ProblemException expired = assertThrows(ProblemException.class, () -> callback(late));
        assertEquals("state", field(expired));
        assertTrue(expired.errors().get(0).message().contains("expired"));
        assertEquals(1, fake.tokenRequests.size(), "no code was exchanged for a bad state");
        // a code without its state's user being an ADMIN any more: 403
        URI demoted = consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl());
        users.put(ANA.id(), new User(ANA.id(), "Ana", "ana@a.test", Set.of(Role.SERVICE), true, 1, Instant.now(), Instant.now()));
        assertEquals(403, assertThrows(ProblemException.class, () -> callback(demoted)).status());
    }

    @Test
    void aRefusalAtTheServiceIsRecordedAndAnsweredNamingError() throws Exception {
        Integration integration = connectable();
        fake.denyWith = "access_denied";
        URI back = consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl());
        OAuthFlow.Outcome outcome = callback(back);
        assertFalse(outcome.connected());
        ProblemException refused = outcome.problem();
        assertEquals(400, refused.status());
        assertEquals("error", field(refused));
        assertTrue(refused.errors().get(0).message().contains("access_denied"));
        Integration after = asAna(() -> store.get(integration.id()));
        assertEquals(IntegrationStatus.NEEDS_ATTENTION, after.status());
        assertTrue(after.lastError().contains("access_denied"), after.lastError());
        assertTrue(fake.tokenRequests.isEmpty());
        // with a completion page: a 303 there, with the outcome
        completionUrl = "https://app.example/integrations?tab=oauth";
        fake.denyWith = "access_denied";
        Map<String, String> q = FakeOAuthServer.query(flow.completionUrl(callback(consent(asAna(() -> flow.authorize(integration.id()))
                .authorizationUrl()))));
        assertEquals("oauth", q.get("tab"));
        assertEquals(integration.id(), q.get("integrationId"));
        assertEquals("access_denied", q.get("error"));
        URI ok = flow.completionUrl(callback(consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl())));
        assertTrue(ok.toString().startsWith("https://app.example/integrations?tab=oauth&integrationId="), ok.toString());
        assertEquals("connected", FakeOAuthServer.query(ok).get("result"));
    }

    @Test
    void clientSecretPostWithoutPkce() throws Exception {
        fake.clientAuth = "post";
        fake.requirePkce = false;
        crm.auth = OAuthClient.ClientAuthentication.CLIENT_SECRET_POST;
        crm.pkce = false;
        Integration integration = connectable();
        Map<String, String> q = FakeOAuthServer.query(URI.create(asAna(() -> flow.authorize(integration.id())).authorizationUrl()));
        assertNull(q.get("code_challenge"));
        assertTrue(callback(consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl())).connected());
        assertEquals(List.of(), fake.problems);
        assertEquals(fake.clientSecret, fake.tokenRequests.get(0).get("client_secret"));
        assertNull(fake.tokenRequests.get(0).get("code_verifier"));
    }

    @Test
    void aRefusedCodeIsNamedAndAnOutageIs503() throws Exception {
        Integration integration = connectable();
        URI back = consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl());
        Map<String, String> q = FakeOAuthServer.query(back);
        ProblemException refused = flow.callback("not-the-code", q.get("state"), null, null).problem();
        assertEquals("code", field(refused));
        assertTrue(refused.errors().get(0).message().contains("invalid_grant"), refused.errors().toString());
        fake.tokenOutages.add(503);
        URI again = consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl());
        assertEquals(503, assertThrows(ProblemException.class, () -> callback(again)).status());
        assertEquals(IntegrationStatus.NEEDS_ATTENTION, asAna(() -> store.get(integration.id())).status());
    }

    @Test
    void theAccessTokenIsRefreshedBeforeItExpiresAndTheRotatedRefreshTokenKept() throws Exception {
        Integration integration = connected();
        IntegrationContext context = context(integration);
        String first = flow.accessToken(context);
        clock.advance(Duration.ofSeconds(3000));
        assertEquals(first, flow.accessToken(context), "an hour's token, 50 minutes in: still good");
        assertEquals(0, fake.refreshes.get());
        clock.advance(Duration.ofSeconds(541)); // 59 s before it expires: inside the 60 s margin
        String second = flow.accessToken(context);
        assertNotEquals(first, second);
        assertTrue(fake.isLive(second));
        assertEquals(1, fake.refreshes.get());
        assertEquals(second, flow.accessToken(context), "the new token is stored");
        // rotated: the next refresh uses the new refresh token (the fake refuses a spent one)
        clock.advance(Duration.ofSeconds(3600));
        String third = flow.accessToken(context);
        assertNotEquals(second, third);
        assertEquals(2, fake.refreshes.get());
        assertEquals(List.of(), fake.problems);
        assertEquals(IntegrationStatus.ACTIVE, asAna(() -> store.get(integration.id())).status());
        // a short-lived token is refreshed at half its life, not at every call
        fake.expiresIn = 30;
        clock.advance(Duration.ofSeconds(3600));
        String shortLived = flow.accessToken(context);
        clock.advance(Duration.ofSeconds(14));
        assertEquals(shortLived, flow.accessToken(context));
        clock.advance(Duration.ofSeconds(2));
        assertNotEquals(shortLived, flow.accessToken(context));
    }

    @Test
    void a401IsAnsweredWithOneRefreshAndOneRetry() throws Exception {
        Integration integration = connected();
        IntegrationContext context = context(integration);
        String before = flow.accessToken(context);
        fake.expireAccessTokens(); // the service dropped it early
        HttpResponse<String> answer = flow.send(context, HttpRequest.newBuilder(URI.create(fake.url("/api/contacts")))
                .header("Authorization", "Bearer forged").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(200, answer.statusCode());
        assertEquals(2, fake.apiCalls.size());
        assertTrue(fake.apiCalls.get(0).endsWith(" " + before), "the caller's own Authorization header is replaced");
        assertEquals(1, fake.refreshes.get());
        assertNotEquals(before, flow.accessToken(context));
        // still refused after the refresh: the second 401 is the answer, no loop
        fake.apiCalls.clear();
        HttpResponse<String> refused = flow.send(context, HttpRequest.newBuilder(URI.create(fake.url("/api/deny"))).build());
        assertEquals(401, refused.statusCode());
        assertEquals(2, fake.apiCalls.size(), "one call, one retry");
        assertEquals(2, fake.refreshes.get(), "one refresh for the retry");
        assertEquals(List.of(), fake.problems);
    }

    @Test
    void twoCallersNeedingARefreshAtOnceSpendTheRefreshTokenOnce() throws Exception {
        Integration integration = connected();
        IntegrationContext context = context(integration);
        clock.advance(Duration.ofSeconds(3590));
        fake.refreshDelayMillis = 400;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit((Callable<String>) () -> {
                    go.await();
                    return flow.accessToken(context);
                }));
            }
            go.countDown();
            String token = calls.get(0).get();
            for (Future<String> call : calls) {
                assertEquals(token, call.get());
            }
            assertEquals(1, fake.refreshes.get(), "one refresh for four callers");
            assertTrue(fake.isLive(token));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedRefreshNeedsAttentionAndAnOutageIsAPassingFailure() throws Exception {
        Integration integration = connected();
        IntegrationContext context = context(integration);
        clock.advance(Duration.ofSeconds(3590));
        fake.tokenOutages.add(503);
        java.io.IOException outage = assertThrows(java.io.IOException.class, () -> flow.accessToken(context));
        assertFalse(outage instanceof OAuthTokens.NotAuthorizedException, outage.toString());
        Integration passing = asAna(() -> store.get(integration.id()));
        assertEquals(IntegrationStatus.ACTIVE, passing.status());
        assertTrue(passing.lastError().contains("503"), passing.lastError());

        fake.revokeRefreshTokens(); // the user removed the app at the service
        OAuthTokens.NotAuthorizedException refused = assertThrows(OAuthTokens.NotAuthorizedException.class, () -> flow.accessToken(context));
        assertTrue(refused.getMessage().contains("invalid_grant"), refused.getMessage());
        Integration attention = asAna(() -> store.get(integration.id()));
        assertEquals(IntegrationStatus.NEEDS_ATTENTION, attention.status());
        assertTrue(attention.lastError().contains("invalid_grant"), attention.lastError());
        int asked = fake.tokenRequests.size();
        assertThrows(OAuthTokens.NotAuthorizedException.class, () -> flow.accessToken(context));
        assertEquals(asked, fake.tokenRequests.size(), "the spent refresh token is not offered again");
        assertFalse(asAna(() -> flow.status(integration.id())).refreshable());
        // authorizing again brings it back
        assertTrue(callback(consent(asAna(() -> flow.authorize(integration.id())).authorizationUrl())).connected());
        assertEquals(IntegrationStatus.ACTIVE, asAna(() -> store.get(integration.id())).status());
        assertTrue(fake.isLive(flow.accessToken(context)));
    }

    @Test
    void anIntegrationNeverAuthorizedHasNoToken() {
        Integration integration = connectable();
        assertThrows(OAuthTokens.NotAuthorizedException.class, () -> flow.accessToken(context(integration)));
    }

    @Test
    void deletingTheIntegrationRevokesItsTokensAndForgetsThem() throws Exception {
        Integration integration = connected();
        IntegrationContext context = context(integration);
        String access = flow.accessToken(context);
        asAna(() -> {
            store.delete(integration.id(), null);
            return null;
        });
        flow.awaitRevocations();
        assertEquals(2, fake.revocations.size(), fake.revocations.toString());
        assertEquals("refresh_token", fake.revocations.get(0).get("token_type_hint"));
        assertTrue(fake.revocations.get(0).get("token").startsWith("rt-"));
        assertEquals(access, fake.revocations.get(1).get("token"));
        assertEquals("access_token", fake.revocations.get(1).get("token_type_hint"));
        assertFalse(fake.isLive(access));
        assertEquals(List.of(), fake.problems);
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_oauth_grant"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_oauth_state"));
    }

    @Test
    void aDeleteSucceedsWhenTheServiceIsDown() throws Exception {
        Integration integration = connected();
        fake.close();
        asAna(() -> {
            store.delete(integration.id(), null);
            return null;
        });
        flow.awaitRevocations();
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_oauth_grant"));
        assertEquals(404, assertThrows(ProblemException.class, () -> asAna(() -> store.get(integration.id()))).status());
    }

    @Test
    void anAuthorizationNeedsAnInstalledOAuthProvider() {
        Integration integration = connectable();
        registry.removeProvider(crm);
        assertEquals(409, assertThrows(ProblemException.class, () -> asAna(() -> flow.authorize(integration.id()))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> asAna(() -> flow.authorize("no-such-integration"))).status());
    }

    @Test
    void theClientIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> OAuthClient.builder(URI.create("javascript:alert(1)"), URI.create("https://x.test/t"),
                "id", "secret").build());
        assertThrows(IllegalArgumentException.class, () -> OAuthClient.builder(URI.create("https://x.test/a"), URI.create("https://x.test/t"),
                "id", "").build());
        assertThrows(IllegalArgumentException.class, () -> OAuthClient.builder(URI.create("https://x.test/a"), URI.create("https://x.test/t"),
                "id", "s").scopes("two words"));
        assertThrows(IllegalArgumentException.class, () -> OAuthClient.builder(URI.create("https://x.test/a"), URI.create("https://x.test/t"),
                "id", "s").authorizationParameter("state", "mine"));
        OAuthClient client = OAuthClient.builder(URI.create("https://x.test/a"), URI.create("https://x.test/t"), "id", "s3cret").build();
        assertFalse(client.toString().contains("s3cret"));
    }
}
