package io.clientele.integration.impl.internal;

import static io.clientele.integration.impl.internal.DeliveryQueueTest.nothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.customer.api.CustomerDirectory;
import io.clientele.integration.api.InboundAnswer;
import io.clientele.integration.api.Integration;
import io.clientele.integration.api.ProviderScope;
import io.clientele.integration.api.ReplayGuard;
import io.clientele.integration.api.ReplayGuard.Verdict;
import io.clientele.integration.impl.internal.DeliveryQueueTest.MovableClock;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.testing.JpaUnitFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbound endpoint's rules and the replay guard, on Derby migrated by the real changelog, with a provider whose
 * {@code receive} the test scripts, a movable clock and a movable nano clock for the rate limit.
 */
class InboundWebhooksTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";
    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path temp;

    private JpaUnitFixture db;
    private ProviderRegistry registry;
    private IntegrationStore store;
    private ReplayStore replay;
    private InboundWebhooks inbound;
    private TestProvider hook;
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** What the provider received: agency, integration, body. */
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void unit() {
        db = JpaUnitFixture.derby("integration", IntegrationStore.class, "db/clientele-integration.xml");
        hook = new TestProvider("hook", "Hook", ProviderScope.AGENCY, null,
                "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}");
        // accepts a call whose "message-id" header is new inside the window of its "signed-at" header (epoch seconds)
        hook.receive = (integration, request) -> {
            String id = request.header("message-id").orElse("");
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(request.header("signed-at").orElse("0")));
            var refusal = integration.replayGuard().refusal(id, signedAt);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            String body = new String(request.body(), StandardCharsets.UTF_8);
            if (body.equals("explode")) {
                throw new IllegalStateException("bug");
            }
            if (body.equals("refuse")) {
                return InboundAnswer.refused(401, "Bad signature.");
            }
            received.add(integration.agencyId() + " " + integration.integrationId() + " " + body);
            return InboundAnswer.accepted();
        };
        configure(TestConfig.of(KEYS, "k1", true));
    }

    private void configure(TestConfig config) {
        registry = new ProviderRegistry();
        registry.addProvider(hook);
        replay = new ReplayStore(db.database(), config, clock);
        store = new IntegrationStore(db.work(), registry, new IntegrationSecrets(config, temp.resolve("keys")), new OutboundHttpClient(config),
                nothing(CustomerDirectory.class), nothing(ModuleRegistry.class), nothing(HistoryService.class), (topic, props) -> {
                }, nothing(NotificationService.class), nothing(UserDirectory.class), replay);
        inbound = new InboundWebhooks(db.database(), registry, store, replay, config, clock, nanos::get);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Integration connect(String agency) {
        return db.as(agency, () -> store.create(null, "hook", Map.of("name", agency)));
    }

    private InboundWebhooks.Accepted post(String integrationId, String messageId, Instant signedAt, String body) {
        return inbound.receive(integrationId, Map.of("Message-Id", List.of(messageId), "Signed-At", List.of(Long.toString(signedAt.getEpochSecond()))),
                null, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private int refused(String integrationId, String messageId, Instant signedAt, String body) {
        return assertThrows(ProblemException.class, () -> post(integrationId, messageId, signedAt, body)).status();
    }

    private long rows() {
        return db.count("SELECT COUNT(*) FROM integration_inbound_message");
    }

    // ---- the replay guard

    @Test
    void theWindowAcceptsTimestampsWithinTheToleranceEitherSide() {
        Integration a = connect(A);
        ReplayGuard guard = replay.guard(A, a.id(), null);
        Instant now = clock.instant();
        assertEquals(Duration.ofMinutes(5), guard.tolerance());
        assertTrue(guard.withinWindow(now.minusSeconds(300)));
        assertTrue(guard.withinWindow(now.plusSeconds(300)));
        assertFalse(guard.withinWindow(now.minusSeconds(301)));
        assertFalse(guard.withinWindow(now.plusSeconds(301)));
        assertFalse(guard.withinWindow(null));
        assertEquals(Verdict.OUTSIDE_WINDOW, guard.check("msg_old", now.minusSeconds(301)));
        assertEquals(0, rows(), "a stale message spends no id");
        assertEquals(401, guard.refusal("msg_old", now.minusSeconds(400)).orElseThrow().status());
    }

    @Test
    void anIdIsAcceptedOncePerIntegrationUntilItsWindowEnds() {
        Integration a = connect(A);
        Integration other = connect(A);
        ReplayGuard guard = replay.guard(A, a.id(), null);
        Instant now = clock.instant();
        assertEquals(Verdict.FRESH, guard.check("msg_1", now));
        assertEquals(Verdict.REPLAYED, guard.check("msg_1", now));
        assertEquals(Verdict.REPLAYED, guard.check("msg_1", now.minusSeconds(10)), "the same id re-signed later is still a replay");
        assertEquals(409, guard.refusal("msg_1", now).orElseThrow().status());
        assertEquals(Verdict.FRESH, replay.guard(A, other.id(), null).check("msg_1", now), "ids are per integration");
        String longId = "x".repeat(500);
        assertEquals(Verdict.FRESH, guard.check(longId, now));
        assertEquals(Verdict.REPLAYED, guard.check(longId, now));
        assertEquals(Verdict.FRESH, guard.check(longId + "y", now));
        assertTrue(db.column("SELECT message_key FROM integration_inbound_message WHERE message_key LIKE 'sha256:%' FETCH FIRST 1 ROWS ONLY")
                .length() <= ReplayStore.MAX_KEY);
        assertThrows(IllegalArgumentException.class, () -> guard.check(" ", now));

        // the clean-up keeps ids while their timestamp may still pass the window, then removes them
        assertEquals(0, replay.purge());
        clock.advance(Duration.ofMinutes(6)); // past the window, within the skew
        assertEquals(0, replay.purge());
        assertEquals(Verdict.OUTSIDE_WINDOW, guard.check("msg_1", now), "the replay is refused by the window now");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(4, replay.purge());
        assertEquals(0, rows());
    }

    @Test
    void theReplayMemoryHoldsOnPostgresqlToo() {
        JpaUnitFixture derby = db;
        try (JpaUnitFixture pg = JpaUnitFixture.postgres("integration", IntegrationStore.class, "db/clientele-integration.xml")) {
            db = pg;
            configure(TestConfig.of(KEYS, "k1", true));
            Integration a = connect(A);
            Instant now = clock.instant();
            assertEquals(204, post(a.id(), "m1", now, "{}").status());
            assertEquals(409, refused(a.id(), "m1", now, "{}"), "the duplicate key is a replay on PostgreSQL as on Derby");
            assertEquals(204, post(a.id(), "m2", now, "{}").status(), "and the failed insert left nothing broken");
            assertEquals(503, refused(a.id(), "m3", now, "explode"));
            assertEquals(2, rows(), "the failed call's id is forgotten");
            clock.advance(Duration.ofMinutes(7));
            assertEquals(2, replay.purge());
        } finally {
            db = derby;
        }
    }

    // ---- the rate limiter

    @Test
    void theLimiterLetsABurstThroughThenTheSteadyRate() {
        AtomicLong now = new AtomicLong();
        InboundLimiter limiter = new InboundLimiter(now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire("a", 3), "call " + i);
        }
        assertEquals(1, limiter.acquire("a", 3));
        assertEquals(0, limiter.acquire("b", 3), "each key has its own bucket");
        now.addAndGet(340_000_000L); // a third of a second: one call's worth
        assertEquals(0, limiter.acquire("a", 3));
        assertEquals(1, limiter.acquire("a", 3));
        assertEquals(0, limiter.acquire("a", 0), "0: no limit");
        assertEquals(0, limiter.acquire("c", 1));
        assertEquals(1, limiter.acquire("c", 1));
        now.addAndGet(10_000_000_000L);
        assertEquals(0, limiter.acquire("c", 1));
    }

    // ---- the endpoint

    @Test
    void aCallReachesTheProviderAsTheIntegrationsAgency() {
        Integration a = connect(A);
        Integration b = connect(B);
        Instant now = clock.instant();
        assertEquals(204, post(a.id(), "m1", now, "{\"x\":1}").status());
        assertEquals(204, post(b.id(), "m1", now, "{\"y\":2}").status(), "the same id at another integration");
        assertEquals(List.of(A + " " + a.id() + " {\"x\":1}", B + " " + b.id() + " {\"y\":2}"), received);
        assertEquals(409, refused(a.id(), "m1", now, "{\"x\":1}"));
        assertEquals(401, refused(a.id(), "m2", now.minusSeconds(301), "{}"));
        assertEquals(2, received.size(), "the provider saw each message once");
        ProblemException refusal = assertThrows(ProblemException.class, () -> post(a.id(), "m3", now, "refuse"));
        assertEquals("unauthorized", refusal.code());
        assertEquals("Bad signature.", refusal.getMessage());
        assertEquals(204, post(a.id(), "m3", now, "{}").status(), "a refused call's id is forgotten");
    }

    @Test
    void unknownIdsAre404WithoutWritingAnything() {
        Integration a = connect(A);
        long before = db.count("SELECT COUNT(*) FROM integration_integration");
        assertEquals(404, refused("5f0e7c1e-0000-4000-8000-000000000000", "m1", clock.instant(), "{}"));
        assertEquals(404, refused("../../v1/users", "m1", clock.instant(), "{}"));
        assertEquals(404, refused("x".repeat(37), "m1", clock.instant(), "{}"));
        assertEquals(0, rows());
        assertEquals(before, db.count("SELECT COUNT(*) FROM integration_integration"));
        // deleted: 404, and its remembered ids go with it
        assertEquals(204, post(a.id(), "m1", clock.instant(), "{}").status());
        assertEquals(1, rows());
        db.as(A, () -> {
            store.delete(a.id(), null);
            return null;
        });
        assertEquals(0, rows());
        assertEquals(404, refused(a.id(), "m2", clock.instant(), "{}"));
        // disconnected: as unknown
        Integration off = connect(A);
        db.as(A, () -> store.patch(off.id(), null, Map.of("status", "DISCONNECTED")));
        assertEquals(404, refused(off.id(), "m1", clock.instant(), "{}"));
        assertEquals(1, received.size());
    }

    @Test
    void aFailingOrMissingProviderIs503AndTheRetryPasses() {
        Integration a = connect(A);
        ProblemException failed = assertThrows(ProblemException.class, () -> post(a.id(), "m1", clock.instant(), "explode"));
        assertEquals(503, failed.status());
        assertEquals(InboundWebhooks.PROVIDER_RETRY_AFTER_SECONDS, failed.retryAfterSeconds());
        assertEquals(0, rows(), "the id of the failed call is forgotten");
        hook.receive = (integration, request) -> null;
        assertEquals(503, refused(a.id(), "m1", clock.instant(), "{}"));
        hook.receive = (integration, request) -> {
            throw new NoClassDefFoundError("a class of a bundle being replaced");
        };
        assertEquals(503, refused(a.id(), "m1", clock.instant(), "{}"));
        registry.removeProvider(hook);
        ProblemException missing = assertThrows(ProblemException.class, () -> post(a.id(), "m1", clock.instant(), "{}"));
        assertEquals(503, missing.status());
        assertEquals("service_unavailable", missing.code());
        registry.addProvider(hook);
        hook.receive = (integration, request) -> InboundAnswer.accepted();
        assertEquals(204, post(a.id(), "m1", clock.instant(), "{}").status());
        // a provider without inbound calls: its default answer
        TestProvider plain = new TestProvider("plain", "Plain", ProviderScope.AGENCY, null, "{\"type\":\"object\",\"properties\":{}}");
        registry.addProvider(plain);
        Integration p = db.as(A, () -> store.create(null, "plain", Map.of()));
        assertEquals(404, refused(p.id(), "m1", clock.instant(), "{}"));
    }

    @Test
    void bodiesOverTheLimitAre413AndCallsPastTheRateAre429() {
        configure(TestConfig.of(KEYS, "k1", true).withInbound(10, 8, 2));
        Integration a = connect(A);
        ProblemException announced = assertThrows(ProblemException.class, () -> inbound.receive(a.id(), Map.of(), "11",
                new ByteArrayInputStream(new byte[0])));
        assertEquals(413, announced.status());
        assertEquals(400, assertThrows(ProblemException.class, () -> inbound.receive(a.id(), Map.of(), "ten",
                new ByteArrayInputStream(new byte[0]))).status());
        assertEquals(413, refused(a.id(), "m1", clock.instant(), "12345678901"));
        assertEquals(204, post(a.id(), "m1", clock.instant(), "1234567890").status(), "exactly the limit passes");
        assertEquals(204, post(a.id(), "m2", clock.instant(), "{}").status());
        ProblemException limited = assertThrows(ProblemException.class, () -> post(a.id(), "m3", clock.instant(), "{}"));
        assertEquals(429, limited.status());
        assertEquals(1L, limited.retryAfterSeconds());
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_inbound_message WHERE message_key = 'm3'"), "refused before the provider");
        nanos.addAndGet(500_000_000L);
        assertEquals(204, post(a.id(), "m3", clock.instant(), "{}").status());
        Integration other = connect(A);
        assertEquals(204, post(other.id(), "m1", clock.instant(), "{}").status(), "the limit is per integration");
    }

    @Test
    void aNodeOutOfSlotsAnswers503() throws Exception {
        configure(TestConfig.of(KEYS, "k1", true).withInbound(1000, 1, 0));
        Integration a = connect(A);
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        hook.receive = (integration, request) -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return InboundAnswer.accepted();
        };
        Thread slow = new Thread(() -> post(a.id(), "m1", clock.instant(), "{}"));
        slow.start();
        assertTrue(inside.await(10, java.util.concurrent.TimeUnit.SECONDS));
        ProblemException busy = assertThrows(ProblemException.class, () -> post(a.id(), "m2", clock.instant(), "{}"));
        assertEquals(503, busy.status());
        assertEquals(InboundWebhooks.BUSY_RETRY_AFTER_SECONDS, busy.retryAfterSeconds());
        release.countDown();
        slow.join(10_000);
        assertEquals(204, post(a.id(), "m2", clock.instant(), "{}").status());
    }

    @Test
    void headersReachTheProviderInLowerCase() {
        assertEquals(Map.of("webhook-id", List.of("a", "b"), "x", List.of("")),
                InboundWebhooks.lowerCase(Map.of("Webhook-Id", List.of("a"), "WEBHOOK-ID", List.of("b"), "X", java.util.Arrays.asList((String) null))).entrySet()
                        .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().sorted().toList())));
    }
}
