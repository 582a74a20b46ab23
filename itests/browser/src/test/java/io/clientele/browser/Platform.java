package io.clientele.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built distribution, unpacked into a fresh folder under {@code target/}, started with {@code bin/start} on free
 * ports with its mail pointed at a test SMTP port, and stopped with {@code bin/stop}: the platform exactly as an
 * operator runs it. Also the HTTP client for the staff side of the tests.
 */
final class Platform implements AutoCloseable {

    static final String OPERATOR_PASSWORD = "operator secret for the browser tests";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final int httpPort;
    final int sshPort;
    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Platform(Path home, int httpPort, int sshPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
    }

    static Platform start(int smtpPort) throws IOException, InterruptedException {
        return start(smtpPort, Map.of());
    }

    /** As {@link #start(int)}, with more environment variables for {@code bin/start} (e.g. the Stripe gateway's). */
    static Platform start(int smtpPort, Map<String, String> moreEnv) throws IOException, InterruptedException {
        Path distribution = Path.of(System.getProperty("clientele.distribution"));
        Path work = Path.of(System.getProperty("project.build.directory", "target"), "browser-runtime-" + System.currentTimeMillis());
        Files.createDirectories(work);
        run(work, Map.of(), "tar", "xzf", distribution.toString(), "-C", work.toString());
        Path home;
        try (Stream<Path> children = Files.list(work)) {
            home = children.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Platform p = new Platform(home, freePort(), freePort());
        p.setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        p.setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
        p.env.put("CLIENTELE_HTTP_PORT", Integer.toString(p.httpPort));
        p.env.put("ORG_APACHE_KARAF_SHELL_SSHPORT", Integer.toString(p.sshPort));
        p.env.put("CLIENTELE_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
        p.env.put("CLIENTELE_SMTP_HOST", "127.0.0.1");
        p.env.put("CLIENTELE_SMTP_PORT", Integer.toString(smtpPort));
        p.env.put("CLIENTELE_MAIL_RETRY_BASE_SECONDS", "1");
        p.env.put("CLIENTELE_MAIL_RETRY_MAX_SECONDS", "2");
        p.env.put("CLIENTELE_PUBLIC_BASE_URL", p.origin());
        p.env.putAll(moreEnv);
        run(home, p.env, home.resolve("bin/start").toString());
        p.awaitHealth();
        return p;
    }

    String origin() {
        return "http://localhost:" + httpPort;
    }

    private void setProperty(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + key + "\\s*=.*")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(path, lines);
    }

    private void awaitHealth() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        String last = "";
        while (System.nanoTime() < until) {
            try {
                Answer a = call("GET", "/api/v1/health", null, null);
                last = a.body();
                if (a.status() == 200 && a.json().path("status").asText().equals("UP") && a.json().path("modules").toString().contains("ijob")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the platform did not come up in 240 s: " + last);
    }

    /** Runs a Karaf console command through bin/client in batch mode (the command on its standard input), as the operator. */
    String console(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort), "-u", "admin",
                "-p", OPERATOR_PASSWORD, "-r", "5", "-d", "2", "-b").directory(home.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("bin/client " + command + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(home, env, home.resolve("bin/stop").toString());
    }

    private static String run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- HTTP

    record Answer(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        List<String> all(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).flatMap(e -> e.getValue().stream()).toList();
        }

        String header(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    Answer call(String method, String path, String token, Object body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", token.startsWith("Basic ") ? token : "Bearer " + token);
        }
        String text = null;
        if (body != null) {
            try {
                text = body instanceof String s ? s : JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer ok(Answer a, int status) {
        if (a.status() != status) {
            throw new AssertionError("expected " + status + ", got " + a.status() + ": " + a.body());
        }
        return a;
    }

    String operatorAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates an agency subscribed to {@code modules}; returns its ADMIN's access token. */
    String agency(String slug, String locale, String... modules) {
        ok(call("POST", "/api/v1/platform/agencies", operatorAuth(), Map.of("name", "Agency " + slug, "slug", slug, "locale", locale,
                "modules", List.of(modules), "admin", Map.of("name", "Admin", "email", "admin@" + slug + ".test",
                        "password", "long enough passphrase for " + slug))), 201);
        return ok(call("POST", "/api/v1/auth/login", null, Map.of("agency", slug, "email", "admin@" + slug + ".test",
                "password", "long enough passphrase for " + slug)), 200).json().path("accessToken").asText();
    }
}
