package ${package}.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots the Clientele distribution (random ports), installs the feature clientele-${moduleId} into the running platform
 * and drives the module over HTTP as two agencies: it is listed in {@code /api/v1/modules}, answers only agencies that
 * enabled it, creates and reads back an item, and never shows one agency's items to another.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ${className}IT {

    private static final String OPERATOR_PASSWORD = "operator password for the ${moduleId} test";
    private static final String PORT = "${moduleId}.itest.httpPort";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext bundleContext;

    /** Injected once Karaf has installed its boot features. */
    @Inject
    private BootFinished bootFinished;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() {
        String httpPort = Integer.toString(freePort());
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(System.getProperty("clientele.distribution")).toURI().toString())
                    .unpackDirectory(new File(System.getProperty("project.build.directory", "target"), "exam"))
                    .useDeployFolder(false).name("Clientele"),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
            systemProperty(PORT).value(httpPort),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/io.clientele.operator.cfg", "password", OPERATOR_PASSWORD),
            // the module's bundles, and Pax Exam's own, come from the build's local repository, offline
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
            systemProperty("module.features").value(System.getProperty("module.features")),
        };
    }

    @Test
    public void theModuleInstallsLiveAndServesOnlyTheAgenciesThatEnabledIt() throws Exception {
        await("health UP", 120, () -> call("GET", "/v1/health", null, null).status() == 200);
        // looked up now: the boot features may have refreshed the features service's bundle
        FeaturesService features = service(FeaturesService.class);
        features.addRepository(URI.create(System.getProperty("module.features")));
        features.installFeature("clientele-${moduleId}", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));

        String a = createAgency("${moduleId}-a", List.of("${moduleId}"));
        String b = createAgency("${moduleId}-b", List.of());
        await("the module's endpoints", 30, () -> call("GET", "/v1/${moduleId}/items", a, null).status() == 200);

        JsonNode modules = call("GET", "/v1/modules", a, null).json();
        assertTrue(modules.toString(), modules.toString().contains("\"id\":\"${moduleId}\""));

        Answer created = call("POST", "/v1/${moduleId}/items", a, Map.of("title", "First item"));
        assertEquals(created.body(), 201, created.status());
        String location = created.response().headers().firstValue("Location").orElseThrow();
        String id = created.json().path("id").asText();
        assertTrue(location, location.endsWith("/api/v1/${moduleId}/items/" + id));
        Answer read = call("GET", "/v1/${moduleId}/items/" + id, a, null);
        assertEquals(read.body(), 200, read.status());
        assertEquals("First item", read.json().path("title").asText());

        Answer invalid = call("POST", "/v1/${moduleId}/items", a, Map.of("title", ""));
        assertEquals(invalid.body(), 400, invalid.status());
        assertEquals("title", invalid.json().path("errors").path(0).path("field").asText());

        assertEquals("not enabled for b", 403, call("GET", "/v1/${moduleId}/items", b, null).status());
        Answer enabled = call("PUT", "/v1/platform/agencies/${moduleId}-b/modules", operator(), Map.of("modules", List.of("${moduleId}")));
        assertEquals(enabled.body(), 200, enabled.status());
        assertEquals("b sees none of a's items", 0, call("GET", "/v1/${moduleId}/items", b, null).json().path("items").size());
        assertEquals("nor reads one by id", 404, call("GET", "/v1/${moduleId}/items/" + id, b, null).status());
#if( $integrationProvider == "true" )

        // the integration provider: listed for agencies that enabled the module, from the moment its feature is in
        features.installFeature("clientele-${moduleId}-hook", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await("the provider listed", 30, () -> call("GET", "/v1/integrations/providers", a, null).body().contains("\"id\":\"${moduleId}-hook\""));
#end
    }

    // ---- HTTP

    private record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() throws IOException {
            return JSON.readTree(response.body());
        }
    }

    private Answer call(String method, String path, String authorization, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bundleContext.getProperty(PORT) + "/api" + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization.startsWith("Basic ") ? authorization : "Bearer " + authorization);
        }
        try {
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            return new Answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String operator() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates an agency as the operator, with these modules enabled, and logs its first ADMIN in: the access token. */
    private String createAgency(String slug, List<String> modules) throws IOException {
        String password = "a long enough passphrase for " + slug;
        Answer created = call("POST", "/v1/platform/agencies", operator(), Map.of("name", "Agency " + slug, "slug", slug,
                "modules", modules, "admin", Map.of("name", "Admin", "email", "admin@" + slug + ".test", "password", password)));
        assertEquals(created.body(), 201, created.status());
        Answer login = call("POST", "/v1/auth/login", null, Map.of("agency", slug, "email", "admin@" + slug + ".test", "password", password));
        assertEquals(login.body(), 200, login.status());
        return login.json().path("accessToken").asText();
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError notYet) {
                // no answer yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        if (service == null) {
            throw new AssertionError("no " + type.getName() + " service");
        }
        return service;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
