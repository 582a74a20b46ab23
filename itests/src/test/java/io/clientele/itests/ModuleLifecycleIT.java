package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A module feature goes live and away while the core keeps serving: the test-only module "sample" is
 * installed and uninstalled under load, with no failed core request, and its data survives.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModuleLifecycleIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-sample";

    @Before
    public void addSampleRepository() throws Exception {
        featuresService.addRepository(new File(System.getProperty("clientele.sample.features")).toURI());
    }

    @Test
    public void moduleInstallsAndUninstallsLiveWithoutDisturbingTheCore() throws Exception {
        String subscribed = createAgency("with-sample", "sample");
        String notSubscribed = createAgency("without-sample");
        assertProblem(get("/v1/sample/notes", subscribed), 404, "not_found");
        JsonNode before = get("/v1/modules", subscribed).json();
        JsonNode sampleBefore = null;
        for (JsonNode m : before) { // other modules (e.g. budget) may be installed at boot
            if ("sample".equals(m.path("id").asText())) {
                sampleBefore = m;
            }
        }
        assertTrue(before.toString(), sampleBefore != null && !sampleBefore.path("installed").asBoolean());

        Load load = new Load(subscribed);
        load.start();
        try {
            long start = System.nanoTime();
            install();
            await("sample endpoints answer", 10, () -> get("/v1/sample/notes", subscribed).status() == 200);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("hot deploy: feature install to first answer " + millis + " ms");
            assertTrue("endpoints answer within seconds, took " + millis + " ms", millis < 10_000);

            assertProblem(get("/v1/sample/notes", notSubscribed), 403, "module_not_enabled");
            Answer note = post("/v1/sample/notes", subscribed, Map.of("text", "kept across reinstall"));
            assertEquals(note.body(), 201, note.status());
            assertProblem(post("/v1/sample/notes", subscribed, Map.of("text", "")), 400, "validation_failed");

            JsonNode modules = get("/v1/modules", subscribed).json();
            assertTrue(modules.toString(), modules.toString().contains("\"id\":\"sample\",\"name\":\"Sample notes (test module)\""));
            assertTrue(get("/v1/me", subscribed).json().path("modules").toString().contains("sample"));
            JsonNode samplePaths = call("GET", "/openapi.json", null, null, null).json().path("paths");
            assertTrue(samplePaths.has("/v1/sample/notes"));
            assertEquals("the module's operations arrive named", "listSampleNotes",
                    samplePaths.path("/v1/sample/notes").path("get").path("operationId").asText());
            assertTrue(call("GET", "/v1/health", null, null, null).json().path("modules").toString().contains("sample"));

            uninstall();
            await("sample endpoints gone", 10, () -> get("/v1/sample/notes", subscribed).status() == 404);
            assertProblem(get("/v1/sample/notes", subscribed), 404, "not_found");
            assertFalse(call("GET", "/openapi.json", null, null, null).json().path("paths").has("/v1/sample/notes"));

            for (int cycle = 0; cycle < 3; cycle++) {
                install();
                await("sample back", 10, () -> get("/v1/sample/notes", subscribed).status() == 200);
                uninstall();
                await("sample gone", 10, () -> get("/v1/sample/notes", subscribed).status() == 404);
            }
            install();
            await("sample back", 10, () -> get("/v1/sample/notes", subscribed).status() == 200);
            assertTrue(get("/v1/sample/notes", subscribed).body().contains("kept across reinstall"));

            // a later subscription takes effect without reinstalling anything
            assertEquals(200, operator("PUT", "/v1/platform/agencies/without-sample/modules", Map.of("modules", List.of("sample"))).status());
            assertEquals(200, get("/v1/sample/notes", notSubscribed).status());
            assertFalse("the other agency's notes stay invisible", get("/v1/sample/notes", notSubscribed).body().contains("kept across"));
        } finally {
            load.stop();
        }
        System.out.println("core requests during hot deploy: " + load.ok.get() + " ok, " + load.failures.size() + " failed");
        assertTrue("core requests ran", load.ok.get() > 50);
        assertEquals("failed core requests: " + load.failures, 0, load.failures.size());
    }

    private void install() throws Exception {
        featuresService.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
    }

    private void uninstall() throws Exception {
        featuresService.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
    }

    /** Two threads calling core endpoints for the whole test, recording any answer that is not 200. */
    private final class Load {
        final String token;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = new ArrayList<>();

        Load(String token) {
            this.token = token;
        }

        void start() {
            for (String path : List.of("/v1/me", "/v1/users?limit=5")) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            Answer a = get(path, token);
                            if (a.status() == 200) {
                                ok.incrementAndGet();
                            } else {
                                failures.add(path + " -> " + a.status() + " " + a.body());
                            }
                        } catch (AssertionError e) {
                            failures.add(path + " -> " + e.getMessage());
                        }
                    }
                }, "core-load");
                threads.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }
}
