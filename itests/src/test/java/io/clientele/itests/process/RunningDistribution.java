package io.clientele.itests.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built distribution unpacked into a folder of its own and run as an operator runs it — {@code bin/start} —
 * so that tests can do to the process what Pax Exam cannot: kill it with {@code kill -9} and start it again on the
 * same data. Free ports; the operator password comes from the environment. Talks to it over HTTP only.
 */
public final class RunningDistribution implements AutoCloseable {

    public static final String OPERATOR_PASSWORD = "operator passphrase for crash tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final int httpPort;
    private int sshPort;
    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP answer. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private RunningDistribution(Path home, int httpPort) {
        this.home = home;
        this.httpPort = httpPort;
    }

    /** Unpacks the distribution built by this build into {@code target/process/run-*}. */
    public static RunningDistribution unpack() throws IOException, InterruptedException {
        Path archive = Paths.get(System.getProperty("clientele.distribution"));
        Path root = Paths.get(System.getProperty("project.build.directory", "target"), "process");
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, "run-");
        run(dir, List.of("tar", "xzf", archive.toAbsolutePath().toString()));
        Path home;
        try (Stream<Path> s = Files.list(dir)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("empty archive " + archive));
        }
        RunningDistribution d = new RunningDistribution(home, freePort());
        d.env.put("CLIENTELE_HTTP_PORT", Integer.toString(d.httpPort));
        d.sshPort = freePort();
        d.setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(d.sshPort));
        d.env.put("CLIENTELE_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
        d.setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        d.setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
        return d;
    }

    /** Sets an environment variable for the next start. */
    public RunningDistribution env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Path home() {
        return home;
    }

    /** Where the API answers: {@code http://127.0.0.1:<port>/api}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/api");
    }

    /** The operator console's SSH port. */
    public int sshPort() {
        return sshPort;
    }

    /** Sets {@code key = value} in a file under the Karaf home (e.g. {@code etc/io.clientele.mail.cfg}) for the next start. */
    public RunningDistribution configure(String file, String key, String value) throws IOException {
        setProperty(file, key, value);
        return this;
    }

    private void setProperty(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.ISO_8859_1));
        lines.removeIf(l -> l.matches("\\s*" + key + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(p, lines, StandardCharsets.ISO_8859_1);
    }

    /** {@code bin/start}: returns at once; the runtime starts in the background. */
    public void start() throws IOException, InterruptedException {
        Files.deleteIfExists(home.resolve("karaf.pid"));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/start").toString()).directory(home.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (pb.start().waitFor() != 0) {
            throw new IOException("bin/start failed in " + home);
        }
    }

    /** The runtime's process, from the pid file Karaf writes. */
    public ProcessHandle process() throws IOException, InterruptedException {
        Path file = home.resolve("karaf.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                if (!text.isEmpty()) {
                    return ProcessHandle.of(Long.parseLong(text)).orElseThrow(() -> new IOException("no process " + text));
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("no karaf.pid under " + home);
    }

    /** {@code kill -9}: the process ends at once, with no chance to close anything. */
    public void killHard() throws IOException, InterruptedException {
        ProcessHandle p = process();
        p.destroyForcibly();
        p.onExit().join();
    }

    /** Fails unless the answer has the status; returns its JSON. */
    public static JsonNode expect(int status, Answer answer) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + ", got " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    /** Every item of a paged list ({@code items} and {@code nextCursor}), following the cursor; {@code path} may carry a query. */
    public List<JsonNode> all(String path, String token) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            String page = path + (path.contains("?") ? "&" : "?") + "limit=500"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode json = expect(200, json("GET", page, token, null));
            json.path("items").forEach(out::add);
            cursor = json.path("nextCursor").isTextual() ? json.path("nextCursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    /** Waits until {@code GET /health} answers UP; returns how long it took. Fails with the last answer. */
    public Duration awaitUp(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Answer a = call("GET", "/v1/health", null, null, null);
                if (a.status() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                last = a.status() + " " + a.body();
            } catch (AssertionError notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not UP within " + atMost + ": " + last + "\n" + logTail());
    }

    /** The last lines of the runtime's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** An HTTP call; {@code headers} are further name, value pairs. Fails when no answer comes (connection refused or lost). */
    public Answer call(String method, String path, String authorization, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                .timeout(Duration.ofSeconds(120));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Answer json(String method, String path, String token, Object body, String... headers) {
        try {
            return call(method, path, token == null ? null : "Bearer " + token, body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsBytes(body), headers);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates an agency as the operator and logs its admin in; returns the access token. */
    public String createAgency(String slug) {
        return createAgency(slug, new String[0]);
    }

    /** The password {@link #createAgency} gives the agency's first ADMIN, {@code admin@<slug>.test}. */
    public static String adminPassword(String slug) {
        return "long enough passphrase for " + slug;
    }

    /** Creates an agency with the given modules enabled as the operator and logs its admin in; returns the access token. */
    public String createAgency(String slug, String... modules) {
        String password = "long enough passphrase for " + slug;
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            Answer created = call("POST", "/v1/platform/agencies", basic, "application/json", JSON.writeValueAsBytes(Map.of(
                    "name", "Agency " + slug, "slug", slug, "modules", List.of(modules),
                    "admin", Map.of("name", "Admin", "email", "admin@" + slug + ".test", "password", password))));
            if (created.status() != 201) {
                throw new AssertionError("agency not created: " + created);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return login(slug, "admin@" + slug + ".test", password);
    }

    public String login(String slug, String email, String password) {
        Answer a = json("POST", "/v1/auth/login", null, Map.of("agency", slug, "email", email, "password", password));
        if (a.status() != 200) {
            throw new AssertionError("login failed: " + a);
        }
        return a.json().path("accessToken").asText();
    }

    /** POSTs a file as multipart/form-data part "file". */
    public Answer upload(String path, String token, String filename, byte[] content) {
        String boundary = "----ClienteleProcessTestBoundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return call("POST", path, "Bearer " + token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** {@code bin/stop}, then the folder is removed unless {@code -Dclientele.it.keep=true}. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile());
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            if (Files.exists(home.resolve("karaf.pid"))) {
                process().destroyForcibly();
            }
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
        if (!Boolean.getBoolean("clientele.it.keep")) {
            try (Stream<Path> files = Files.walk(home.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
