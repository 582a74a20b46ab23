package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.testing.oauth.FakeOAuthServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
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
 * OAuth 2.0 authorization code against the running distribution: the test-only {@code sample-oauth} provider, configured
 * to a local fake OAuth server ({@link FakeOAuthServer}, which checks the client authentication, the redirect URI and the
 * PKCE verifier), is authorized through {@code POST /integrations/{id}/oauth/authorize}, the browser's round trip to the
 * fake server and back to the public callback; the integration becomes ACTIVE; the state cannot be used twice; a token
 * past its refresh point is refreshed before the next delivery and a token the service dropped after its 401; deleting
 * the integration revokes its tokens at the fake server.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OAuthIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-sample-provider";

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(
                // the fake server runs on 127.0.0.1
                editConfigurationFilePut("etc/io.clientele.integration.cfg", "allowPrivateAddresses", "true"),
                editConfigurationFilePut("etc/io.clientele.integration.cfg", "deliveryPollIntervalMillis", "200"),
                systemProperty("clientele.sampleprovider.features").value(System.getProperty("clientele.sampleprovider.features")),
                mavenBundle("io.clientele", "io.clientele.testing.oauth", System.getProperty("clientele.version")))
                .toArray(new Option[0]);
    }

    private void configure(String pid, Map<String, String> values) throws Exception {
        ConfigurationAdmin admin = service(ConfigurationAdmin.class);
        org.osgi.service.cm.Configuration c = admin.getConfiguration(pid, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        values.forEach(props::put);
        c.update(props);
    }

    /** A browser that does not follow redirects: the test follows them itself. */
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> browse(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int delivered(String admin, String id) {
        return get("/v1/integrations/" + id + "/deliveries?status=DELIVERED", admin).json().path("items").size();
    }

    @Test
    public void anIntegrationIsAuthorizedRefreshedAndRevoked() throws Exception {
        FakeOAuthServer fake = new FakeOAuthServer();
        fake.expiresIn = 4; // refreshed from half its life on: 2 s
        try {
            String publicBase = baseUrl().substring(0, baseUrl().length() - "/api".length());
            configure("io.clientele.integration.oauth", Map.of("publicBaseUrl", publicBase));
            configure("io.clientele.itests.sampleoauth", Map.of("baseUrl", fake.url(""), "clientId", fake.clientId,
                    "clientSecret", fake.clientSecret));
            featuresService.addRepository(new File(System.getProperty("clientele.sampleprovider.features")).toURI());
            featuresService.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            String admin = createAgency("oauth-a");
            await("sample-oauth listed", 20, () -> providerIds(admin).contains("sample-oauth"));
            JsonNode documented = call("GET", "/openapi.json", null, null, null).json().path("paths");
            for (String path : List.of("/v1/integrations/{id}/oauth/authorize", "/v1/integrations/{id}/oauth", "/v1/integrations/oauth/callback")) {
                assertTrue("OpenAPI lists " + path, documented.has(path));
            }

            Answer created = post("/v1/integrations", admin, Map.of("providerId", "sample-oauth", "settings", Map.of("label", "main")));
            assertEquals(created.body(), 201, created.status());
            String id = created.json().path("id").asText();
            assertEquals("not connected until authorized", "NEEDS_ATTENTION", created.json().path("status").asText());
            assertFalse(get("/v1/integrations/" + id + "/oauth", admin).json().path("connected").asBoolean());

            // only an ADMIN starts an authorization; another agency does not see the integration
            Answer user = post("/v1/users", admin, Map.of("name", "Sam", "email", "sam@oauth-a.test", "roles", List.of("SERVICE"),
                    "password", "passphrase of Sam"));
            assertEquals(user.body(), 201, user.status());
            String sam = login("oauth-a", "sam@oauth-a.test", "passphrase of Sam");
            assertProblem(call("POST", "/v1/integrations/" + id + "/oauth/authorize", bearer(sam), null, null), 403, "forbidden");
            String other = createAgency("oauth-b");
            assertProblem(call("POST", "/v1/integrations/" + id + "/oauth/authorize", bearer(other), null, null), 404, "not_found");

            // authorize: to the service, which consents and sends the browser back to the public callback
            Answer authorization = call("POST", "/v1/integrations/" + id + "/oauth/authorize", bearer(admin), null, null);
            assertEquals(authorization.body(), 200, authorization.status());
            String url = authorization.json().path("authorizationUrl").asText();
            assertTrue(url, url.startsWith(fake.url("/authorize?")));
            HttpResponse<String> atService = browse(url);
            assertEquals(302, atService.statusCode());
            String back = atService.headers().firstValue("Location").orElseThrow();
            assertTrue(back, back.startsWith(baseUrl() + "/v1/integrations/oauth/callback?code="));
            HttpResponse<String> done = browse(back);
            assertEquals(done.body(), 200, done.statusCode());
            JsonNode completion = JSON.readTree(done.body());
            assertEquals(id, completion.path("integrationId").asText());
            assertEquals("connected", completion.path("result").asText());
            assertEquals(List.of(), fake.problems);
            Answer active = get("/v1/integrations/" + id, admin);
            assertEquals("ACTIVE", active.json().path("status").asText());
            assertFalse("no token is shown: " + active.body(), active.body().contains("at-") || active.body().contains("rt-"));
            JsonNode status = get("/v1/integrations/" + id + "/oauth", admin).json();
            assertTrue(status.toString(), status.path("connected").asBoolean());
            assertEquals("events", status.path("scopes").get(0).asText());
            assertFalse(status.toString(), status.toString().contains("at-"));

            // the state is single-use; an unknown one is refused too
            JsonNode reused = assertProblem(call("GET", back.substring(baseUrl().length()), null, null, null), 400, "validation_failed");
            assertEquals("state", reused.path("errors").get(0).path("field").asText());
            assertEquals("state", assertProblem(call("GET", "/v1/integrations/oauth/callback?code=x&state=made-up", null, null, null), 400,
                    "validation_failed").path("errors").get(0).path("field").asText());
            assertEquals(1, fake.tokenRequests.size());

            // the token is past its refresh point: the next delivery refreshes it first (for an hour's token this time)
            fake.expiresIn = 3600;
            Thread.sleep(2500);
            Answer customer = post("/v1/customers", admin, Map.of("name", "Refreshed", "companyName", "Refreshed Ltda"));
            assertEquals(customer.body(), 201, customer.status());
            await("the first delivery", 30, () -> delivered(admin, id) == 1);
            assertEquals(1, fake.refreshes.get());
            assertEquals(fake.apiCalls.toString(), 1, fake.apiCalls.size());
            assertEquals("refresh_token", fake.tokenRequests.get(1).get("grant_type"));

            // the service drops the token early: 401, one refresh, the same delivery again with the new token
            fake.expireAccessTokens();
            assertEquals(201, post("/v1/customers", admin, Map.of("name", "Retried", "companyName", "Retried Ltda")).status());
            await("the second delivery", 30, () -> delivered(admin, id) == 2);
            assertEquals(2, fake.refreshes.get());
            assertEquals(fake.apiCalls.toString(), 3, fake.apiCalls.size());
            assertEquals(List.of(), fake.problems);
            assertEquals("ACTIVE", get("/v1/integrations/" + id, admin).json().path("status").asText());

            // deleted: the service is told (RFC 7009)
            assertEquals(204, call("DELETE", "/v1/integrations/" + id, bearer(admin), null, null).status());
            await("the revocation", 20, () -> !fake.revocations.isEmpty());
            assertEquals("refresh_token", fake.revocations.get(0).get("token_type_hint"));
            assertEquals(List.of(), fake.problems);
            featuresService.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        } finally {
            fake.close();
        }
    }
}
