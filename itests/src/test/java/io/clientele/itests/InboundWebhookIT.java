package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * {@code POST /api/v1/integrations/{id}/webhook} against the running distribution: the test-only {@code sample-hook}
 * verifies Standard Webhooks signatures ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature} over
 * {@code id.timestamp.body}) with its integration's secret, refuses replays through the platform's ReplayGuard, and
 * records what it accepted (a {@code Supplier<List<String>>} service the test reads). No staff token is sent anywhere.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InboundWebhookIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-sample-provider";
    private static final String SECRET_A = "whsec_" + Base64.getEncoder().encodeToString("inbound secret of agency a!".getBytes(StandardCharsets.UTF_8));
    private static final String SECRET_B = "whsec_" + Base64.getEncoder().encodeToString("inbound secret of agency b!".getBytes(StandardCharsets.UTF_8));

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(
                // a small body limit, to see the 413 without sending megabytes
                editConfigurationFilePut("etc/io.clientele.integration.cfg", "inboundMaxBodyBytes", "4096"),
                systemProperty("clientele.sampleprovider.features").value(System.getProperty("clientele.sampleprovider.features")))
                .toArray(new Option[0]);
    }

    private static String sign(String secret, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** A webhook signed with {@code secret}, as the outside service sends it: no Authorization header. */
    private Answer webhook(String integrationId, String secret, String messageId, long timestamp, String body) throws Exception {
        return call("POST", "/v1/integrations/" + integrationId + "/webhook", null, "application/json", body, "webhook-id", messageId,
                "webhook-timestamp", Long.toString(timestamp), "webhook-signature", "v1,bm90IHRoaXMgb25l " + sign(secret, messageId, timestamp, body));
    }

    @SuppressWarnings("unchecked")
    private List<String> received() {
        try {
            ServiceReference<?>[] refs = bundleContext.getServiceReferences(Supplier.class.getName(), "(clientele.sample.log=inbound)");
            if (refs == null || refs.length == 0) {
                return List.of();
            }
            Supplier<List<String>> log = (Supplier<List<String>>) bundleContext.getService(refs[0]);
            try {
                return log.get();
            } finally {
                bundleContext.ungetService(refs[0]);
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> receivedFor(String integrationId) {
        return received().stream().filter(line -> line.split(" ")[1].equals(integrationId)).toList();
    }

    @Test
    public void signedWebhooksReachTheProviderOnceAndOnlyWithTheirIntegrationsSecret() throws Exception {
        String adminA = createAgency("in-a");
        String adminB = createAgency("in-b");
        featuresService.addRepository(new File(System.getProperty("clientele.sampleprovider.features")).toURI());
        featuresService.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await("the sample providers listed", 20, () -> providerIds(adminA).contains("sample-hook"));

        Answer a = post("/v1/integrations", adminA, Map.of("providerId", "sample-hook", "settings", Map.of("channel", "#in", "inboundSecret", SECRET_A)));
        assertEquals(a.body(), 201, a.status());
        assertFalse("the secret is never answered", a.body().contains(SECRET_A));
        String idA = a.json().path("id").asText();
        Answer b = post("/v1/integrations", adminB, Map.of("providerId", "sample-hook", "settings", Map.of("channel", "#in", "inboundSecret", SECRET_B)));
        assertEquals(b.body(), 201, b.status());
        String idB = b.json().path("id").asText();
        long now = System.currentTimeMillis() / 1000;

        // valid: accepted (204) and seen by the provider as agency a's, with the body byte for byte
        String body = "{\"event\":\"contact.converted\",\"name\":\"Zoë\"}";
        Answer accepted = webhook(idA, SECRET_A, "msg_inbound_1", now, body);
        assertEquals(accepted.body(), 204, accepted.status());
        String agencyA = service(AgencyDirectory.class).findBySlug("in-a").orElseThrow().id();
        assertEquals(List.of(agencyA + " " + idA + " msg_inbound_1 " + body), receivedFor(idA));

        // the same message again: refused (409), the provider saw it once
        assertProblem(webhook(idA, SECRET_A, "msg_inbound_1", now, body), 409, "conflict");
        assertEquals(1, receivedFor(idA).size());

        // a bad signature: refused (401), and its id is not spent
        Answer forged = call("POST", "/v1/integrations/" + idA + "/webhook", null, "application/json", body, "webhook-id", "msg_inbound_2",
                "webhook-timestamp", Long.toString(now), "webhook-signature", sign(SECRET_A, "msg_inbound_2", now, body + " "));
        assertProblem(forged, 401, "unauthorized");
        // a body changed after signing
        assertProblem(call("POST", "/v1/integrations/" + idA + "/webhook", null, "application/json", body.replace("Zoë", "Zoe"),
                "webhook-id", "msg_inbound_2", "webhook-timestamp", Long.toString(now), "webhook-signature", sign(SECRET_A, "msg_inbound_2", now, body)),
                401, "unauthorized");
        // an old timestamp, correctly signed: refused (401)
        JsonNode stale = assertProblem(webhook(idA, SECRET_A, "msg_inbound_3", now - 600, body), 401, "unauthorized");
        assertTrue(stale.toString(), stale.path("detail").asText().contains("window"));
        assertProblem(webhook(idA, SECRET_A, "msg_inbound_3", now + 600, body), 401, "unauthorized");
        // no signature headers at all
        assertProblem(call("POST", "/v1/integrations/" + idA + "/webhook", null, "application/json", body), 400, "malformed_request");
        assertEquals(1, receivedFor(idA).size());
        // the id the forged call named is still good for the real message
        assertEquals(204, webhook(idA, SECRET_A, "msg_inbound_2", now, body).status());
        assertEquals(2, receivedFor(idA).size());

        // the other agency's integration: only its own secret works, and the tenant is the record's
        assertProblem(webhook(idB, SECRET_A, "msg_inbound_1", now, body), 401, "unauthorized");
        assertEquals(0, receivedFor(idB).size());
        assertEquals(204, webhook(idB, SECRET_B, "msg_inbound_1", now, body).status());
        String agencyB = service(AgencyDirectory.class).findBySlug("in-b").orElseThrow().id();
        assertEquals(List.of(agencyB + " " + idB + " msg_inbound_1 " + body), receivedFor(idB));
        // a staff token of agency a changes nothing: the tenant still comes from the record
        assertProblem(call("POST", "/v1/integrations/" + idB + "/webhook", bearer(adminA), "application/json", body, "webhook-id", "msg_inbound_9",
                "webhook-timestamp", Long.toString(now), "webhook-signature", sign(SECRET_A, "msg_inbound_9", now, body)), 401, "unauthorized");

        // a provider that fails: 503 with Retry-After, never a 500; the service's retry of the same id then passes once fixed
        String exploding = "{\"explode\":true}";
        Answer failed = webhook(idA, SECRET_A, "msg_inbound_4", now, exploding);
        assertProblem(failed, 503, "service_unavailable");
        assertTrue(failed.header("Retry-After") != null);
        assertProblem(webhook(idA, SECRET_A, "msg_inbound_4", now, exploding), 503, "service_unavailable");

        // unknown ids: 404 problem+json
        assertProblem(webhook("00000000-0000-4000-8000-000000000000", SECRET_A, "msg_inbound_5", now, body), 404, "not_found");
        assertProblem(webhook("not-an-integration-id-of-any-shape-at-all", SECRET_A, "msg_inbound_5", now, body), 404, "not_found");
        // a body over the limit: 413
        assertProblem(webhook(idA, SECRET_A, "msg_inbound_6", now, "{\"x\":\"" + "a".repeat(5000) + "\"}"), 413, "payload_too_large");

        // documented, without security
        JsonNode operation = call("GET", "/openapi.json", null, null, null).json().path("paths").path("/v1/integrations/{id}/webhook").path("post");
        assertEquals(operation.toString(), "receiveIntegrationWebhook", operation.path("operationId").asText());
        assertTrue(operation.toString(), operation.path("responses").has("204"));
        assertTrue(operation.toString(), operation.path("responses").has("401"));
        assertTrue(operation.toString(), operation.path("responses").has("404"));
        assertFalse(operation.toString(), operation.has("security") && operation.path("security").size() > 0);

        // deleted: 404, as unknown
        assertEquals(204, call("DELETE", "/v1/integrations/" + idA, bearer(adminA), null, null).status());
        assertProblem(webhook(idA, SECRET_A, "msg_inbound_7", now, body), 404, "not_found");

        // the provider's bundle uninstalled: 503 with Retry-After (the service retries until it is back)
        featuresService.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await("the sample providers gone", 20, () -> !providerIds(adminB).contains("sample-hook"));
        Answer gone = webhook(idB, SECRET_B, "msg_inbound_8", now, body);
        assertProblem(gone, 503, "service_unavailable");
        assertTrue(gone.header("Retry-After") != null);
    }
}
