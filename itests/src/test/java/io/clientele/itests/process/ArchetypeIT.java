package io.clientele.itests.process;

import static io.clientele.itests.process.RunningDistribution.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * What a module developer does, end to end: {@code mvn archetype:generate} from {@code clientele-module-archetype}
 * (offline, batch mode, on the build's local repository), {@code mvn -o install} of the generated project (its own
 * unit tests included; its Pax Exam test skipped here, {@code -DskipITs}), and its feature repository dropped into the
 * {@code deploy/} folder of a running distribution. The generated module then appears in {@code GET /api/v1/modules},
 * answers an agency once enabled (201 and read back), keeps each agency's items to itself, and its integration
 * provider is listed and delivers the module's events to a local receiver.
 *
 * <p>Maven is the one running this build ({@code maven.home}, passed as {@code clientele.maven.home}), else
 * {@code MAVEN_HOME}, else {@code mvn} on the PATH.
 * The generated project is built against the platform artifacts in the local repository; so that they are this build's
 * even under {@code mvn verify} (which installs nothing), the test first copies the few artifacts the generated project
 * needs (the parent POM, platform.api, .impl, .jpa, .testing, integration.api, the archetype and the distribution) from
 * their modules' {@code target/} into the local repository, as {@code mvn install} of those modules would.
 */
public class ArchetypeIT {

    private static final String GROUP = "com.example.it";
    private static final String ARTIFACT = "memo-module";
    private static final String PACKAGE = "com.example.it.memo";
    private static final String MODULE = "memo";

