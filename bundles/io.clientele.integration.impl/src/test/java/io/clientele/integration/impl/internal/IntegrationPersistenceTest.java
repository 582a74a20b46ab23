package io.clientele.integration.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.PersonType;
import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Integration;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationEvents;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.api.OutboundHttp;
import io.clientele.integration.api.ProviderScope;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.module.ModuleDescriptor;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.module.ModuleStatus;
import io.clientele.platform.api.notification.Notification;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrations' persistence unit and store outside OSGi, on Derby migrated by the real changelog: mappings,
 * tenancy, versions, secrets stored encrypted, and the store's create, patch, delete, test and failure recording with
 * the platform's services as recording fakes.
 */
class IntegrationPersistenceTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";
    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String CLEAR_TOKEN = "clear-token-value-42";

    @TempDir
    Path temp;

    private IntegrationStore store;
    private ProviderRegistry registry;
    private final List<String> history = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> notified = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> visible = new HashMap<>();
    private final List<String> disconnected = new CopyOnWriteArrayList<>();
    private volatile ConnectionCheck nextCheck = ConnectionCheck.ok("Answered 200.");

    IntegrationPersistenceTest() {
        super("integration", IntegrationStore.class, "db/clientele-integration.xml");
    }

    @Override
    protected void wire(JpaUnitFixture on) {
        if (registry == null) {
            registry = new ProviderRegistry();
            registry.addProvider(ping());
            registry.addProvider(hook());
            registry.addProvider(gated());
            visible.put(A, Set.of("customer-1", "customer-2"));
            visible.put(B, Set.of("customer-9"));
        }
        store = new IntegrationStore(on.work(), registry, new IntegrationSecrets(TestConfig.of(KEYS, "k1", false), temp.resolve("keys")),
                new NoCalls(), new Customers(), new Modules(), new History(), (topic, props) -> events.add(topic + " " + new java.util.TreeMap<>(props)),
                new Notifications(), new Users());
    }

    /** An integration created on PostgreSQL comes back with its settings, its encrypted secret and its tenant. */
    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {
        Integration created = pg.as(A, () -> store.create("customer-1", "ping", pingSettings()));
        assertEquals(Map.of("url", "https://example.com/ping", "label", "Main"), created.settings());
        assertEquals(List.of("token"), created.secretsSet());
        String rawSecrets = pg.column("SELECT secrets FROM integration_integration WHERE id = ?", created.id());
        assertFalse(rawSecrets.contains(CLEAR_TOKEN));
        assertEquals(A, pg.column("SELECT agency_id FROM integration_integration WHERE id = ?", created.id()));
    }

    private Map<String, Object> pingSettings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", "https://example.com/ping");
        s.put("token", CLEAR_TOKEN);
        s.put("label", "Main");
        return s;
    }

    private Integration createPing(String agency, String customerId) {
        return db.as(agency, () -> store.create(customerId, "ping", pingSettings()));
    }

    @Test
    void secretsAreStoredEncryptedAndNeverShown() {
        Integration created = createPing(A, "customer-1");
        assertEquals(Map.of("url", "https://example.com/ping", "label", "Main"), created.settings());
        assertEquals(List.of("token"), created.secretsSet());
        assertTrue(created.providerAvailable());
        assertEquals(IntegrationStatus.ACTIVE, created.status());
        assertEquals(0, created.version());
        String rawSecrets = db.column("SELECT secrets FROM integration_integration WHERE id = ?", created.id());
        String rawSettings = db.column("SELECT settings FROM integration_integration WHERE id = ?", created.id());
        assertFalse(rawSecrets.contains(CLEAR_TOKEN), rawSecrets);
        assertFalse(rawSettings.contains(CLEAR_TOKEN), rawSettings);
        assertTrue(rawSecrets.matches("\\{\"token\":\"v1:k1:[A-Za-z0-9_-]+\"}"), rawSecrets);
        assertFalse(created.toString().contains(CLEAR_TOKEN));
        // the provider gets it in clear
        IntegrationContext context = db.as(A, () -> store.context(created.id())).orElseThrow();
        assertEquals(CLEAR_TOKEN, context.settings().get("token"));
        assertEquals(Optional.of("customer-1"), context.customerId());
        assertEquals(A, context.agencyId());
        assertFalse(context.toString().contains(CLEAR_TOKEN));
        // history records the secret's presence, never its value
        assertEquals(1, history.size());
        assertTrue(history.get(0).contains("settings.token=null->(secret)"), history.get(0));
        assertFalse(String.join("\n", history).contains(CLEAR_TOKEN));
        assertTrue(events.get(0).startsWith(IntegrationEvents.CREATED), events.toString());
    }

    @Test
    void anAgencyNeverReadsNorChangesAnotherAgencysIntegrations() {
        Integration created = createPing(A, "customer-1");
        assertEquals(A, db.column("SELECT agency_id FROM integration_integration WHERE id = ?", created.id()));
        assertThrows(ProblemException.class, () -> db.as(B, () -> store.get(created.id())));
        assertTrue(db.as(B, () -> store.find(created.id())).isEmpty());
        assertTrue(db.as(B, () -> store.context(created.id())).isEmpty());
        assertEquals(List.of(), db.as(B, () -> store.list(null, null)));
        assertEquals(0, db.as(B, () -> store.page(null, null, null, PageRequest.of(null, null))).items().size());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> store.patch(created.id(), null,
                Map.of("status", "DISCONNECTED")))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> {
            store.delete(created.id(), null);
            return null;
        })).status());
        db.as(B, () -> {
            store.recordFailure(created.id(), "not yours", true);
            return null;
        });
        assertNull(db.as(A, () -> store.get(created.id())).lastError());
        assertThrows(IllegalStateException.class, () -> work.inTransaction(em -> em.find(IntegrationRecord.class, created.id())),
                "no agency, no persistence context");
    }

    @Test
    void anIntegrationOfACustomerTheCallerCannotSeeIsMissing() {
        Integration created = createPing(A, "customer-2");
        visible.put(A, Set.of("customer-1"));
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(A, () -> store.get(created.id()))).status());
        assertEquals(0, db.as(A, () -> store.page(null, null, null, PageRequest.of(null, null))).items().size());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(A, () -> store.create("customer-2", "ping", pingSettings())))
                .status());
        assertTrue(db.as(A, () -> store.find(created.id())).isPresent(), "providers and modules see every integration of the agency");
    }

    @Test
    void aNewRowIsVersionZeroEachChangeAddsOneAndAStaleWriteIs412() {
        Integration created = createPing(A, "customer-1");
        Integration patched = db.as(A, () -> store.patch(created.id(), 0L, Map.of("status", "DISCONNECTED")));
        assertEquals(1, patched.version());
        assertEquals(IntegrationStatus.DISCONNECTED, patched.status());
        assertEquals(412, assertThrows(ProblemException.class, () -> db.as(A, () -> store.patch(created.id(), 0L,
                Map.of("status", "ACTIVE")))).status());
        db.bumpVersion("integration_integration", created.id()); // another request changed it
        assertEquals(412, assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            IntegrationRecord r = em.find(IntegrationRecord.class, created.id());
            db.bumpVersion("integration_integration", created.id());
            r.status(IntegrationStatus.ACTIVE, Instant.now());
            em.flush();
            return null;
        }))).status());
        assertEquals(412, assertThrows(ProblemException.class, () -> db.as(A, () -> {
            store.delete(created.id(), 1L);
            return null;
        })).status());
    }

    @Test
    void settingsAreCheckedByTheSchemaThenByTheProvider() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("url", "https://blocked.example/");
        bad.put("token", 7);
        bad.put("colour", "red");
        ProblemException refused = assertThrows(ProblemException.class, () -> db.as(A, () -> store.create("customer-1", "ping", bad)));
        assertEquals(400, refused.status());
        assertEquals(List.of("settings.token", "settings.colour"), refused.errors().stream().map(e -> e.field()).toList());
        bad.put("token", CLEAR_TOKEN);
        bad.remove("colour");
        ProblemException byProvider = assertThrows(ProblemException.class, () -> db.as(A, () -> store.create("customer-1", "ping", bad)));
        assertEquals(List.of("settings.url"), byProvider.errors().stream().map(e -> e.field()).toList());
        assertEquals(List.of("providerId"), assertThrows(ProblemException.class, () -> db.as(A, () -> store.create("customer-1", "nope",
                pingSettings()))).errors().stream().map(e -> e.field()).toList());
        assertEquals(List.of("providerId"), assertThrows(ProblemException.class, () -> db.as(A, () -> store.create("customer-1", "hook",
                Map.of("channel", "x")))).errors().stream().map(e -> e.field()).toList(), "an agency provider under a customer");
        assertEquals(List.of("providerId"), assertThrows(ProblemException.class, () -> db.as(A, () -> store.create(null, "ping",
                pingSettings()))).errors().stream().map(e -> e.field()).toList(), "a customer provider for the agency");
        assertEquals(List.of("providerId"), assertThrows(ProblemException.class, () -> db.as(A, () -> store.create("customer-1", "gated",
                pingSettings()))).errors().stream().map(e -> e.field()).toList(), "a provider of a module the agency has not enabled");
        Integration hook = db.as(A, () -> store.create(null, "hook", Map.of("channel", "#ops", "retries", 2)));
        assertNull(hook.customerId());
        assertEquals(Map.of("channel", "#ops", "retries", 2L), hook.settings());
        assertEquals(0, history.size(), "an agency's integration has no customer history");
    }

    @Test
    void aPatchMergesSettingsReplacesAndRemovesSecretsAndReencryptsWithTheActiveKey() {
        Integration created = createPing(A, "customer-1");
        String before = db.column("SELECT secrets FROM integration_integration WHERE id = ?", created.id());
        Map<String, Object> settings = new HashMap<>();
        settings.put("label", null);
        settings.put("mode", "sandbox");
        Integration patched = db.as(A, () -> store.patch(created.id(), null, Map.of("settings", settings)));
        assertEquals(Map.of("url", "https://example.com/ping", "mode", "sandbox"), patched.settings());
        assertEquals(List.of("token"), patched.secretsSet());
        String after = db.column("SELECT secrets FROM integration_integration WHERE id = ?", created.id());
        assertFalse(before.equals(after), "every write encrypts again");
        assertEquals(CLEAR_TOKEN, db.as(A, () -> store.context(created.id())).orElseThrow().settings().get("token"), "absent: kept");

        db.as(A, () -> store.patch(created.id(), null, Map.of("settings", Map.of("token", "a-new-token-123"))));
        assertEquals("a-new-token-123", db.as(A, () -> store.context(created.id())).orElseThrow().settings().get("token"));
        assertTrue(history.get(history.size() - 1).contains("settings.token=(secret)->(secret) replaced"), history.toString());
        assertFalse(String.join("\n", history).contains("a-new-token-123"));

        Map<String, Object> removeToken = new HashMap<>();
        removeToken.put("token", null);
        ProblemException required = assertThrows(ProblemException.class, () -> db.as(A, () -> store.patch(created.id(), null,
                Map.of("settings", removeToken))));
        assertEquals("settings.token", required.errors().get(0).field());
        assertEquals(Set.of("settings", "status"), Set.of(assertThrows(ProblemException.class, () -> db.as(A, () -> store.patch(created.id(), null,
                Map.of("settings", "x", "status", "NEEDS_ATTENTION")))).errors().stream().map(e -> e.field()).toArray()));
        assertEquals("providerAvailable", assertThrows(ProblemException.class, () -> db.as(A, () -> store.patch(created.id(), null,
                Map.of("providerAvailable", false)))).errors().get(0).field());

        // rotation: a new active key; the old value stays readable and the next write uses the new key
        String k2 = "k2:" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        IntegrationStore rotated = new IntegrationStore(work, registry, new IntegrationSecrets(TestConfig.of(KEYS + "," + k2, "k2", false),
                temp.resolve("keys")), new NoCalls(), new Customers(), new Modules(), new History(), (t, p) -> { }, new Notifications(), new Users());
        assertEquals("a-new-token-123", db.as(A, () -> rotated.context(created.id())).orElseThrow().settings().get("token"));
        db.as(A, () -> rotated.patch(created.id(), null, Map.of("settings", Map.of("label", "Rotated"))));
        assertTrue(db.column("SELECT secrets FROM integration_integration WHERE id = ?", created.id()).contains("\"v1:k2:"));
    }

    @Test
    void testsRecordSuccessOrFailureAndANeedForAttentionTellsTheAdministrators() {
        Integration created = createPing(A, "customer-1");
        Views.TestResult ok = db.as(A, () -> store.test(created.id()));
        assertTrue(ok.ok());
        assertEquals("Answered 200.", ok.message());
        Integration afterOk = db.as(A, () -> store.get(created.id()));
        assertEquals(ok.at(), afterOk.lastSuccessAt());
        nextCheck = ConnectionCheck.failed("Answered 401.");
        Views.TestResult failed = db.as(A, () -> store.test(created.id()));
        assertFalse(failed.ok());
        Integration afterFailure = db.as(A, () -> store.get(created.id()));
        assertEquals("Answered 401.", afterFailure.lastError());
        assertEquals(failed.at(), afterFailure.lastErrorAt());
        assertEquals(IntegrationStatus.ACTIVE, afterFailure.status(), "a failed test is a passing failure");
        assertEquals(List.of(), notified);

        db.as(A, () -> {
            store.recordFailure(created.id(), "Token revoked.\n", true);
            return null;
        });
        Integration attention = db.as(A, () -> store.get(created.id()));
        assertEquals(IntegrationStatus.NEEDS_ATTENTION, attention.status());
        assertEquals("Token revoked.", attention.lastError());
        assertEquals(List.of("[admin-a]"), notified);
        assertTrue(events.stream().anyMatch(e -> e.startsWith(IntegrationEvents.STATUS_CHANGED) && e.contains("NEEDS_ATTENTION")), events.toString());
        db.as(A, () -> {
            store.recordSuccess(created.id());
            return null;
        });
        Integration back = db.as(A, () -> store.get(created.id()));
        assertEquals(IntegrationStatus.ACTIVE, back.status());
        assertNull(back.lastError());
        assertNotNull(back.lastSuccessAt());
    }

    @Test
    void deletingTellsTheProviderFirstAndRemovesTheRecord() {
        Integration created = createPing(A, "customer-1");
        db.as(A, () -> {
            store.delete(created.id(), 0L);
            return null;
        });
        assertEquals(List.of(created.id()), disconnected);
        assertEquals(0, db.count("SELECT COUNT(*) FROM integration_integration WHERE id = ?", created.id()));
        assertTrue(history.get(history.size() - 1).contains("DELETED"), history.toString());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(A, () -> store.get(created.id()))).status());
    }

    @Test
    void anIntegrationOutlivesItsProvider() {
        Integration created = createPing(A, "customer-1");
        registry.removeProvider(registry.find("ping").orElseThrow().service());
        Integration orphan = db.as(A, () -> store.get(created.id()));
        assertFalse(orphan.providerAvailable());
        assertEquals(409, assertThrows(ProblemException.class, () -> db.as(A, () -> store.test(created.id()))).status());
        assertEquals(409, assertThrows(ProblemException.class, () -> db.as(A, () -> store.patch(created.id(), null,
                Map.of("settings", Map.of("label", "x"))))).status());
        assertEquals(IntegrationStatus.DISCONNECTED, db.as(A, () -> store.patch(created.id(), null, Map.of("status", "DISCONNECTED"))).status());
        db.as(A, () -> {
            store.delete(created.id(), null);
            return null;
        });
        assertEquals(List.of(), disconnected);
    }

    @Test
    void pagesFilterByProviderCustomerAndStatus() {
        Integration one = createPing(A, "customer-1");
        Integration two = createPing(A, "customer-2");
        db.as(A, () -> store.create(null, "hook", Map.of("channel", "#ops")));
        db.as(A, () -> store.patch(two.id(), null, Map.of("status", "DISCONNECTED")));
        assertEquals(3, db.as(A, () -> store.page(null, null, null, PageRequest.of(null, null))).items().size());
        assertEquals(List.of(one.id(), two.id()), db.as(A, () -> store.page("ping", null, null, PageRequest.of(null, null))).items().stream()
                .map(Integration::id).toList());
        assertEquals(List.of(two.id()), db.as(A, () -> store.page(null, "customer-2", null, PageRequest.of(null, null))).items().stream()
                .map(Integration::id).toList());
        assertEquals(List.of(two.id()), db.as(A, () -> store.page(null, null, IntegrationStatus.DISCONNECTED, PageRequest.of(null, null)))
                .items().stream().map(Integration::id).toList());
        Page<Integration> first = db.as(A, () -> store.page(null, null, null, PageRequest.of("2", null)));
        assertEquals(2, first.items().size());
        assertNotNull(first.nextCursor());
        assertEquals(1, db.as(A, () -> store.page(null, null, null, PageRequest.of("2", first.nextCursor()))).items().size());
        assertEquals(List.of(one.id(), two.id()), db.as(A, () -> store.list("ping", null)).stream().map(Integration::id).toList());
    }

    @Test
    void aKeyIsGeneratedOnceIntoAnOwnerOnlyFileWhenNoneIsConfigured() throws Exception {
        Path file = temp.resolve("data/integration-secret-keys");
        IntegrationSecrets first = new IntegrationSecrets(TestConfig.of("", "", false), file);
        String stored = first.cipher().encrypt("i", "token", "x");
        assertTrue(Files.exists(file));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals("x", new IntegrationSecrets(TestConfig.of("", "", false), file).cipher().decrypt("i", "token", stored), "kept across starts");
        // once keys are configured, values of the generated key stay readable; new ones use the configured key
        IntegrationSecrets configured = new IntegrationSecrets(TestConfig.of(KEYS, "", false), file);
        assertEquals("x", configured.cipher().decrypt("i", "token", stored));
        assertEquals("k1", configured.cipher().activeKeyId());
        assertThrows(IllegalArgumentException.class, () -> new IntegrationSecrets(TestConfig.of(KEYS, "k7", false), file));
        assertThrows(IllegalArgumentException.class, () -> new IntegrationSecrets(TestConfig.of("k1:short", "", false), file));
    }

    // ---- the providers and the platform's services, as fakes

    /** A per-customer provider with a secret token; hosts named "blocked…" are refused by its own check (the fake rule). */
    private IntegrationProvider ping() {
        TestProvider ping = new TestProvider("ping", "Ping", ProviderScope.CUSTOMER, null, """
                {"type":"object","required":["url","token"],"properties":{
                  "url":{"type":"string"},"token":{"type":"string","writeOnly":true},
                  "label":{"type":"string","maxLength":20},"mode":{"enum":["live","sandbox"]}}}""");
        ping.validate = (settings, http) -> http.problemWith(URI.create((String) settings.get("url")))
                .map(p -> List.of(new Refusal.Field("settings.url", p))).orElse(List.of());
        ping.test = integration -> {
            assertEquals(CLEAR_TOKEN, integration.settings().get("token"));
            return nextCheck;
        };
        ping.disconnected = integration -> {
            disconnected.add(integration.integrationId());
            throw new IllegalStateException("the provider's service is down");
        };
        return ping;
    }

    private static IntegrationProvider hook() {
        return new TestProvider("hook", "Hook", ProviderScope.AGENCY, null,
                "{\"type\":\"object\",\"required\":[\"channel\"],\"properties\":{\"channel\":{\"type\":\"string\"},\"retries\":{\"type\":\"integer\"}}}");
    }

    /** A provider of a module ("social") that no agency here has enabled. */
    private static IntegrationProvider gated() {
        return new TestProvider("gated", "Gated", ProviderScope.CUSTOMER, "social", "{\"properties\":{}}");
    }

    /** An address rule refusing hosts named "blocked…". */
    private static final class NoCalls implements OutboundHttp {
        @Override
        public Optional<String> problemWith(URI target) {
            return target.getHost() != null && target.getHost().startsWith("blocked") ? Optional.of("Blocked.") : Optional.empty();
        }

        @Override
        public HttpResponse<String> send(HttpRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Customers implements CustomerDirectory {
        @Override
        public Optional<Customer> find(String customerId) {
            if (!visible.getOrDefault(RequestContext.agencyId(), Set.of()).contains(customerId)) {
                return Optional.empty();
            }
            return Optional.of(new Customer(customerId, "Customer " + customerId, null, PersonType.COMPANY, null, null, null, null, null, null,
                    null, null, null, null, null, List.of(), null, null, false, false, false, false, false, null, null, List.of(), null, 0,
                    Instant.EPOCH, Instant.EPOCH, false));
        }
    }

    private static final class Modules implements ModuleRegistry {
        @Override
        public List<ModuleDescriptor> installed() {
            return List.of();
        }

        @Override
        public boolean isInstalled(String moduleId) {
            return false;
        }

        @Override
        public List<ModuleStatus> statusFor(String agencyId) {
            return List.of(new ModuleStatus("social", "Social", "1.0.0", true, false));
        }
    }

    private final class History implements HistoryService {
        @Override
        public HistoryEntry record(String rootType, String rootId, String entity, String entityId, String action, List<FieldChange> changes) {
            StringBuilder line = new StringBuilder(rootType + "/" + rootId + " " + entity + "/" + entityId + " " + action);
            for (FieldChange c : changes) {
                line.append(' ').append(c.field()).append('=').append(c.from()).append("->").append(c.to());
            }
            history.add(line.toString());
            return null;
        }

        @Override
        public Page<HistoryEntry> page(String rootType, String rootId, int limit, String cursor) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Notifications implements NotificationService {
        @Override
        public void notify(Collection<String> userIds, String kind, String title, String body, String link) {
            notified.add(new ArrayList<>(userIds).toString());
        }

        @Override
        public Page<Notification> forCurrentUser(boolean unreadOnly, int limit, String cursor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Notification markRead(String notificationId) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Users implements UserDirectory {
        @Override
        public Optional<User> find(String userId) {
            return Optional.empty();
        }

        @Override
        public List<User> all() {
            return List.of(new User("admin-a", "Ana", "ana@a.test", Set.of(Role.ADMIN), true, 0, Instant.EPOCH, Instant.EPOCH),
                    new User("old-admin", "Old", "old@a.test", Set.of(Role.ADMIN), false, 0, Instant.EPOCH, Instant.EPOCH),
                    new User("sam", "Sam", "sam@a.test", Set.of(Role.SERVICE), true, 0, Instant.EPOCH, Instant.EPOCH));
        }

        @Override
        public List<String> unknownIds(Collection<String> userIds) {
            return List.of();
        }
    }
}
