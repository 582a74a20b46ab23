package io.clientele.integration.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.Integration;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.api.ProviderScope;
import io.clientele.integration.impl.internal.DeliveryStore.Claimed;
import io.clientele.integration.impl.internal.ProviderRegistry.Provider;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.testing.JpaUnitFixture;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable delivery queue on Derby migrated by the real changelog: {@link DeliveryQueue} writing rows in the change's
 * transaction and {@link DeliveryWorker} working them off on a movable clock, with a provider that posts each delivery to
 * a real {@link HttpServer} answering what the test scripts.
 */
class DeliveryQueueTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";
    private static final String TOPIC = "clientele/customer/customer/CREATED";
    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path temp;

    private JpaUnitFixture db;
    private ProviderRegistry registry;
    private IntegrationStore store;
    private DeliveryQueue queue;
    private DeliveryStore deliveries;
    private DeliveryWorker worker;
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    private HttpServer server;
    /** What the server answers next, one per call (status, Retry-After or null); 200 when empty. */
    private final ConcurrentLinkedDeque<String[]> answers = new ConcurrentLinkedDeque<>();
    /** The calls the server got: path and webhook-id. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private TestProvider relay;

    @BeforeEach
    void unit() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("webhook-id"));
            String[] answer = answers.poll();
            int status = answer == null ? 200 : Integer.parseInt(answer[0]);
            if (answer != null && answer[1] != null) {
                exchange.getResponseHeaders().add("Retry-After", answer[1]);
            }
            byte[] body = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        on(JpaUnitFixture.derby("integration", IntegrationStore.class, "db/clientele-integration.xml"));
    }

    /** The queue, store and worker on {@code fixture}. */
    private void on(JpaUnitFixture fixture) {
        db = fixture;
        relay = new TestProvider("relay", "Relay", ProviderScope.AGENCY, null,
                "{\"type\":\"object\",\"required\":[\"url\"],\"properties\":{\"url\":{\"type\":\"string\"},\"muted\":{\"type\":\"boolean\"}}}");
        relay.topics = Set.of(TOPIC);
        relay.wants = (integration, topic) -> !Boolean.TRUE.equals(integration.settings().get("muted"));
        relay.deliver = DeliveryQueueTest::post;
        relay.schedule = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1));
        registry = new ProviderRegistry();
        registry.addProvider(relay);
        IntegrationConfig config = TestConfig.of(KEYS, "k1", true);
        store = new IntegrationStore(db.work(), registry, new IntegrationSecrets(config, temp.resolve("keys")), new OutboundHttpClient(config),
                nothing(CustomerDirectory.class), nothing(ModuleRegistry.class), nothing(HistoryService.class), (topic, props) -> {
                }, nothing(NotificationService.class), nothing(UserDirectory.class));
        queue = new DeliveryQueue(db.work(), registry, store, clock);
        deliveries = new DeliveryStore(db.database(), db.unit());
        worker = new DeliveryWorker(deliveries, store, registry, config, clock, () -> 0.5);
    }

    @AfterEach
    void close() {
        server.stop(0);
        db.close();
    }

    /** The provider's delivery: a POST of the payload to its {@code url} setting, the answer mapped as a webhook's would be. */
    private static DeliveryResult post(io.clientele.integration.api.IntegrationContext integration, io.clientele.integration.api.Delivery delivery) {
        try {
            HttpResponse<String> answer = integration.http().send(HttpRequest.newBuilder(URI.create((String) integration.settings().get("url")))
                    .header("webhook-id", delivery.id()).POST(HttpRequest.BodyPublishers.ofString(JsonValues.write(delivery.payload()))).build());
            int status = answer.statusCode();
            Duration retryAfter = answer.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(null);
            if (status < 300) {
                return DeliveryResult.delivered(status, answer.body());
            } else if (status == 410) {
                return DeliveryResult.gone(status, answer.body(), "Gone.");
            } else if (status == 429 || status >= 500) {
                return DeliveryResult.retry(status, answer.body(), retryAfter, "Answered " + status + ".");
            }
            return DeliveryResult.rejected(status, answer.body(), "Answered " + status + ".");
        } catch (IOException | InterruptedException e) {
            return DeliveryResult.retry(null, null, null, e.getMessage());
        }
    }

    private Integration connect(String agency, String path, boolean muted) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        return db.as(agency, () -> store.create(null, "relay", muted ? Map.of("url", url, "muted", true) : Map.of("url", url)));
    }

    /** A change of {@code agency} that raises {@code topic}, as {@code EventAdminDomainEvents} hands it over. */
    private void change(String agency, String topic) {
        db.database().inTransaction(c -> {
            queue.inTransaction(topic, Map.of("agencyId", agency, "actorId", "user-1", "at", Instant.now().toString(), "customerId", "c-1"));
            return null;
        });
    }

    private long pending() {
        return db.count("SELECT COUNT(*) FROM integration_delivery WHERE status = 'PENDING'");
    }

    private Instant nextAttemptAt(String id) {
        return rows(A).stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow().nextAttemptAt();
    }

    /** The agency's deliveries, oldest first. */
    private List<DeliveryRecord> rows(String agency) {
        return db.as(agency, () -> db.work().inTransaction(em -> em.createQuery("SELECT d FROM IntegrationDelivery d ORDER BY d.id",
                DeliveryRecord.class).getResultList()));
    }

    private String onlyDelivery() {
        return db.column("SELECT id FROM integration_delivery");
    }

    @Test
    void everyMappingMatchesTheMigratedSchema() {
        assertEquals(List.of(), db.mappingProblems());
    }

    @Test
    void theDueSelectionClaimsOnPostgresqlToo() {
        JpaUnitFixture derby = db;
        try (JpaUnitFixture pg = JpaUnitFixture.postgres("integration", IntegrationStore.class, "db/clientele-integration.xml")) {
            on(pg);
            assertEquals(List.of(), db.mappingProblems());
            connect(A, "/a", false);
            change(A, TOPIC);
            change(A, TOPIC);
            answers.add(new String[] {"503", "30"});
            assertEquals(1, worker.poll(), "the oldest only");
            assertEquals(0, worker.poll(), "paused");
            clock.advance(Duration.ofSeconds(31));
            assertEquals(1, worker.poll());
            assertEquals(1, worker.poll());
            assertEquals(0, pending());
        } finally {
            db = derby;
        }
    }

    @Test
    void aChangeThatRollsBackLeavesNoDelivery() {
        connect(A, "/a", false);
        assertThrows(IllegalStateException.class, () -> db.database().inTransaction(c -> {
            queue.inTransaction(TOPIC, Map.of("agencyId", A, "at", Instant.now().toString()));
            throw new IllegalStateException("the change fails after its event");
        }));
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_delivery"));
        change(A, TOPIC);
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_delivery"));
        String payload = db.column("SELECT payload FROM integration_delivery");
        assertEquals(Map.of("agencyId", A, "actorId", "user-1", "customerId", "c-1"),
                Map.of("agencyId", JsonValues.readObject(payload).get("agencyId"), "actorId", JsonValues.readObject(payload).get("actorId"),
                        "customerId", JsonValues.readObject(payload).get("customerId")));
        assertTrue(onlyDelivery().startsWith("msg_") && onlyDelivery().length() == 36, onlyDelivery());
    }

    @Test
    void propertiesJsonCannotHoldAreWrittenAsText() {
        connect(A, "/a", false);
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        db.database().inTransaction(c -> {
            queue.inTransaction(TOPIC, Map.of("agencyId", A, "at", at.toString(), "when", at, "status", IntegrationStatus.ACTIVE,
                    "ids", List.of("x", "y"), "count", 3));
            return null;
        });
        Map<String, Object> payload = JsonValues.readObject(db.column("SELECT payload FROM integration_delivery"));
        assertEquals("2026-01-02T03:04:05Z", payload.get("when"));
        assertEquals("ACTIVE", payload.get("status"));
        assertEquals(List.of("x", "y"), payload.get("ids"));
        assertEquals(3L, payload.get("count"));
        assertEquals(at, rows(A).get(0).occurredAt());
    }

    @Test
    void onlyInterestedActiveIntegrationsOfTheEventsAgencyGetDeliveries() {
        connect(A, "/a", false);
        connect(A, "/muted", true);
        connect(B, "/b", false);
        Integration off = connect(A, "/off", false);
        db.as(A, () -> store.patch(off.id(), null, Map.of("status", "DISCONNECTED")));
        change(A, "clientele/customer/customer/DELETED"); // a topic no provider lists
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_delivery"));
        db.database().inTransaction(c -> {
            queue.inTransaction(TOPIC, Map.of("actorId", "operator")); // no agency
            return null;
        });
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_delivery"));
        change(A, TOPIC);
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_delivery"));
        assertEquals(A, db.column("SELECT agency_id FROM integration_delivery"));
    }

    @Test
    void aBacklogDrainsInOneRoundOfPollsInOrder() {
        connect(A, "/a", false);
        connect(B, "/b", false);
        change(A, TOPIC);
        change(A, TOPIC);
        change(A, TOPIC);
        change(B, TOPIC);
        List<String> ids = rows(A).stream().map(DeliveryRecord::id).toList();
        worker.drain(); // what the scheduler runs each poll interval: it polls again while a poll found work
        assertEquals(0, pending());
        assertEquals(ids, received.stream().filter(r -> r.startsWith("/a ")).map(r -> r.substring(3)).toList());
        assertEquals(4, received.size());
    }

    @Test
    void deliveriesToOneIntegrationGoInOrderOneAtATime() {
        connect(A, "/a", false);
        connect(B, "/b", false);
        change(A, TOPIC);
        change(A, TOPIC);
        change(A, TOPIC);
        change(B, TOPIC);
        List<String> ids = rows(A).stream().map(DeliveryRecord::id).toList();
        assertEquals(3, ids.size());
        assertEquals(2, worker.poll(), "one delivery per integration per poll");
        assertEquals(1, worker.poll());
        assertEquals(1, worker.poll());
        assertEquals(0, worker.poll());
        List<String> toA = received.stream().filter(r -> r.startsWith("/a ")).map(r -> r.substring(3)).toList();
        assertEquals(ids, toA);
        assertEquals(0, pending());
        assertEquals(4, db.count("SELECT COUNT(*) FROM integration_delivery WHERE status = 'DELIVERED' AND attempts = 1 AND locked_until IS NULL"));
        assertNotNull(db.as(A, () -> store.list("relay", null).get(0).lastSuccessAt()));
    }

    @Test
    void aFailedAttemptWaitsTheScheduleWithJitterAndIsLogged() {
        connect(A, "/a", false);
        change(A, TOPIC);
        String id = onlyDelivery();
        answers.add(new String[] {"500", null});
        Instant first = clock.instant();
        assertEquals(1, worker.poll());
        Instant next = nextAttemptAt(id);
        assertFalse(next.isBefore(first.plusSeconds(10)), next.toString());
        assertFalse(next.isAfter(first.plusSeconds(12)), next.toString());
        assertEquals(first.plus(Duration.ofSeconds(11)), next, "10 s + 10 % (random 0.5 of the 20 %)");
        assertEquals(0, worker.poll(), "not due yet");
        clock.advance(Duration.ofSeconds(11));
        assertEquals(1, worker.poll());
        assertEquals("DELIVERED", db.column("SELECT status FROM integration_delivery WHERE id = ?", id));
        assertEquals(2, db.count("SELECT COUNT(*) FROM integration_delivery_attempt WHERE delivery_id = ?", id));
        assertEquals("RETRY 500 answer 500", db.column("SELECT outcome || ' ' || CAST(http_status AS CHAR(3)) || ' ' || answer_excerpt"
                + " FROM integration_delivery_attempt WHERE delivery_id = ? AND attempt = 1", id));
        assertEquals("DELIVERED", db.column("SELECT outcome FROM integration_delivery_attempt WHERE delivery_id = ? AND attempt = 2", id));
        // the jitter's bounds: 0 to 20 % on top of the entry
        DeliveryWorker low = new DeliveryWorker(deliveries, store, registry, TestConfig.of(KEYS, "k1", true), clock, () -> 0.0);
        DeliveryWorker high = new DeliveryWorker(deliveries, store, registry, TestConfig.of(KEYS, "k1", true), clock, () -> 0.999999);
        assertEquals(Duration.ofMinutes(5), low.jittered(Duration.ofMinutes(5)));
        assertTrue(high.jittered(Duration.ofMinutes(5)).compareTo(Duration.ofMinutes(6)) <= 0);
        assertTrue(high.jittered(Duration.ofMinutes(5)).compareTo(Duration.ofSeconds(359)) > 0);
    }

    @Test
    void aRetryAfterLongerThanTheScheduleIsHonouredAndPausesTheIntegration() {
        Integration a = connect(A, "/a", false);
        change(A, TOPIC);
        String id = onlyDelivery();
        answers.add(new String[] {"503", "120"});
        Instant first = clock.instant();
        assertEquals(1, worker.poll());
        assertEquals(first.plusSeconds(120), nextAttemptAt(id));
        assertNotNull(db.column("SELECT paused_until FROM integration_integration WHERE id = ?", a.id()));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(0, worker.poll());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(1, worker.poll());
        assertEquals("DELIVERED", db.column("SELECT status FROM integration_delivery WHERE id = ?", id));
    }

    @Test
    void anExhaustedScheduleDeadLettersAndTheIntegrationNeedsAttention() {
        Integration a = connect(A, "/a", false);
        change(A, TOPIC);
        String id = onlyDelivery();
        for (int i = 0; i < 3; i++) {
            answers.add(new String[] {"502", null});
        }
        assertEquals(1, worker.poll());
        clock.advance(Duration.ofSeconds(13));
        assertEquals(1, worker.poll());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, worker.poll(), "three attempts: the first and one per entry of the two-entry schedule");
        assertEquals("DEAD", db.column("SELECT status FROM integration_delivery WHERE id = ?", id));
        assertEquals(3, db.count("SELECT COUNT(*) FROM integration_delivery_attempt WHERE delivery_id = ?", id));
        assertEquals(IntegrationStatus.NEEDS_ATTENTION, db.as(A, () -> store.get(a.id())).status());
    }

    @Test
    void goneDeadLettersAndNothingMoreIsAttempted() {
        Integration a = connect(A, "/a", false);
        change(A, TOPIC);
        change(A, TOPIC);
        answers.add(new String[] {"410", null});
        assertEquals(1, worker.poll());
        assertEquals(IntegrationStatus.NEEDS_ATTENTION, db.as(A, () -> store.get(a.id())).status());
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_delivery WHERE status = 'DEAD' AND last_outcome = 'GONE'"));
        clock.advance(Duration.ofDays(3));
        assertEquals(0, worker.poll());
        assertEquals(1, received.size());
        assertEquals(1, pending());
        db.as(A, () -> store.patch(a.id(), null, Map.of("status", "ACTIVE")));
        assertEquals(1, worker.poll(), "an ADMIN set it ACTIVE again");
    }

    @Test
    void aDeliveryWhoseLeaseExpiredIsClaimedAgain() {
        connect(A, "/a", false);
        change(A, TOPIC);
        String id = onlyDelivery();
        List<Claimed> dead = deliveries.claim(List.of("relay"), clock.instant(), Duration.ofSeconds(30), 10); // a node that dies mid-call
        assertEquals(1, dead.size());
        assertEquals(0, worker.poll(), "leased");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(1, worker.poll());
        assertEquals(List.of("/a " + id), received);
        assertEquals("DELIVERED", db.column("SELECT status FROM integration_delivery WHERE id = ?", id));
        // the dead node comes back: its outcome no longer holds, only its attempt is logged
        assertFalse(deliveries.finish(dead.get(0), dead.get(0).version(), worker.outcome(registry.find("relay").orElseThrow(), 1,
                DeliveryResult.retry(500, null, null, "late"), 5, clock.instant())));
        assertEquals("DELIVERED", db.column("SELECT status FROM integration_delivery WHERE id = ?", id));
        assertEquals(2, db.count("SELECT COUNT(*) FROM integration_delivery_attempt WHERE delivery_id = ?", id));
    }

    @Test
    void aProviderThatThrowsIsRetried() {
        connect(A, "/a", false);
        change(A, TOPIC);
        relay.deliver = (integration, delivery) -> {
            throw new IllegalStateException("bug");
        };
        assertEquals(1, worker.poll());
        assertEquals(1, pending());
        assertEquals("RETRY", db.column("SELECT last_outcome FROM integration_delivery"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_delivery WHERE attempts = 1"));
    }

    @Test
    void theDeliveryLogPagesNewestFirstAndShowsAttempts() {
        IntegrationsResource api = new IntegrationsResource(store, deliveries);
        Integration a = connect(A, "/a", false);
        change(A, TOPIC);
        change(A, TOPIC);
        change(A, TOPIC);
        answers.add(new String[] {"400", null});
        assertEquals(1, worker.poll());
        List<String> ids = rows(A).stream().map(DeliveryRecord::id).toList();
        Views.DeliveryPage first = db.as(A, () -> api.deliveries(a.id(), null, "2", null));
        assertEquals(List.of(ids.get(2), ids.get(1)), first.items().stream().map(Views.DeliveryView::id).toList());
        assertNotNull(first.nextCursor());
        Views.DeliveryPage second = db.as(A, () -> api.deliveries(a.id(), null, "2", first.nextCursor()));
        assertEquals(List.of(ids.get(0)), second.items().stream().map(Views.DeliveryView::id).toList());
        assertEquals(List.of(ids.get(0)), db.as(A, () -> api.deliveries(a.id(), "DEAD", null, null)).items().stream()
                .map(Views.DeliveryView::id).toList());
        assertEquals("status", assertThrows(ProblemException.class, () -> db.as(A, () -> api.deliveries(a.id(), "LOST", null, null)))
                .errors().get(0).field());
        Views.DeliveryView dead = db.as(A, () -> api.delivery(a.id(), ids.get(0)));
        assertEquals("DEAD", dead.status());
        assertEquals("REJECTED", dead.lastOutcome());
        assertEquals(1, dead.attemptLog().size());
        assertEquals(400, dead.attemptLog().get(0).httpStatus());
        assertEquals("answer 400", dead.attemptLog().get(0).answerExcerpt());
        assertEquals(A, dead.payload().get("agencyId"));
        // another agency sees none of it
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> api.deliveries(a.id(), null, null, null))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> api.delivery(a.id(), ids.get(0)))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> api.retryDelivery(a.id(), ids.get(0)))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(A, () -> api.delivery(a.id(), "msg_unknown"))).status());
    }

    @Test
    void aDeadDeliveryIsQueuedAgainWithTheSameId() {
        IntegrationsResource api = new IntegrationsResource(store, deliveries);
        Integration a = connect(A, "/a", false);
        change(A, TOPIC);
        String id = onlyDelivery();
        answers.add(new String[] {"422", null});
        assertEquals(1, worker.poll());
        assertEquals("PENDING", db.as(A, () -> api.retryDelivery(a.id(), id)).status());
        assertEquals(409, assertThrows(ProblemException.class, () -> db.as(A, () -> api.retryDelivery(a.id(), id))).status(),
                "queued already");
        clock.advance(Duration.ofMinutes(1)); // the re-queue is due at the wall clock's now
        assertEquals(1, worker.poll());
        Views.DeliveryView delivered = db.as(A, () -> api.delivery(a.id(), id));
        assertEquals("DELIVERED", delivered.status());
        assertEquals(List.of(1, 2), delivered.attemptLog().stream().map(Views.AttemptView::attempt).toList());
        assertEquals(List.of("/a " + id, "/a " + id), received);
        // by the time the events occurred
        Instant occurred = delivered.occurredAt();
        assertEquals(0, db.as(A, () -> api.retryDeliveries(a.id(), new Views.RetryRange(occurred.plusSeconds(1).toString(),
                occurred.plusSeconds(2).toString()))).requeued());
        assertEquals(1, db.as(A, () -> api.retryDeliveries(a.id(), new Views.RetryRange(occurred.toString(),
                occurred.plusSeconds(1).toString()))).requeued());
        assertEquals(1, pending());
        assertEquals("from", assertThrows(ProblemException.class, () -> db.as(A, () -> api.retryDeliveries(a.id(),
                new Views.RetryRange("yesterday", occurred.toString())))).errors().get(0).field());
        assertEquals("to", assertThrows(ProblemException.class, () -> db.as(A, () -> api.retryDeliveries(a.id(),
                new Views.RetryRange(occurred.toString(), occurred.toString())))).errors().get(0).field());
    }

    @Test
    void theOperatorsRateSpacesOneIntegrationsAttemptsOnEveryNode() {
        connect(A, "/a", false);
        connect(B, "/b", false);
        for (int i = 0; i < 3; i++) {
            change(A, TOPIC);
        }
        change(B, TOPIC);
        TestConfig limited = TestConfig.of(KEYS, "k1", true).withDeliveryMaxPerSecond(2);
        DeliveryWorker one = new DeliveryWorker(deliveries, store, registry, limited, clock, () -> 0.5);
        DeliveryWorker other = new DeliveryWorker(deliveries, store, registry, limited, clock, () -> 0.5); // another node
        assertEquals(2, one.poll(), "the first attempt of each integration goes at once");
        assertEquals(0, other.poll(), "A's next may not start within half a second of the last");
        clock.advance(Duration.ofMillis(499));
        assertEquals(0, one.poll());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, other.poll());
        assertEquals(0, one.poll());
        clock.advance(Duration.ofMillis(500));
        assertEquals(1, one.poll());
        assertEquals(0, pending());
        assertEquals(4, received.size());
    }

    @Test
    void theLowerOfTheProvidersAndTheOperatorsRateHolds() {
        Integration a = connect(A, "/a", false);
        change(A, TOPIC);
        change(A, TOPIC);
        relay.rate = 0.1; // one every 10 s
        DeliveryWorker limited = new DeliveryWorker(deliveries, store, registry, TestConfig.of(KEYS, "k1", true).withDeliveryMaxPerSecond(5),
                clock, () -> 0.5);
        assertEquals(1, limited.poll());
        clock.advance(Duration.ofSeconds(9));
        assertEquals(0, limited.poll());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, limited.poll());
        Provider relayListed = registry.find("relay").orElseThrow();
        io.clientele.integration.api.IntegrationContext context = db.as(A, () -> store.context(a.id()).orElseThrow());
        assertEquals(0.1, limited.rate(relayListed, context));
        relay.rate = 50;
        assertEquals(5, limited.rate(relayListed, context), "the operator's is lower now");
        assertEquals(50, worker.rate(relayListed, context), "no operator's limit");
        assertEquals(5, limited.rate(relayListed, null), "no context: the operator's");
        relay.rate = Double.NaN;
        assertEquals(0, worker.rate(relayListed, context), "nonsense counts as none");
    }

    @Test
    void aRetryAfterLongerThanTheRateKeepsItsPause() {
        Instant start = clock.instant();
        DeliveryStore.Outcome paused = new DeliveryStore.Outcome(DeliveryRecord.Status.PENDING, 1, start.plusSeconds(30), "RETRY", 429, "busy", 5,
                null, start, start.plusSeconds(30));
        assertEquals(start.plusSeconds(30), DeliveryWorker.spaced(paused, start, 2).pauseUntil());
        DeliveryStore.Outcome done = new DeliveryStore.Outcome(DeliveryRecord.Status.DELIVERED, 1, start, "DELIVERED", 200, "ok", 5, null,
                start.plusMillis(100), null);
        assertEquals(start.plusMillis(500), DeliveryWorker.spaced(done, start, 2).pauseUntil());
        assertEquals(null, DeliveryWorker.spaced(done, start, 0).pauseUntil(), "no rate: no pause");
        assertEquals(null, DeliveryWorker.spaced(done, start, 20).pauseUntil(), "the attempt took longer than the spacing");
    }

    @Test
    void oldDeliveredAndDeadDeliveriesArePurgedWithTheirLogsPendingOnesNever() {
        connect(A, "/a", false);
        for (int i = 0; i < 3; i++) {
            change(A, TOPIC);
        }
        answers.add(new String[] {"400", null}); // the first is dead-lettered
        assertEquals(1, worker.poll());
        assertEquals(1, worker.poll()); // the second delivered; the third stays pending
        DeliveryWorker cleaner = new DeliveryWorker(deliveries, store, registry, TestConfig.of(KEYS, "k1", true), clock, () -> 0.5);
        assertEquals(Map.of("delivered", 0, "dead", 0), cleaner.purge());
        clock.advance(Duration.ofDays(31));
        assertEquals(Map.of("delivered", 1, "dead", 0), cleaner.purge(), "delivered ones after 30 days");
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_delivery WHERE status = 'DEAD'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_delivery_attempt"), "the delivered one's attempt went with it");
        clock.advance(Duration.ofDays(60));
        assertEquals(Map.of("delivered", 0, "dead", 1), cleaner.purge(), "dead ones after 90 days");
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_delivery_attempt"));
        assertEquals(1, pending(), "a pending delivery is never purged, however old");
        assertEquals(0, deliveries.purge(DeliveryRecord.Status.DELIVERED, clock.instant().plus(Duration.ofDays(999))));
        assertThrows(IllegalArgumentException.class, () -> deliveries.purge(DeliveryRecord.Status.PENDING, clock.instant()));
    }

    @Test
    void aDeletedIntegrationsDeliveriesGoWithItAndItsProviderIsNeverCalled() {
        Integration a = connect(A, "/a", false);
        connect(B, "/b", false);
        change(A, TOPIC);
        change(A, TOPIC);
        change(B, TOPIC);
        answers.add(new String[] {"500", null});
        assertEquals(2, worker.poll());
        String id = rows(A).get(0).id();
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_delivery_attempt WHERE delivery_id = ?", id));
        // a node claims A's retry, then the integration is deleted before that node calls the provider
        clock.advance(Duration.ofMinutes(1));
        List<Claimed> claimed = deliveries.claim(List.of("relay"), clock.instant(), Duration.ofSeconds(30), 10);
        assertEquals(1, claimed.size());
        db.as(A, () -> {
            store.delete(a.id(), null);
            return null;
        });
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_delivery WHERE agency_id = ?", A));
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_delivery_attempt WHERE agency_id = ?", A));
        int calls = received.size();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(0, worker.poll());
        assertEquals(calls, received.size(), "the provider was not called for the deleted integration");
        // the claiming node comes back: nothing is written for the gone delivery, not even its attempt
        assertFalse(deliveries.finish(claimed.get(0), claimed.get(0).version(), worker.outcome(registry.find("relay").orElseThrow(), 2,
                DeliveryResult.delivered(200, null), 5, clock.instant())));
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_delivery_attempt WHERE agency_id = ?", A));
        assertEquals(1, db.count("SELECT COUNT(*) FROM integration_delivery WHERE agency_id = ?", B), "another integration's stay");
    }

    /** A movable clock: tests advance it rather than sleep. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A platform service that has nothing: empty lists, sets, maps and optionals, false, 0, null. */
    @SuppressWarnings("unchecked")
    static <T> T nothing(Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            Class<?> r = method.getReturnType();
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "nothing " + type.getSimpleName();
                default -> r == List.class ? List.of() : r == Set.class ? Set.of() : r == Map.class ? Map.of() : r == Optional.class
                        ? Optional.empty() : r == boolean.class ? false : r == int.class ? 0 : r == long.class ? 0L : null;
            };
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
