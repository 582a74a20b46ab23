package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.itests.process.RunningDistribution;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * The live OpenAPI document serves a client generator (issue 19): the built distribution is started as an operator
 * starts it (outside Pax Exam: the generator and the compiler run in this JVM), {@code /api/openapi.json} is fetched,
 * openapi-generator makes a Java client from it (library {@code native}: java.net.http and Jackson), the client is
 * compiled with {@code src/test/client-scenario/} — typed code a developer would write against it — and that
 * scenario runs against the platform: agency, admin login, customer, contact, module call, a problem answer read into
 * the generated {@code Problem}.
 *
 * <p>The same document is linted with Redocly's recommended rules when {@code redocly} is at hand
 * ({@code -Dclientele.redocly=<path>} or on the PATH; {@code .ci/run} installs it with npm): no error, and no warning
 * but the ones listed in {@link #ACCEPTED_WARNINGS}. Without it that test is skipped, saying so.
 */
public class GeneratedClientIT {

    /** Lint warnings accepted on purpose: the project has not chosen a licence to name in {@code info.license}. */
    static final Set<String> ACCEPTED_WARNINGS = Set.of("info-license");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningDistribution platform;
    private static Path work;
    private static Path document;

    @BeforeClass
    public static void startPlatformAndFetchTheDocument() throws Exception {
        platform = RunningDistribution.unpack();
        platform.start();
        platform.awaitUp(Duration.ofMinutes(3));
        String doc = awaitDocumentWithEveryModule(Duration.ofMinutes(3));
        Path root = Paths.get(System.getProperty("project.build.directory", "target"), "clientgen");
        Files.createDirectories(root);
        work = Files.createTempDirectory(root, "run-");
        document = work.resolve("openapi.json");
        Files.writeString(document, doc, StandardCharsets.UTF_8);
    }

    /** The operations the scenario calls (core, contacts, budget), which the document must name before use. */
    private static final List<String> EVERY_MODULE = List.of("createAgency", "replaceAgencyModules", "loginUser",
            "createCustomer", "getCustomer", "createCustomerContact", "listCustomerContacts", "createBudget", "listBudgets");

    /**
     * The document once the resources the scenario needs are published: health answers UP while the modules' features
     * may still be starting, and their operations join the document as they come (on a loaded machine a module may
     * take minutes, so the other modules are not waited for).
     */
    private static String awaitDocumentWithEveryModule(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        List<String> missing = EVERY_MODULE;
        while (System.nanoTime() < deadline) {
            RunningDistribution.Answer doc = platform.call("GET", "/openapi.json", null, null, null);
            if (doc.status() == 200) {
                Set<String> ids = new TreeSet<>(doc.json().findValuesAsText("operationId"));
                missing = EVERY_MODULE.stream().filter(id -> !ids.contains(id)).collect(Collectors.toList());
                if (missing.isEmpty()) {
                    return doc.body();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the document never named " + missing + "\n" + platform.logTail());
    }

    @AfterClass
    public static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    public void aJavaClientGeneratedFromTheLiveDocumentDrivesAScenario() throws Exception {
        Path generated = work.resolve("client");
        CodegenConfigurator config = new CodegenConfigurator()
                .setGeneratorName("java").setLibrary("native")
                .setInputSpec(document.toString()).setOutputDir(generated.toString())
                .setInvokerPackage("io.clientele.client").setApiPackage("io.clientele.client.api")
                .setModelPackage("io.clientele.client.model")
                .addAdditionalProperty("openApiNullable", false)
                .addAdditionalProperty("hideGenerationTimestamp", true)
                .addGlobalProperty("apiTests", "false").addGlobalProperty("modelTests", "false")
                .addGlobalProperty("apiDocs", "false").addGlobalProperty("modelDocs", "false");
        new DefaultGenerator().opts(config.toClientOptInput()).generate();

        List<Path> sources = new ArrayList<>(javaFiles(generated.resolve("src/main/java")));
        assertTrue("the generator wrote API classes", sources.stream().anyMatch(p -> p.endsWith("CustomersApi.java")));
        Path basedir = Paths.get(System.getProperty("project.build.directory", "target")).toAbsolutePath().getParent();
        sources.addAll(javaFiles(basedir.resolve("src/test/client-scenario")));
        Path classes = work.resolve("classes");
        compile(sources, classes);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Callable<?> scenario = (Callable<?>) loader.loadClass("io.clientele.itests.clientgen.ClientScenario")
                    .getConstructor(String.class, String.class, String.class)
                    .newInstance(platform.baseUri().toString(), "admin", RunningDistribution.OPERATOR_PASSWORD);
            List<?> steps = (List<?>) scenario.call();
            steps.forEach(step -> System.out.println("scenario: " + step));
            assertEquals("every step of the scenario ran: " + steps, 6, steps.size());
        }
    }

    @Test
    public void theLiveDocumentPassesRedoclysRecommendedRules() throws Exception {
        String redocly = redocly();
        if (redocly == null) {
            System.out.println("SKIPPED lint: no redocly (install @redocly/cli with npm, or -Dclientele.redocly=<path>)");
        }
        Assume.assumeTrue("no redocly: install @redocly/cli with npm or pass -Dclientele.redocly=<path>", redocly != null);
        // run in the work folder, where no redocly.yaml can change the rules: the recommended ones apply
        Process p = new ProcessBuilder(redocly, "lint", document.getFileName().toString(), "--format=json")
                .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("redocly lint did not finish", p.waitFor(3, TimeUnit.MINUTES));
        JsonNode report = JSON.readTree(out.substring(out.indexOf('{')));
        List<String> errors = new ArrayList<>();
        Set<String> warned = new TreeSet<>();
        for (JsonNode problem : report.path("problems")) {
            String line = problem.path("ruleId").asText() + " at " + problem.path("location").path(0).path("pointer").asText()
                    + ": " + problem.path("message").asText();
            if (problem.path("severity").asText().equals("error")) {
                errors.add(line);
            } else {
                warned.add(problem.path("ruleId").asText());
                System.out.println("lint warning: " + line);
            }
        }
        System.out.println("redocly " + report.path("version").asText() + ": " + report.path("totals"));
        assertTrue(errors.size() + " lint errors:\n" + String.join("\n", errors.subList(0, Math.min(30, errors.size()))),
                errors.isEmpty());
        warned.removeAll(ACCEPTED_WARNINGS);
        assertTrue("lint warnings of rules not accepted: " + warned, warned.isEmpty());
    }

    /** The redocly command: {@code -Dclientele.redocly}, else {@code redocly} on the PATH; null when there is none. */
    private static String redocly() {
        String given = System.getProperty("clientele.redocly", "");
        if (!given.isBlank()) {
            return given;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, "redocly");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    /** Compiles {@code sources} against this test's class path into {@code classes}; fails with the compiler's errors. */
    private static void compile(List<Path> sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue("a JDK's compiler is needed (a JRE has none)", javac != null);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", testClassPath(), "-nowarn",
                    "-proc:none", "-encoding", "UTF-8", "--release", "17");
            boolean ok = javac.getTask(output, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                    .limit(30).map(Object::toString).collect(Collectors.joining("\n"));
            assertTrue("the generated client and the scenario do not compile:\n" + errors + output, ok);
        }
    }

    /**
     * This JVM's class path as files: Failsafe may start the test JVM with one jar whose manifest lists the real
     * class path, which the compiler cannot read, so such a jar is replaced by its manifest's entries.
     */
    private static String testClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(Paths.get(entry))) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest manifest = jar.getManifest();
                    String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (listed != null) {
                        for (String url : listed.trim().split("\\s+")) {
                            if (!url.isEmpty()) {
                                entries.add(Paths.get(new URL(new URL(Paths.get(entry).toUri().toString()), url).toURI()).toString());
                            }
                        }
                    }
                } catch (java.net.URISyntaxException e) {
                    throw new IOException(e);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
