package io.clientele.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/** A customer's legal entities, comments with mentions and attachments, and postal-code lookup, through HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CustomerDetailsIT extends ClienteleTestSupport {

    private static final String VALID_CNPJ = "11.222.333/0001-81";
    private static final int MAX_ATTACHMENT = 256 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    @Configuration
    public Option[] config() {
        // a small attachment limit (the shipped default is 10 MB) exercises the typed configuration and keeps the test quick
        return baseOptions(editConfigurationFilePut("etc/io.clientele.attachments.cfg", "maxBytes", Integer.toString(MAX_ATTACHMENT)))
                .toArray(new Option[0]);
    }

    private String user(String admin, String agency, String name, String role) {
        Answer a = post("/v1/users", admin, Map.of("name", name, "email", name.toLowerCase().replace(" ", ".") + "@" + agency + ".test",
                "roles", List.of(role), "password", "passphrase of " + name));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String loginAs(String agency, String name) {
        return login(agency, name.toLowerCase().replace(" ", ".") + "@" + agency + ".test", "passphrase of " + name);
    }

    private String customer(String token, Map<String, Object> fields) {
        Answer a = post("/v1/customers", token, fields);
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private List<String> historyEntities(String token, String customerId) {
        return get("/v1/customers/" + customerId + "/history", token).json().path("items").findValuesAsText("entity");
    }

    @Test
    public void legalEntitiesAreValidatedVersionedRecordedAndIsolated() {
        String admin = createAgency("entities");
        String customerId = customer(admin, Map.of("name", "Holding", "companyName", "Holding SA"));
        String base = "/v1/customers/" + customerId + "/legal-entities";

        JsonNode bad = assertProblem(post(base, admin, Map.of("name", " ", "taxId", "11.222.333/0001-82",
                "address", Map.of("country", "BR"))), 400, "validation_failed");
        List<String> fields = bad.path("errors").findValuesAsText("field");
        assertTrue(fields.toString(), fields.containsAll(List.of("name", "taxId")));
        assertProblem(post(base, admin, Map.of("name", "Pessoa", "taxId", "529.982.247-24", "address", Map.of("country", "BR"))),
                400, "validation_failed");

        Answer created = post(base, admin, Map.of("name", "Holding Brasil Ltda", "taxId", VALID_CNPJ,
                "address", Map.of("postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo",
                        "state", "SP", "country", "br")));
        assertEquals(created.body(), 201, created.status());
        assertEquals("\"0\"", created.header("ETag"));
        String id = created.json().path("id").asText();
        assertEquals("BR", created.json().path("address").path("country").asText());
        assertEquals(customerId, created.json().path("customerId").asText());
        assertEquals(201, post(base, admin, Map.of("name", "Abroad GmbH", "taxId", "DE123456789",
                "address", Map.of("country", "DE"))).status());
        assertEquals(List.of("Abroad GmbH", "Holding Brasil Ltda"),
                get(base, admin).json().path("items").findValuesAsText("name"));

        Answer patched = call("PATCH", "/v1/legal-entities/" + id, bearer(admin), "application/json",
                "{\"name\":\"Holding do Brasil Ltda\",\"address\":{\"number\":\"2\"}}", "If-Match", "\"0\"");
        assertEquals(patched.body(), 200, patched.status());
        assertEquals("\"1\"", patched.header("ETag"));
        assertEquals("2", patched.json().path("address").path("number").asText());
        assertEquals("São Paulo", patched.json().path("address").path("city").asText());
        assertProblem(call("PATCH", "/v1/legal-entities/" + id, bearer(admin), "application/json", "{\"name\":\"Stale\"}",
                "If-Match", "\"0\""), 412, "precondition_failed");
        assertProblem(call("PATCH", "/v1/legal-entities/" + id, bearer(admin), "application/json", "{\"taxId\":\"123\"}"),
                400, "validation_failed");
        assertProblem(call("DELETE", "/v1/legal-entities/" + id, bearer(admin), null, null, "If-Match", "\"0\""),
                412, "precondition_failed");

        JsonNode history = get("/v1/customers/" + customerId + "/history", admin).json().path("items");
        JsonNode update = null;
        for (JsonNode entry : history) {
            if ("legal-entity".equals(entry.path("entity").asText()) && "UPDATED".equals(entry.path("action").asText())) {
                update = entry;
            }
        }
        assertTrue(history.toString(), update != null);
        assertEquals(id, update.path("entityId").asText());
        List<String> changed = update.path("changes").findValuesAsText("field");
        assertTrue(changed.toString(), changed.containsAll(List.of("name", "address.number")) && changed.size() == 2);

        // another agency sees none of it
        String other = createAgency("entities-other");
        assertProblem(get(base, other), 404, "not_found");
        assertProblem(get("/v1/legal-entities/" + id, other), 404, "not_found");
        assertProblem(call("PATCH", "/v1/legal-entities/" + id, bearer(other), "application/json", "{\"name\":\"Mine\"}"),
                404, "not_found");
        assertProblem(call("DELETE", "/v1/legal-entities/" + id, bearer(other), null, null), 404, "not_found");
        assertProblem(post(base, other, Map.of("name", "Intruder")), 404, "not_found");

        Answer deleted = call("DELETE", "/v1/legal-entities/" + id, bearer(admin), null, null, "If-Match", "\"1\"");
        assertEquals(deleted.body(), 204, deleted.status());
        assertProblem(get("/v1/legal-entities/" + id, admin), 404, "not_found");
        assertEquals(List.of("Abroad GmbH"), get(base, admin).json().path("items").findValuesAsText("name"));
        assertTrue(historyEntities(admin, customerId).contains("legal-entity"));
    }

    @Test
    public void commentsNotifyMentionedUsersAndFollowTheCustomersVisibility() {
        String admin = createAgency("comments");
        String samId = user(admin, "comments", "Sam", "SERVICE");
        String olgaId = user(admin, "comments", "Olga", "SERVICE");
        String brunoId = user(admin, "comments", "Bruno Lima", "SERVICE");
        String open = customer(admin, Map.of("name", "Open Client", "companyName", "Open Ltd"));
        String secret = customer(admin, Map.of("name", "Secret Client", "companyName", "Secret Ltd", "restricted", true,
                "serviceManagerId", samId));

        JsonNode bad = assertProblem(post("/v1/customers/" + open + "/comments", admin,
                Map.of("body", "hello", "mentionedUserIds", List.of(samId, "00000000-0000-0000-0000-000000000000"))),
                400, "validation_failed");
        assertEquals("mentionedUserIds[1]", bad.path("errors").get(0).path("field").asText());
        assertProblem(post("/v1/customers/" + open + "/comments", admin, "{\"body\":\"x\",\"mentionedUserIds\":[null]}"),
                400, "validation_failed");
        assertProblem(post("/v1/customers/" + open + "/comments", admin, Map.of("body", " ")), 400, "validation_failed");

        Answer first = post("/v1/customers/" + open + "/comments", admin,
                Map.of("body", "Kick-off went well, @bruno lima please send the minutes", "mentionedUserIds", List.of(samId)));
        assertEquals(first.body(), 201, first.status());
        List<String> mentioned = JSON.convertValue(first.json().path("mentionedUserIds"), List.class);
        assertEquals(List.of(samId, brunoId), mentioned);
        Answer second = post("/v1/customers/" + open + "/comments", admin, Map.of("body", "Second thought"));
        assertEquals(201, second.status());

        JsonNode page = get("/v1/customers/" + open + "/comments?limit=1", admin).json();
        assertEquals("Second thought", page.path("items").get(0).path("body").asText());
        JsonNode next = get("/v1/customers/" + open + "/comments?limit=1&cursor=" + page.path("nextCursor").asText(), admin).json();
        assertEquals(first.json().path("id").asText(), next.path("items").get(0).path("id").asText());
        assertProblem(get("/v1/customers/" + open + "/comments?cursor=garbage", admin), 400, "validation_failed");

        // the mentioned users (by id and by @Name) see a notification; one who was not mentioned does not
        JsonNode samNotes = get("/v1/notifications", loginAs("comments", "Sam")).json().path("items");
        assertEquals(samNotes.toString(), 1, samNotes.size());
        assertEquals("comment_mention", samNotes.get(0).path("kind").asText());
        assertTrue(samNotes.get(0).path("title").asText().contains("Open Client"));
        assertEquals(1, get("/v1/notifications", loginAs("comments", "Bruno Lima")).json().path("items").size());
        assertEquals(0, get("/v1/notifications", loginAs("comments", "Olga")).json().path("items").size());
        assertTrue(historyEntities(admin, open).contains("comment"));

        // a restricted customer's comments are invisible to Olga, and she cannot be mentioned on it
        assertEquals(201, post("/v1/customers/" + secret + "/comments", admin, Map.of("body", "confidential")).status());
        String olga = loginAs("comments", "Olga");
        assertProblem(get("/v1/customers/" + secret + "/comments", olga), 404, "not_found");
        assertProblem(post("/v1/customers/" + secret + "/comments", olga, Map.of("body", "peek")), 404, "not_found");
        JsonNode cannotSee = assertProblem(post("/v1/customers/" + secret + "/comments", admin,
                Map.of("body", "fyi", "mentionedUserIds", List.of(olgaId))), 400, "validation_failed");
        assertEquals("mentionedUserIds[0]", cannotSee.path("errors").get(0).path("field").asText());
        assertEquals(1, get("/v1/customers/" + secret + "/comments", loginAs("comments", "Sam")).json().path("items").size());
        // another agency: 404
        assertProblem(get("/v1/customers/" + open + "/comments", createAgency("comments-other")), 404, "not_found");
    }

    @Test
    public void attachmentsAreCheckedByContentAndDownloadedOnlyByThoseWhoSeeTheCustomer() throws IOException {
        String admin = createAgency("files");
        user(admin, "files", "Olga", "SERVICE");
        String secret = customer(admin, Map.of("name", "Secret", "companyName", "Secret Ltd", "restricted", true));
        Answer comment = post("/v1/customers/" + secret + "/comments", admin, Map.of("body", "the signed contract"));
        String commentId = comment.json().path("id").asText();

        HttpResponse<byte[]> uploaded = upload(admin, commentId, "logo \"final\".png", "image/png", PNG);
        assertEquals(new String(uploaded.body(), StandardCharsets.UTF_8), 201, uploaded.statusCode());
        JsonNode attachment = JSON.readTree(uploaded.body());
        assertEquals("image/png", attachment.path("contentType").asText());
        assertEquals(PNG.length, attachment.path("size").asInt());
        String attachmentId = attachment.path("id").asText();

        HttpResponse<byte[]> download = download(admin, attachmentId);
        assertEquals(200, download.statusCode());
        assertArrayEquals(PNG, download.body());
        assertEquals("image/png", download.headers().firstValue("Content-Type").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse(""),
                download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"logo _final_.png\""));
        JsonNode listed = get("/v1/customers/" + secret + "/comments", admin).json().path("items").get(0).path("attachments");
        assertEquals(attachmentId, listed.get(0).path("id").asText());
        assertTrue(historyEntities(admin, secret).contains("attachment"));

        // text is accepted, and served as text
        byte[] text = "Olá — notes".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> textUpload = upload(admin, commentId, "notes.txt", "text/plain", text);
        assertEquals(201, textUpload.statusCode());
        HttpResponse<byte[]> textDownload = download(admin, JSON.readTree(textUpload.body()).path("id").asText());
        assertArrayEquals(text, textDownload.body());
        assertTrue(textDownload.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

        // too large, executable content, and a PNG that claims to be a PDF
        assertProblem(answer(upload(admin, commentId, "big.png", "image/png", padded(PNG, MAX_ATTACHMENT + 1))), 413, "payload_too_large");
        assertProblem(answer(upload(admin, commentId, "tool.exe", "application/octet-stream",
                new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0})), 415, "unsupported_media_type");
        assertProblem(answer(upload(admin, commentId, "fake.pdf", "application/pdf", PNG)), 415, "unsupported_media_type");

        // those who cannot see the customer (restricted, or another agency) get 404 for download and upload
        String olga = loginAs("files", "Olga");
        assertProblem(answer(download(olga, attachmentId)), 404, "not_found");
        assertProblem(answer(upload(olga, commentId, "x.png", "image/png", PNG)), 404, "not_found");
        String other = createAgency("files-other");
        assertProblem(answer(download(other, attachmentId)), 404, "not_found");
        assertProblem(answer(upload(other, commentId, "x.png", "image/png", PNG)), 404, "not_found");
    }

    @Test
    public void postalCodesAreLookedUpThroughTheConfiguredViaCep() throws Exception {
        String admin = createAgency("postal");
        HttpServer viaCep = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        viaCep.createContext("/ws/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = path.equals("/ws/01001000/json/")
                    ? "{\"cep\":\"01001-000\",\"logradouro\":\"Praça da Sé\",\"complemento\":\"lado ímpar\",\"bairro\":\"Sé\","
                    + "\"localidade\":\"São Paulo\",\"uf\":\"SP\",\"ibge\":\"3550308\",\"ddd\":\"11\"}"
                    : "{\"erro\": true}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        viaCep.start();
        try {
            ConfigurationAdmin configAdmin = service(ConfigurationAdmin.class);
            org.osgi.service.cm.Configuration config = configAdmin.getConfiguration("io.clientele.postalcode", null);
            Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
            properties.put("baseUrl", "http://127.0.0.1:" + viaCep.getAddress().getPort());
            properties.put("readTimeoutMillis", 2000);
            config.update(properties);

            await("the lookup to use the fake ViaCEP", 30, () -> get("/v1/postal-codes/01001-000?country=BR", admin).status() == 200);
            JsonNode found = get("/v1/postal-codes/01001000?country=BR", admin).json();
            assertEquals("01001-000", found.path("postalCode").asText());
            assertEquals("Praça da Sé", found.path("street").asText());
            assertEquals("Sé", found.path("district").asText());
            assertEquals("São Paulo", found.path("city").asText());
            assertEquals("SP", found.path("state").asText());
            assertEquals("BR", found.path("country").asText());

            assertProblem(get("/v1/postal-codes/99999-999?country=BR", admin), 404, "not_found");
            JsonNode malformed = assertProblem(get("/v1/postal-codes/123?country=BR", admin), 400, "validation_failed");
            assertEquals("code", malformed.path("errors").get(0).path("field").asText());
            JsonNode country = assertProblem(get("/v1/postal-codes/1000-001?country=PT", admin), 400, "validation_failed");
            assertEquals("country", country.path("errors").get(0).path("field").asText());
        } finally {
            viaCep.stop(0);
        }
        assertProblem(get("/v1/postal-codes/20040-002?country=BR", admin), 503, "service_unavailable");
        // what was looked up before is still answered from the cache
        assertEquals(200, get("/v1/postal-codes/01001-000?country=BR", admin).status());
    }

    // ---- multipart helpers

    private static byte[] padded(byte[] prefix, int size) {
        byte[] out = new byte[size];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        return out;
    }

    private HttpResponse<byte[]> upload(String token, String commentId, String fileName, String contentType, byte[] content) {
        String boundary = "----clientele-test-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName.replace("\"", "\\\"") + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/comments/" + commentId + "/attachments"))
                .header("Authorization", bearer(token)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private HttpResponse<byte[]> download(String token, String attachmentId) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/attachments/" + attachmentId))
                .header("Authorization", bearer(token)).GET().build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Answer answer(HttpResponse<byte[]> r) {
        return new Answer(r.statusCode(), new HashMap<>(r.headers().map()), new String(r.body(), StandardCharsets.UTF_8));
    }
}
