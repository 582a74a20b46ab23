package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots the built Clientele distribution (one fresh runtime per test class, random ports) and gives tests
 * an HTTP client for its API, the Karaf shell, features and services. No retries, no ordering.
 */
public abstract class ClienteleTestSupport {

    protected static final String OPERATOR_PASSWORD = "operator-secret-for-tests";
    protected static final ObjectMapper JSON = new ObjectMapper();
    /** Clientele features that are not modules (no module descriptor). */
    private static final Set<String> NOT_MODULES = Set.of("clientele-core", "clientele-platform", "clientele-shell", "clientele-jpa",
            "clientele-thirdparty", "clientele-integrations", "clientele-sample-provider",
            "clientele-payment-stripe");

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected FeaturesService featuresService;

    @Inject
    protected SessionFactory sessionFactory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The runtime a test class boots; a class that needs more options overrides this and calls {@link #baseOptions}. */
    @Configuration
    public Option[] config() {
        return baseOptions().toArray(new Option[0]);
    }

    /**
     * Why this container's platform never came up, once a test has waited for it in vain: the class's other tests then
     * fail at once with the same reason instead of each waiting out the timeouts again.
     */
    private static volatile String platformNeverCameUp;

    /** Every test starts once Karaf has finished its boot features and the platform answers health UP with every module. */
    @Before
    public void awaitPlatformReady() {
        if (platformNeverCameUp != null) {
            fail("the platform of this container never came up: " + platformNeverCameUp);
        }
        try {
            awaitPlatform();
        } catch (AssertionError e) {
            platformNeverCameUp = e.getMessage();
            throw e;
        }
    }

    /** The options every test class boots with; subclasses add theirs. */
    protected static List<Option> baseOptions(Option... extra) {
        String distribution = System.getProperty("clientele.distribution");
        String httpPort = Integer.toString(freePort());
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(new File(distribution).toURI().toString())
                        .unpackDirectory(new File(System.getProperty("project.build.directory", "target"), "exam"))
                        .useDeployFolder(false).name("Clientele"),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
                // the probe reads the port from here, without loading ConfigurationAdmin's class: in one CI run the probe's
                // dynamic import of org.osgi.service.cm failed (cause not found)
                systemProperty(HTTP_PORT_PROPERTY).value(httpPort),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/io.clientele.operator.cfg", "password", OPERATOR_PASSWORD),
                // a short lockout keeps the throttling test quick; the limit itself is the shipped default (5)
                editConfigurationFilePut("etc/io.clientele.auth.cfg", "lockoutSeconds", "4"),
                // and a low cap on the doubling locks, so that a test guessing on purpose (the fuzzer) is not locked out for long
                editConfigurationFilePut("etc/io.clientele.auth.cfg", "maxLockoutSeconds", "8"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                systemProperty("clientele.sample.features").value(System.getProperty("clientele.sample.features")),
                mavenBundle("com.icegreen", "greenmail", System.getProperty("greenmail.version"))));
        if (Boolean.getBoolean("clientele.it.keep")) {
            options.add(keepRuntimeFolder()); // -Dclientele.it.keep=true leaves target/exam/<run>/ for reading logs
        }
        options.addAll(List.of(extra));
        return options;
    }

    /**
     * The options that point the platform's mail at a test SMTP server on {@code port} (start one with
     * {@link #testSmtp()}), retrying quickly, followed by {@code more}.
     */
    protected static Option[] withTestSmtp(String port, Option... more) {
        List<Option> options = new ArrayList<>(List.of(
                systemProperty("clientele.it.smtpPort").value(port),
                editConfigurationFilePut("etc/io.clientele.mail.cfg", "host", "127.0.0.1"),
                editConfigurationFilePut("etc/io.clientele.mail.cfg", "port", port),
                editConfigurationFilePut("etc/io.clientele.mail.cfg", "retryBaseSeconds", "1"),
                editConfigurationFilePut("etc/io.clientele.mail.cfg", "retryMaxSeconds", "2"),
                editConfigurationFilePut("etc/io.clientele.mail.cfg", "pollIntervalMillis", "200"),
                editConfigurationFilePut("etc/io.clientele.mail.cfg", "timeoutMillis", "2000")));
        options.addAll(List.of(more));
        return options.toArray(new Option[0]);
    }

    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- HTTP

    /** The HTTP port the configuration gave the container, also passed to it as this system property. */
    static final String HTTP_PORT_PROPERTY = "clientele.itest.httpPort";

    protected String baseUrl() {
        String port = bundleContext.getProperty(HTTP_PORT_PROPERTY);
        if (port == null) {
            throw new AssertionError(HTTP_PORT_PROPERTY + " is not set: boot the container with baseOptions()");
        }
        return "http://127.0.0.1:" + port + "/api";
    }