    @Test
    public void aGeneratedModuleBuildsOfflineAndIsHotDeployedIntoTheRunningPlatform() throws Exception {
        String version = System.getProperty("clientele.version");
        Path root = Paths.get(System.getProperty("clientele.root")).toAbsolutePath().normalize();
        Path repo = Paths.get(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path work = Paths.get(System.getProperty("project.build.directory", "target"), "archetype-it").toAbsolutePath();
        delete(work);
        Files.createDirectories(work);
        stage(root, repo, version);

        long start = System.nanoTime();
        try (RunningDistribution platform = RunningDistribution.unpack()) {
            // the platform boots while the project is generated and built
            platform.configure("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo.toString())
                    .configure("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", "")
                    .configure("etc/io.clientele.integration.cfg", "allowPrivateAddresses", "true");
            platform.start();

            Path withProvider = work.resolve("with-provider");
            Path plain = work.resolve("plain");
            Files.createDirectories(withProvider);
            Files.createDirectories(plain);
            mvn(withProvider, "generate", repo, generate(version, "true"));
            Path project = withProvider.resolve(ARTIFACT);
            assertTrue(Files.isDirectory(project.resolve(PACKAGE + ".provider")));

            // the option's other side, generated while the first project builds: no provider folder, no provider module
            Build plainGeneration = start(plain, "generate-plain", repo, generate(version, "false"));
            mvn(project, "build", repo, List.of("install", "-DskipITs"));
            await(plainGeneration);
            Path plainProject = plain.resolve(ARTIFACT);
            assertTrue(Files.isRegularFile(plainProject.resolve(PACKAGE + ".impl/src/main/java/com/example/it/memo/impl/internal/MemoStore.java")));
            assertFalse("no provider folder without -DintegrationProvider=true", Files.exists(plainProject.resolve(PACKAGE + ".provider")));
            String plainPom = Files.readString(plainProject.resolve("pom.xml"));
            assertFalse(plainPom, plainPom.contains(".provider"));
            assertFalse(Files.readString(plainProject.resolve(ARTIFACT + "-features/src/main/feature/feature.xml")).contains("-hook"));

            assertTrue("the generated store test ran",
                    Files.isRegularFile(project.resolve(PACKAGE + ".impl/target/surefire-reports/TEST-" + PACKAGE + ".impl.internal.MemoPersistenceTest.xml")));
            String pom = Files.readString(project.resolve("pom.xml"));
            assertTrue("built against this platform version", pom.contains("<clientele.version>" + version + "</clientele.version>"));
            System.out.println("archetype: generated twice and built in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");

            platform.awaitUp(Duration.ofSeconds(120));
            String a = platform.createAgency("memo-a");
            String b = platform.createAgency("memo-b");
            assertFalse(modules(platform, a).contains(MODULE));

            // hot deploy: the features repository dropped into deploy/ (its features are install="auto")
            long deployed = System.nanoTime();
            Files.copy(project.resolve(ARTIFACT + "-features/target/feature/feature.xml"),
                    platform.home().resolve("deploy/" + ARTIFACT + "-features.xml"), StandardCopyOption.REPLACE_EXISTING);
            await("the module listed in GET /v1/modules", 90, () -> modules(platform, a).contains(MODULE), platform);
            System.out.println("archetype: deploy/ to listed module in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - deployed) + " ms");
            JsonNode listed = null;
            for (JsonNode m : expect(200, platform.json("GET", "/v1/modules", a, null))) {
                if (MODULE.equals(m.path("id").asText())) {
                    listed = m;
                }
            }
            assertEquals("Memo", listed.path("name").asText());
            assertTrue(listed.path("installed").asBoolean());
            assertFalse("not enabled for any agency yet", listed.path("enabled").asBoolean());
            assertEquals(403, platform.json("GET", "/v1/memo/items", a, null).status());

            enable(platform, "memo-a");
            await("the module answers agency a", 30, () -> platform.json("GET", "/v1/memo/items", a, null).status() == 200, platform);
            RunningDistribution.Answer created = platform.json("POST", "/v1/memo/items", a, Map.of("title", "First memo"));
            JsonNode item = expect(201, created);
            String id = item.path("id").asText();
            assertTrue(created.header("Location"), created.header("Location").endsWith("/api/v1/memo/items/" + id));
            assertEquals("\"0\"", created.header("ETag"));
            JsonNode read = expect(200, platform.json("GET", "/v1/memo/items/" + id, a, null));
            assertEquals("First memo", read.path("title").asText());
            assertEquals(0, read.path("version").asLong());
            JsonNode invalid = expect(400, platform.json("POST", "/v1/memo/items", a, Map.of("title", " ")));
            assertEquals("validation_failed", invalid.path("code").asText());
            assertEquals("title", invalid.path("errors").path(0).path("field").asText());
            assertEquals(1, expect(200, platform.json("GET", "/v1/memo/items", a, null)).path("items").size());
            JsonNode paths = expect(200, platform.call("GET", "/openapi.json", null, null, null)).path("paths");
            assertEquals("createMemoItem", paths.path("/v1/memo/items").path("post").path("operationId").asText());

            // tenant isolation of the generated entity
            JsonNode notEnabled = expect(403, platform.json("GET", "/v1/memo/items", b, null));
            assertEquals("module_not_enabled", notEnabled.path("code").asText());
            enable(platform, "memo-b");
            await("the module answers agency b", 30, () -> platform.json("GET", "/v1/memo/items", b, null).status() == 200, platform);
            assertEquals("b sees none of a's items", 0, expect(200, platform.json("GET", "/v1/memo/items", b, null)).path("items").size());
            expect(404, platform.json("GET", "/v1/memo/items/" + id, b, null));
            expect(201, platform.json("POST", "/v1/memo/items", b, Map.of("title", "b's memo")));
            assertEquals("a still sees its one item", 1, expect(200, platform.json("GET", "/v1/memo/items", a, null)).path("items").size());

            // the generated integration provider: listed for the module's agencies, its events delivered
            await("the provider memo-hook listed", 30, () -> platform.json("GET", "/v1/integrations/providers", a, null).body()
                    .contains("\"id\":\"memo-hook\""), platform);
            List<String> received = new CopyOnWriteArrayList<>();
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/memos", exchange -> {
                received.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            try {
                String token = "memo-token-0123456789abcdef";
                JsonNode integration = expect(201, platform.json("POST", "/v1/integrations", a, Map.of("providerId", "memo-hook",
                        "settings", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/memos", "token", token))));
                assertFalse("the token is never answered", integration.toString().contains(token));
                assertEquals("[\"token\"]", integration.path("secretsSet").toString());
                JsonNode memo = expect(201, platform.json("POST", "/v1/memo/items", a, Map.of("title", "Delivered memo")));
                await("the memo's event delivered", 30, () -> received.stream().anyMatch(r -> r.contains(memo.path("id").asText())), platform);
                String delivery = received.stream().filter(r -> r.contains(memo.path("id").asText())).findFirst().orElseThrow();
                assertTrue(delivery, delivery.startsWith("Bearer " + token + " "));
                assertTrue(delivery, delivery.contains("\"type\":\"clientele/memo/item/CREATED\""));
            } finally {
                receiver.stop(0);
            }
        }
        System.out.println("archetype: whole test " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
    }

    private static List<String> generate(String version, String provider) {
        return List.of("org.apache.maven.plugins:maven-archetype-plugin:3.2.1:generate",
                "-DarchetypeGroupId=io.clientele", "-DarchetypeArtifactId=clientele-module-archetype", "-DarchetypeVersion=" + version,
                "-DgroupId=" + GROUP, "-DartifactId=" + ARTIFACT, "-Dversion=1.0.0-SNAPSHOT", "-Dpackage=" + PACKAGE,
                "-DmoduleId=" + MODULE, "-DintegrationProvider=" + provider);
    }

    private static String modules(RunningDistribution platform, String token) {
        return expect(200, platform.json("GET", "/v1/modules", token, null)).findValuesAsText("id").toString();
    }

    /** The operator enables the module for the agency (the list replaces the agency's modules). */
    private static void enable(RunningDistribution platform, String slug) throws IOException {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + RunningDistribution.OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        expect(200, platform.call("PUT", "/v1/platform/agencies/" + slug + "/modules", basic, "application/json",
                "{\"modules\":[\"memo\"]}".getBytes(StandardCharsets.UTF_8)));
    }

    /** A Maven run started by {@link #start}: its process, command line and log. */
    private record Build(Process process, String command, Path log) {
    }

    /** Runs the build's Maven offline in {@code dir}; fails with the end of its log (kept in {@code <dir>/../<name>.log}). */
    private static void mvn(Path dir, String name, Path repo, List<String> args) throws IOException, InterruptedException {
        await(start(dir, name, repo, args));
    }

    /**
     * Starts the build's Maven offline, batch mode, on {@code repo}, in {@code dir}, its output to
     * {@code <dir>/../<name>.log}. Its JIT stops at the first tier: a short build spends less CPU compiling itself.
     */
    private static Build start(Path dir, String name, Path repo, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-o", "-Dmaven.repo.local=" + repo));
        command.addAll(args);
        Path log = dir.resolveSibling(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String options = builder.environment().getOrDefault("MAVEN_OPTS", "");
        builder.environment().put("MAVEN_OPTS", (options + " -XX:TieredStopAtLevel=1").trim());
        return new Build(builder.start(), String.join(" ", command), log);
    }

    /** Waits for a Maven run; fails with the end of its log. */
    private static void await(Build build) throws IOException, InterruptedException {
        if (!build.process().waitFor(6, TimeUnit.MINUTES)) {
            build.process().destroyForcibly();
            throw new AssertionError(build.command() + " did not end within 6 min; log " + build.log());
        }
        if (build.process().exitValue() != 0) {
            List<String> lines = Files.readAllLines(build.log(), StandardCharsets.UTF_8);
            throw new AssertionError(build.command() + " failed (" + build.process().exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
        }
    }

    /** The Maven running this build: {@code clientele.maven.home} or {@code maven.home}, else {@code MAVEN_HOME}, else {@code mvn} on the PATH. */
    static String mavenExecutable() {
        for (String home : Arrays.asList(System.getProperty("clientele.maven.home"), System.getProperty("maven.home"), System.getenv("MAVEN_HOME"))) {
            if (home != null && !home.isBlank()) {
                File mvn = new File(home, "bin/mvn");
                if (mvn.canExecute()) {
                    return mvn.getAbsolutePath();
                }
            }
        }
        return "mvn";
    }

    /**
     * Copies this build's artifacts that a generated project depends on into the local repository, where
     * {@code mvn install} of their modules would put them: the parent POM, the platform bundles it builds against, the
     * test fixture, and the archetype itself.
     */
    private static void stage(Path root, Path repo, String version) throws IOException {
        copy(root.resolve("pom.xml"), repo, "clientele-parent", version, "pom");
        for (String module : List.of("bundles/io.clientele.platform.api", "bundles/io.clientele.platform.impl",
                "bundles/io.clientele.platform.jpa", "bundles/io.clientele.integration.api", "testing/io.clientele.platform.testing",
                "archetypes/clientele-module-archetype")) {
            Path dir = root.resolve(module);
            String artifact = dir.getFileName().toString();
            Path jar = dir.resolve("target/" + artifact + "-" + version + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError("not built: " + jar + " (run the build from the root, or install it)");
            }
            copy(dir.resolve("pom.xml"), repo, artifact, version, "pom");
            copy(jar, repo, artifact, version, "jar");
        }
        // the generated Pax Exam module names the distribution as a test dependency, resolved even with -DskipITs
        Path distribution = Paths.get(System.getProperty("clientele.distribution"));
        copy(root.resolve("karaf-distribution/pom.xml"), repo, "clientele-distribution", version, "pom");
        copy(distribution, repo, "clientele-distribution", version, "tar.gz");
    }

    private static void copy(Path file, Path repo, String artifact, String version, String extension) throws IOException {
        Path target = repo.resolve("io/clientele/" + artifact + "/" + version + "/" + artifact + "-" + version + "." + extension);
        Files.createDirectories(target.getParent());
        if (Files.isRegularFile(target) && Files.mismatch(file, target) == -1) {
            return;
        }
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void await(String what, int seconds, BooleanSupplier condition, RunningDistribution platform)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "\n" + platform.logTail());
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
