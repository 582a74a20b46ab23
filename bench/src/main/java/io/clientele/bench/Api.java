package io.clientele.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** The platform's REST API as a client in the benchmark's own process sees it. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "http");
                t.setDaemon(true);
                return t;
            })).build();
    final String base;
    String token;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port + "/api";
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static HttpRequest.BodyPublisher json(Object body) throws IOException {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    }

    /** The health document, or null while nothing answers or it is not UP. */
    JsonNode healthUp() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/health")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            JsonNode n = JSON.readTree(r.body());
            return "UP".equals(n.path("status").asText()) ? n : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Creates an agency as the operator and logs its admin in; returns the agency id. */
    String createAgencyAndLogin(String operatorPassword, String slug) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("admin:" + operatorPassword).getBytes(StandardCharsets.UTF_8));
        String password = "bench passphrase of the admin 7Qz";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/platform/agencies"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(json(Map.of("name", "Bench " + slug, "slug", slug, "modules", List.of("budget", "monthly-fee"),
                        "admin", Map.of("name", "Bench Admin", "email", "admin@" + slug + ".test", "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("creating the agency answered " + created.statusCode() + ": " + created.body());
        }
        String agencyId = JSON.readTree(created.body()).path("id").asText();
        login(slug, password);
        return agencyId;
    }

    void login(String slug, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(json(Map.of("agency", slug, "email", "admin@" + slug + ".test", "password", password)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("login answered " + r.statusCode() + ": " + r.body());
        }
        token = JSON.readTree(r.body()).path("accessToken").asText();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> getStream(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> postJson(String path, Object body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json").POST(json(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs the file as the multipart part {@code file}. */
    HttpResponse<String> postFile(String path, Path file, String contentType) throws IOException, InterruptedException {
        String boundary = "bench" + Long.toHexString(System.nanoTime());
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
        return http.send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static long size(Path p) throws IOException {
        return Files.size(p);
    }
}