    /** An answer: status, headers, body text, and the body as JSON when it is JSON. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    protected Answer call(String method, String path, String authorization, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A binary answer (a PDF, a file): status, headers and the body's bytes. */
    public record Binary(int status, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return new Answer(status, headers, "").header(name);
        }
    }

    /** {@code GET path} with the bearer token, keeping the body's bytes. */
    protected Binary binary(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer(token)).GET().build();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Binary(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Sends a request exactly as written, byte for byte, over a plain socket: for request targets and headers that
     * a well-behaved client refuses to send (malformed percent-encoding, absurd headers). {@code target} is the part
     * after {@code /api}; {@code headers} are complete header lines; {@code body} may be null. The connection is
     * closed after the answer.
     */
    protected Answer raw(String method, String target, List<String> headers, byte[] body) {
        String port = bundleContext.getProperty(HTTP_PORT_PROPERTY);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(port))) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append("/api").append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (body != null && headers.stream().noneMatch(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15)
                    || h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18))) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException refusedWhileSending) {
                    // the server answered and closed before the whole body arrived: read that answer
                }
            }
            out.flush();
            return parseRawAnswer(readAnswer(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError(method + " " + target + " failed: " + e, e);
        }
    }

    /**
     * Reads one answer: its head, then as many body bytes as {@code Content-Length} says, or chunks up to the last one,
     * or (neither) up to the end of the stream — not necessarily up to the close, which a server may delay.
     */
    private static byte[] readAnswer(java.io.InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            all.write(b);
            byte[] sofar = all.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                break;
            }
        }
        String head = all.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            all.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (head.contains("\r\ntransfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n") && !body.toString(StandardCharsets.ISO_8859_1).startsWith("0\r\n\r\n")
                    && (b = in.read()) != -1) {
                body.write(b);
            }
            all.write(body.toByteArray());
        } else {
            all.write(in.readAllBytes());
        }
        return all.toByteArray();
    }

    private static Answer parseRawAnswer(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete HTTP answer: " + all);
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            rest = dechunk(rest);
        }
        return new Answer(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, n);
            i = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static final String MULTIPART_BOUNDARY = "----ClienteleTestBoundary7MA4YWxkTrZu0gW";

    /** A multipart/form-data body with the file in part "file", declared as {@code partType}. */
    private static ByteArrayOutputStream multipartFile(String filename, String partType, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + MULTIPART_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + MULTIPART_BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return body;
    }

    /** Sends a file as multipart/form-data part "file", declared as {@code partType}, with {@code method} (e.g. PUT). */
    protected Answer sendFile(String method, String path, String token, String filename, String partType, byte[] content) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", bearer(token)).header("Content-Type", "multipart/form-data; boundary=" + MULTIPART_BOUNDARY)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(multipartFile(filename, partType, content).toByteArray())).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POSTs a file as multipart/form-data part "file". */
    protected Answer upload(String path, String token, String filename, byte[] content, String... headers) {
        return upload(path, token, filename, content, true, headers);
    }

    protected Answer upload(String path, String token, String filename, byte[] content, boolean announceLength, String... headers) {
        String boundary = MULTIPART_BOUNDARY;
        ByteArrayOutputStream body = multipartFile(filename, "application/octet-stream", content);
        // generous: the 100,000-row import's time is measured and printed, and must not fail the test on a busy machine
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(600))
                .header("Authorization", bearer(token)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(announceLength ? HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())
                        : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    protected Answer get(String path, String token) {
        return call("GET", path, bearer(token), null, null);
    }

    protected Answer post(String path, String token, Object body) {
        return call("POST", path, bearer(token), "application/json", toJson(body));
    }

    protected Answer operator(String method, String path, Object body) {
        return call(method, path, "Basic " + Base64.getEncoder().encodeToString(("admin:" + OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8)), body == null ? null : "application/json", body == null ? null : toJson(body));
    }

    protected static String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }

    protected static String toJson(Object body) {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Asserts an error answer is problem+json with this status and code. */
    protected static JsonNode assertProblem(Answer a, int status, String code) {
        assertEquals("status of " + a.body(), status, a.status());
        assertTrue("problem+json content type, was " + a.contentType(),
                a.contentType() != null && a.contentType().startsWith("application/problem+json"));
        JsonNode p = a.json();
        assertEquals(code, p.path("code").asText());
        assertEquals(status, p.path("status").asInt());
        return p;
    }

    /** Waits until the platform answers health UP (the database and REST layer are ready). */
    protected void awaitPlatform() {
        // boot features may refresh bundles, the features service's among them: look it up again once boot is over
        service(BootFinished.class, 120);
        featuresService = service(FeaturesService.class);
        Set<String> moduleFeatures = new HashSet<>();
        try {
            for (Feature f : featuresService.listInstalledFeatures()) {
                if (f.getName().startsWith("clientele-") && !NOT_MODULES.contains(f.getName())) {
                    moduleFeatures.add(f.getName().substring("clientele-".length()));
                }
            }
        } catch (Exception e) {
            throw new AssertionError("cannot list the installed features", e);
        }
        await("health UP with modules " + moduleFeatures, 90, () -> {
            try {
                Answer a = call("GET", "/v1/health", null, null, null);
                if (a.status() != 200 || !a.body().contains("\"UP\"")) {
                    return false;
                }
                Set<String> listed = new HashSet<>();
                a.json().path("modules").forEach(m -> listed.add(m.asText()));
                return listed.containsAll(moduleFeatures);
            } catch (AssertionError e) {
                return false;
            }
        });
    }

    protected static void await(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        fail("timed out after " + seconds + " s waiting for " + what);
    }

    /** The ids of the integration providers the agency of {@code token} may use now, as listed. */
    protected List<String> providerIds(String token) {
        Answer a = get("/v1/integrations/providers", token);
        assertEquals(a.body(), 200, a.status());
        List<String> ids = new ArrayList<>();
        a.json().forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    // ---- webhooks: a local receiver, Standard Webhooks signatures, load on core endpoints

    /** A new Standard Webhooks secret: {@code whsec_} and the base64 of 32 random bytes. */
    protected static String newWebhookSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Standard Webhooks: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the secret after {@code whsec_}. */
    protected static String webhookSignature(String secret, String id, String timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A webhook receiver on 127.0.0.1 (a thread per request, so a reply held back does not hold up the next): every
     * request is logged with when it came and what it was answered; a {@link #script} decides each answer. Like a careful
     * receiver it processes each message once, deduplicating on its {@code webhook-id}: a message is processed when it is
     * first answered 2xx (before any delay of that answer, as a receiver that did the work but answered late), and
     * {@link #processed} lists the processed messages in the order they were processed.
     */
    public static final class WebhookReceiver implements AutoCloseable {

        /** One request as it arrived. */
        public record Message(String path, Map<String, List<String>> headers, String body, long receivedAtMillis) {
            public String header(String name) {
                List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
                return values == null || values.isEmpty() ? null : values.get(0);
            }

            public String id() {
                return header("webhook-id");
            }

            public JsonNode json() {
                try {
                    return JSON.readTree(body);
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + body, e);
                }
            }

            /** Whether one of the message's signatures verifies with {@code secret}. */
            public boolean signedWith(String secret) {
                String signatures = header("webhook-signature");
                return signatures != null && List.of(signatures.split(" "))
                        .contains(webhookSignature(secret, id(), header("webhook-timestamp"), body));
            }
        }

        /** An answer: a status, after {@code delayMillis}, with a {@code Retry-After} when not null. */
        public record Reply(int status, long delayMillis, String retryAfter) {
            public static Reply ok() {
                return new Reply(204, 0, null);
            }
        }

        /** A request, its answer and when the answer was sent (or would have been: the caller may have gone). */
        public record Exchange(Message message, Reply reply, long answeredAtMillis, boolean firstProcessing) {
        }

        private final com.sun.net.httpserver.HttpServer server;
        private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        private final List<Exchange> exchanges = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Message> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<String, Message> processed = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        private volatile java.util.function.Function<Message, Reply> script = m -> Reply.ok();

        public WebhookReceiver() {
            try {
                server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                Map<String, List<String>> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                Message message = new Message(exchange.getRequestURI().getPath(), headers,
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), System.currentTimeMillis());
                received.add(message);
                Reply reply;
                try {
                    reply = script.apply(message);
                } catch (RuntimeException e) {
                    reply = new Reply(599, 0, null);
                }
                boolean first = false;
                if (reply.status() >= 200 && reply.status() < 300) {
                    first = processed.putIfAbsent(message.path() + " " + message.id(), message) == null;
                }
                try {
                    if (reply.delayMillis() > 0) {
                        Thread.sleep(reply.delayMillis());
                    }
                    if (reply.retryAfter() != null) {
                        exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
                    }
                    long answeredAt = System.currentTimeMillis();
                    exchanges.add(new Exchange(message, reply, answeredAt, first));
                    exchange.sendResponseHeaders(reply.status(), -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException callerGone) {
                    // the sender stopped waiting
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        /** The URL of {@code path} on this receiver. */
        public String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        /** Decides the answers from now on. */
        public void script(java.util.function.Function<Message, Reply> script) {
            this.script = script;
        }

        /** Every request, in the order they came. */
        public List<Message> received() {
            return List.copyOf(received);
        }

        /** Every answered request, in the order answered. */
        public List<Exchange> exchanges() {
            return List.copyOf(exchanges);
        }

        /** The messages processed (first answered 2xx) on {@code path}, in the order processed. */
        public List<Message> processed(String path) {
            synchronized (processed) {
                return processed.values().stream().filter(m -> m.path().equals(path)).toList();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /**
     * Load on core endpoints for as long as it runs: threads listing customers ({@code GET /customers}) and creating them
     * ({@code POST /customers}) as an agency, each recording any answer that is not a success (or no answer) as a failure.
     */
    protected final class CoreLoad implements AutoCloseable {
        private final String token;
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();

        /** Starts {@code readers} threads doing GET and {@code writers} doing POST as the agency of {@code token}. */
        public CoreLoad(String token, int readers, int writers) {
            this.token = token;
            for (int i = 0; i < readers + writers; i++) {
                boolean writer = i >= readers;
                int n = i;
                Thread t = new Thread(() -> {
                    int made = 0;
                    while (running.get()) {
                        String what = writer ? "POST /v1/customers" : "GET /v1/customers?limit=20";
                        try {
                            Answer a = writer
                                    ? post("/v1/customers", this.token, Map.of("name", "Load " + n + "-" + made++, "companyName", "Load Ltd"))
                                    : get("/v1/customers?limit=20", this.token);
                            if (a.status() == (writer ? 201 : 200)) {
                                ok.incrementAndGet();
                            } else {
                                failures.add(what + " -> " + a.status() + " " + a.body());
                            }
                        } catch (AssertionError | RuntimeException e) {
                            failures.add(what + " -> " + e.getMessage());
                        }
                    }
                }, "core-load-" + i);
                threads.add(t);
                t.start();
            }
        }

        public int ok() {
            return ok.get();
        }

        public List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        /** Stops the threads, each after the request it is making. */
        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(35_000);
            }
        }
    }

    // ---- agencies and users

    /** Creates an agency through the operator endpoint; returns the admin's access token. */
    protected String createAgency(String slug, String... modules) {
        return createAgencyIn(null, slug, modules);
    }

    /** An agency in a language ({@code pt-BR}, {@code en}; null: the default, pt-BR); returns its ADMIN's access token. */
    protected String createAgencyIn(String locale, String slug, String... modules) {
        Map<String, Object> request = new HashMap<>(Map.of("name", "Agency " + slug, "slug", slug,
                "modules", List.of(modules),
                "admin", Map.of("name", "Admin of " + slug, "email", "admin@" + slug + ".test", "password", passwordOf(slug))));
        if (locale != null) {
            request.put("locale", locale);
        }
        Answer created = operator("POST", "/v1/platform/agencies", request);
        assertEquals(created.body(), 201, created.status());
        assertEquals(created.body(), locale == null ? "pt-BR" : locale, created.json().path("locale").asText());
        return login(slug, "admin@" + slug + ".test", passwordOf(slug));
    }

    protected static String passwordOf(String slug) {
        return "long enough passphrase for " + slug;
    }

    protected String login(String agency, String email, String password) {
        Answer a = post("/v1/auth/login", null, Map.of("agency", agency, "email", email, "password", password));
        // a test that guessed wrong passwords from this address on purpose waits out the throttle's lock (8 s at most)
        for (int tries = 0; a.status() == 429 && tries < 3; tries++) {
            try {
                Thread.sleep(Math.min(10, Long.parseLong(a.header("Retry-After"))) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            a = post("/v1/auth/login", null, Map.of("agency", agency, "email", email, "password", password));
        }
        assertEquals(a.body(), 200, a.status());
        return a.json().path("accessToken").asText();
    }

    // ---- shell

    protected String executeCommand(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, print, print);
        try {
            session.execute(command);
        } catch (Exception e) {
            throw new AssertionError("command failed: " + command + ": " + e.getMessage(), e);
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs a console command as a user with the role {@code admin}, as an operator logged in to the console: commands
     * such as {@code feature:install} are refused to a session without it. The role is Karaf's {@code RolePrincipal},
     * found by name (it lives in the runtime's boot class path).
     */
    protected String executeCommandAsAdmin(String command) {
        javax.security.auth.Subject operator = new javax.security.auth.Subject();
        try {
            operator.getPrincipals().add((java.security.Principal) Class.forName("org.apache.karaf.jaas.boot.principal.RolePrincipal")
                    .getConstructor(String.class).newInstance("admin"));
            return javax.security.auth.Subject.doAs(operator, (java.security.PrivilegedExceptionAction<String>) () -> executeCommand(command));
        } catch (java.security.PrivilegedActionException e) {
            throw new AssertionError("command failed: " + command + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no Karaf RolePrincipal", e);
        }
    }

    protected <T> T service(Class<T> type) {
        return service(type, 30);
    }

    private <T> T service(Class<T> type, int seconds) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(TimeUnit.SECONDS.toMillis(seconds));
            if (s == null) {
                throw new AssertionError("no " + type.getName() + " service");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
