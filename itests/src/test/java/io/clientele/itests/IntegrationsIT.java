package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The integration platform through HTTP: the test-only provider bundle installed live appears in
 * {@code GET /integrations/providers} and goes when uninstalled; an integration of a customer keeps its secret token
 * out of every answer, tests against a local fake service (which receives the token), records success and failure,
 * honours If-Match, stays another agency's 404, outlives its provider and is deleted. With private addresses
 * forbidden (the shipped default) the provider's check refuses a loopback URL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntegrationsIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-sample-provider";
    private static final String TOKEN = "sample-token-3f9a1c77";
    private static final String PID = "io.clientele.integration";

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(
                // the fake service runs on 127.0.0.1: the address rule is off until the test switches it on again
                editConfigurationFilePut("etc/io.clientele.integration.cfg", "allowPrivateAddresses", "true"),
                systemProperty("clientele.sampleprovider.features").value(System.getProperty("clientele.sampleprovider.features")))
                .toArray(new Option[0]);
    }

    private static Set<String> fields(JsonNode problem) {
        Set<String> out = new TreeSet<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }


    private void install() throws Exception {
        featuresService.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
    }

    private void uninstall() throws Exception {
        featuresService.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
    }

    private Answer patch(String token, String id, String ifMatch, String body) {
        return ifMatch == null ? call("PATCH", "/v1/integrations/" + id, bearer(token), "application/json", body)
                : call("PATCH", "/v1/integrations/" + id, bearer(token), "application/json", body, "If-Match", ifMatch);
    }

    @Test
    public void providersComeAndGoLiveAndIntegrationsKeepTheirSecrets() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/ping", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            int status = exchange.getRequestURI().getPath().endsWith("/deny") || !("Bearer " + TOKEN).equals(authorization) ? 401 : 200;
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        fake.start();
        String pingUrl = "http://127.0.0.1:" + fake.getAddress().getPort() + "/ping";
        try {
            String admin = createAgency("int-a");
            String other = createAgency("int-b");
            assertFalse(providerIds(admin).contains("sample-ping"));

            // the provider bundle is installed live and its providers appear
            featuresService.addRepository(new File(System.getProperty("clientele.sampleprovider.features")).toURI());
            install();
            await("the sample providers listed", 10, () -> providerIds(admin).contains("sample-ping"));
            JsonNode providers = get("/v1/integrations/providers", admin).json();
            List<String> ids = providerIds(admin);
            assertTrue(ids.toString(), ids.indexOf("sample-hook") < ids.indexOf("sample-ping")); // by name
            JsonNode ping = null;
            for (JsonNode p : providers) {
                if ("sample-ping".equals(p.path("id").asText())) {
                    ping = p;
                }
            }
            assertNotNull(ping);
            assertEquals("Sample ping", ping.path("name").asText());
            assertEquals("CUSTOMER", ping.path("scope").asText());
            assertTrue(ping.toString(), ping.path("settingsSchema").path("properties").path("token").path("writeOnly").asBoolean());
            assertEquals("clientele/customer/customer/UPDATED", ping.path("events").get(0).asText());
            JsonNode documented = call("GET", "/openapi.json", null, null, null).json().path("paths");
            for (String path : List.of("/v1/integrations", "/v1/integrations/providers", "/v1/integrations/{id}", "/v1/integrations/{id}/test",
                    "/v1/customers/{customerId}/integrations")) {
                assertTrue("OpenAPI lists " + path, documented.has(path));
            }

            Answer customer = post("/v1/customers", admin, Map.of("name", "Acme", "companyName", "Acme Ltda"));
            assertEquals(customer.body(), 201, customer.status());
            String customerId = customer.json().path("id").asText();

            // refusals: an agency provider under a customer, an unknown one, a missing customer, settings the schema refuses
            assertEquals(Set.of("providerId"), fields(assertProblem(post("/v1/customers/" + customerId + "/integrations", admin,
                    Map.of("providerId", "sample-hook", "settings", Map.of("channel", "x"))), 400, "validation_failed")));
            assertEquals(Set.of("providerId"), fields(assertProblem(post("/v1/customers/" + customerId + "/integrations", admin,
                    Map.of("providerId", "no-such-provider", "settings", Map.of())), 400, "validation_failed")));
            assertProblem(post("/v1/customers/00000000-0000-0000-0000-000000000000/integrations", admin,
                    Map.of("providerId", "sample-ping", "settings", Map.of("url", pingUrl, "token", TOKEN))), 404, "not_found");
            assertEquals(Set.of("settings.token", "settings.mode", "settings.colour"), fields(assertProblem(post("/v1/customers/" + customerId
                    + "/integrations", admin, Map.of("providerId", "sample-ping", "settings", Map.of("url", pingUrl, "mode", "fast",
                    "colour", "red"))), 400, "validation_failed")));
            assertProblem(call("POST", "/v1/customers/" + customerId + "/integrations", bearer(admin), "application/json",
                    "{\"providerId\":\"sample-ping\",\"settings\":\"not an object\"}"), 400, "malformed_request");

            // created: the token is a secret, never shown
            Answer created = post("/v1/customers/" + customerId + "/integrations", admin,
                    Map.of("providerId", "sample-ping", "settings", Map.of("url", pingUrl, "token", TOKEN, "label", "Main")));
            assertEquals(created.body(), 201, created.status());
            assertFalse(created.body(), created.body().contains(TOKEN));
            JsonNode integration = created.json();
            String id = integration.path("id").asText();
            assertTrue(created.header("Location"), created.header("Location").endsWith("/api/v1/integrations/" + id));
            assertEquals("\"0\"", created.header("ETag"));
            assertEquals("[\"token\"]", integration.path("secretsSet").toString());
            assertEquals(pingUrl, integration.path("settings").path("url").asText());
            assertFalse(integration.path("settings").has("token"));
            assertEquals(customerId, integration.path("customerId").asText());
            assertEquals("ACTIVE", integration.path("status").asText());
            assertTrue(integration.path("providerAvailable").asBoolean());
            for (String path : List.of("/v1/integrations/" + id, "/v1/customers/" + customerId + "/integrations",
                    "/v1/integrations?providerId=sample-ping", "/v1/integrations?customerId=" + customerId + "&status=ACTIVE",
                    "/v1/customers/" + customerId + "/history?limit=100")) {
                Answer a = get(path, admin);
                assertEquals(path + " " + a.body(), 200, a.status());
                assertTrue(path + " " + a.body(), a.body().contains(id));
                assertFalse(path + " shows the secret: " + a.body(), a.body().contains(TOKEN));
            }
            assertEquals(0, get("/v1/integrations?status=DISCONNECTED", admin).json().path("items").size());
            assertEquals("status", fields(assertProblem(get("/v1/integrations?status=BROKEN", admin), 400, "validation_failed")).iterator().next());
            assertTrue(get("/v1/customers/" + customerId + "/history?limit=100", admin).body().contains("\"entity\":\"integration\""));

            // only an ADMIN changes or tests; other users read
            Answer user = post("/v1/users", admin, Map.of("name", "Sam", "email", "sam@int-a.test", "roles", List.of("SERVICE"),
                    "password", "passphrase of Sam"));
            assertEquals(user.body(), 201, user.status());
            String sam = login("int-a", "sam@int-a.test", "passphrase of Sam");
            assertEquals(200, get("/v1/integrations/" + id, sam).status());
            assertProblem(call("POST", "/v1/integrations/" + id + "/test", bearer(sam), null, null), 403, "forbidden");
            assertProblem(patch(sam, id, null, "{\"status\":\"DISCONNECTED\"}"), 403, "forbidden");

            // a test calls the fake service with the token and is recorded
            Answer tested = call("POST", "/v1/integrations/" + id + "/test", bearer(admin), null, null);
            assertEquals(tested.body(), 200, tested.status());
            assertTrue(tested.body(), tested.json().path("ok").asBoolean());
            assertFalse(tested.json().path("at").isNull());
            assertEquals(List.of("Bearer " + TOKEN), authorizations);
            JsonNode afterTest = get("/v1/integrations/" + id, admin).json();
            assertEquals("ACTIVE", afterTest.path("status").asText());
            assertEquals(tested.json().path("at").asText(), afterTest.path("lastSuccessAt").asText());
            assertTrue(afterTest.path("lastError").isNull());

            // the service refuses (401): the last error is recorded
            Answer current = get("/v1/integrations/" + id, admin);
            Answer moved = patch(admin, id, current.header("ETag"), "{\"settings\":{\"url\":\"" + pingUrl + "/deny\",\"label\":null}}");
            assertEquals(moved.body(), 200, moved.status());
            assertFalse(moved.json().path("settings").has("label"));
            assertEquals("[\"token\"]", moved.json().path("secretsSet").toString());
            Answer failed = call("POST", "/v1/integrations/" + id + "/test", bearer(admin), null, null);
            assertEquals(failed.body(), 200, failed.status());
            assertFalse(failed.json().path("ok").asBoolean());
            assertEquals("Answered 401.", failed.json().path("message").asText());
            assertEquals("the token is kept across the change", "Bearer " + TOKEN, authorizations.get(authorizations.size() - 1));
            JsonNode afterFailure = get("/v1/integrations/" + id, admin).json();
            assertEquals("Answered 401.", afterFailure.path("lastError").asText());
            assertFalse(afterFailure.path("lastErrorAt").isNull());

            // optimistic locking: a stale If-Match is 412 and changes nothing
            assertProblem(patch(admin, id, "\"0\"", "{\"status\":\"DISCONNECTED\"}"), 412, "precondition_failed");
            assertEquals("ACTIVE", get("/v1/integrations/" + id, admin).json().path("status").asText());
            assertEquals(Set.of("status"), fields(assertProblem(patch(admin, id, null, "{\"status\":\"NEEDS_ATTENTION\"}"), 400,
                    "validation_failed")));
            assertEquals(Set.of("providerId"), fields(assertProblem(patch(admin, id, null, "{\"providerId\":\"x\"}"), 400, "validation_failed")));

            // another agency: as missing
            assertProblem(get("/v1/integrations/" + id, other), 404, "not_found");
            assertProblem(patch(other, id, null, "{\"status\":\"DISCONNECTED\"}"), 404, "not_found");
            assertProblem(call("DELETE", "/v1/integrations/" + id, bearer(other), null, null), 404, "not_found");
            assertProblem(call("POST", "/v1/integrations/" + id + "/test", bearer(other), null, null), 404, "not_found");
            assertProblem(get("/v1/customers/" + customerId + "/integrations", other), 404, "not_found");
            assertEquals(0, get("/v1/integrations", other).json().path("items").size());

            // an agency-wide integration
            Answer hook = post("/v1/integrations", admin, Map.of("providerId", "sample-hook", "settings", Map.of("channel", "#ops", "retries", 2)));
            assertEquals(hook.body(), 201, hook.status());
            assertTrue(hook.json().path("customerId").isNull());
            assertEquals(2, hook.json().path("settings").path("retries").asInt());
            assertEquals(Set.of("providerId"), fields(assertProblem(post("/v1/integrations", admin,
                    Map.of("providerId", "sample-ping", "settings", Map.of("url", pingUrl, "token", TOKEN))), 400, "validation_failed")));

            // the provider goes: the integration stays readable
            uninstall();
            await("the sample providers gone", 10, () -> !providerIds(admin).contains("sample-ping"));
            JsonNode orphan = get("/v1/integrations/" + id, admin).json();
            assertFalse(orphan.toString(), orphan.path("providerAvailable").asBoolean());
            assertProblem(call("POST", "/v1/integrations/" + id + "/test", bearer(admin), null, null), 409, "conflict");

            // deleted
            assertEquals(204, call("DELETE", "/v1/integrations/" + id, bearer(admin), null, null).status());
            assertProblem(get("/v1/integrations/" + id, admin), 404, "not_found");
            assertTrue(get("/v1/customers/" + customerId + "/history?limit=100", admin).body().contains("\"action\":\"DELETED\""));

            // the address rule on (the shipped default): the provider's check refuses a loopback URL, naming it
            setAllowPrivateAddresses(false);
            install();
            await("the sample providers back", 10, () -> providerIds(admin).contains("sample-ping"));
            await("private addresses refused", 10, () -> post("/v1/customers/" + customerId + "/integrations", admin,
                    Map.of("providerId", "sample-ping", "settings", Map.of("url", pingUrl, "token", TOKEN))).status() == 400);
            JsonNode blocked = assertProblem(post("/v1/customers/" + customerId + "/integrations", admin,
                    Map.of("providerId", "sample-ping", "settings", Map.of("url", pingUrl, "token", TOKEN))), 400, "validation_failed");
            assertEquals(Set.of("settings.url"), fields(blocked));
            assertTrue(blocked.toString(), blocked.toString().contains("private"));
            uninstall();
        } finally {
            fake.stop(0);
        }
    }

    /**
     * The delivery queue end to end: an agency-wide sample-hook integration with a URL gets the creation of a customer
     * posted to a local fake service, which first answers 503 with Retry-After and then 200; the same delivery id both
     * times, and both attempts in the delivery log; an ADMIN queues it again.
     */
    @Test
    public void aCustomerCreationIsDeliveredAndRetriedThroughTheQueue() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("webhook-id") + " " + body);
            int status = received.size() == 1 ? 503 : 200;
            if (status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            byte[] answer = (status == 503 ? "busy" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        fake.start();
        try {
            setAllowPrivateAddresses(true);
            install();
            String admin = createAgency("int-d");
            await("the sample providers listed", 10, () -> providerIds(admin).contains("sample-hook"));
            String url = "http://127.0.0.1:" + fake.getAddress().getPort() + "/hook";
            Answer hook = post("/v1/integrations", admin, Map.of("providerId", "sample-hook", "settings", Map.of("channel", "#d", "url", url)));
            assertEquals(hook.body(), 201, hook.status());
            String id = hook.json().path("id").asText();

            Answer customer = post("/v1/customers", admin, Map.of("name", "Delivered", "companyName", "Delivered Ltda"));
            assertEquals(customer.body(), 201, customer.status());
            String customerId = customer.json().path("id").asText();

            await("the delivery failed once, then arrived", 40, () -> received.size() >= 2);
            String deliveryId = received.get(0).substring(0, received.get(0).indexOf(' '));
            assertTrue(deliveryId, deliveryId.startsWith("msg_"));
            assertTrue(received.toString(), received.get(1).startsWith(deliveryId + " "));
            assertTrue(received.toString(), received.get(1).contains(customerId));

            await("the delivery recorded as delivered", 10, () -> "DELIVERED".equals(get("/v1/integrations/" + id + "/deliveries/" + deliveryId, admin)
                    .json().path("status").asText()));
            JsonNode log = get("/v1/integrations/" + id + "/deliveries?status=DELIVERED", admin).json();
            assertEquals(log.toString(), deliveryId, log.path("items").get(0).path("id").asText());
            JsonNode delivery = get("/v1/integrations/" + id + "/deliveries/" + deliveryId, admin).json();
            assertEquals(delivery.toString(), 2, delivery.path("attemptLog").size());
            assertEquals(503, delivery.path("attemptLog").get(0).path("httpStatus").asInt());
            assertEquals("RETRY", delivery.path("attemptLog").get(0).path("outcome").asText());
            assertEquals(200, delivery.path("attemptLog").get(1).path("httpStatus").asInt());
            assertEquals(Set.of("status"), fields(assertProblem(get("/v1/integrations/" + id + "/deliveries?status=LOST", admin), 400,
                    "validation_failed")));
            assertEquals(Set.of("from"), fields(assertProblem(post("/v1/integrations/" + id + "/deliveries/retry", admin,
                    Map.of("from", "yesterday", "to", "2030-01-01T00:00:00Z")), 400, "validation_failed")));

            // queued again by an ADMIN: the same id once more
            Answer again = call("POST", "/v1/integrations/" + id + "/deliveries/" + deliveryId + "/retry", bearer(admin), null, null);
            assertEquals(again.body(), 200, again.status());
            await("the delivery sent again", 20, () -> received.size() >= 3);
            assertTrue(received.toString(), received.get(2).startsWith(deliveryId + " "));

            // another agency: as missing
            String other = createAgency("int-e");
            assertProblem(get("/v1/integrations/" + id + "/deliveries", other), 404, "not_found");
            uninstall();
        } finally {
            fake.stop(0);
        }
    }

    private void setAllowPrivateAddresses(boolean allowed) throws Exception {
        ConfigurationAdmin admin = service(ConfigurationAdmin.class);
        org.osgi.service.cm.Configuration c = admin.getConfiguration(PID, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("allowPrivateAddresses", Boolean.toString(allowed));
        c.update(props);
    }
}
