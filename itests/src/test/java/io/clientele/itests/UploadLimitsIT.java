package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Uploads (customer import, comment attachment, signed contract) with the default limits (20 MB, 10 MB, 10 MB) are
 * streamed to temporary files and refused the moment they pass their limit: an announced length over it is answered
 * 413 at once, before anything is read; a chunked upload is cut off at the limit; nothing is left on disk; and a node
 * takes only its configured number of uploads at once (here 2), answering one more 503 with Retry-After at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UploadLimitsIT extends ClienteleTestSupport {

    private static final String BOUNDARY = "----clientele-upload-limits";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final long MB = 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(editConfigurationFilePut("etc/io.clientele.upload.cfg", "maxConcurrentUploads", "2"),
                editConfigurationFilePut("etc/io.clientele.upload.cfg", "retryAfterSeconds", "3"))
                .toArray(new Option[0]);
    }

    // ---- helpers

    private String port() {
        return bundleContext.getProperty(HTTP_PORT_PROPERTY);
    }

    private Path uploadFolder() {
        return Path.of(bundleContext.getProperty("karaf.data"), "tmp", "uploads");
    }

    private long filesInUploadFolder() {
        try (Stream<Path> files = Files.list(uploadFolder())) {
            return files.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] multipartHead(String fileName, String contentType) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multipart(String fileName, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(multipartHead(fileName, contentType));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private String comment(String admin) {
        Answer customer = post("/v1/customers", admin, Map.of("name", "Uploader", "companyName", "Uploader Ltd"));
        assertEquals(customer.body(), 201, customer.status());
        Answer comment = post("/v1/customers/" + customer.json().path("id").asText() + "/comments", admin, Map.of("body", "files"));
        assertEquals(comment.body(), 201, comment.status());
        return comment.json().path("id").asText();
    }

    private String fee(String admin) {
        Answer customer = post("/v1/customers", admin, Map.of("name", "Contract", "companyName", "Contract Ltd"));
        assertEquals(customer.body(), 201, customer.status());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customer.json().path("id").asText());
        body.put("description", "Retainer");
        body.put("amount", "100.00");
        body.put("currency", "BRL");
        body.put("startDate", "2026-01-01");
        body.put("endDate", "2026-03-31");
        body.put("paymentDay", 10);
        body.put("paymentMethod", "PIX");
        Answer fee = post("/v1/monthly-fees", admin, body);
        assertEquals(fee.body(), 201, fee.status());
        return fee.json().path("id").asText();
    }

    /** An upload endpoint: its path, Content-Type and the first bytes of a valid body (the file's start). */
    private record Endpoint(String path, String contentType, byte[] start) {
    }

    private List<Endpoint> endpoints(String admin) {
        String multipart = "multipart/form-data; boundary=" + BOUNDARY;
        return List.of(new Endpoint("/v1/customers/import", multipart, multipartHead("big.csv", "text/csv")),
                new Endpoint("/v1/comments/" + comment(admin) + "/attachments", multipart, multipartHead("big.png", "image/png")),
                new Endpoint("/v1/monthly-fees/" + fee(admin) + "/document", "application/pdf",
                        "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)));
    }

    // ---- tests

    @Test
    public void anUploadAnnouncingFarMoreThanItsLimitIsRefusedAtOnceWithoutBeingRead() {
        String admin = createAgency("announced", "monthly-fee");
        for (Endpoint endpoint : endpoints(admin)) {
            // 300 MB announced, 8 KB sent: the answer cannot wait for the rest
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            sent.writeBytes(endpoint.start());
            sent.writeBytes("a".repeat(8192).getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            Answer a = raw(method(endpoint), endpoint.path(), List.of("Authorization: " + bearer(admin),
                    "Content-Type: " + endpoint.contentType(), "Content-Length: " + 300 * MB), sent.toByteArray());
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("UploadLimitsIT: " + endpoint.path() + " announcing 300 MB answered " + a.status() + " in " + millis + " ms");
            assertProblem(a, 413, "payload_too_large");
            assertTrue(endpoint.path() + " answered after " + millis + " ms", millis < 5_000);
        }
        assertEquals(0, filesInUploadFolder());
    }

    private static String method(Endpoint endpoint) {
        return endpoint.path().endsWith("/document") ? "PUT" : "POST";
    }

    @Test
    public void aChunkedUploadOverItsLimitIsCutOffAtTheLimitAndLeavesNothingOnDisk() throws Exception {
        String admin = createAgency("chunked", "monthly-fee");
        for (Endpoint endpoint : endpoints(admin)) {
            long limit = endpoint.path().endsWith("/import") ? 20 * MB : 10 * MB;
            // 30 MB (import) or 15 MB, without Content-Length: only counting while streaming can refuse it
            long size = endpoint.path().endsWith("/import") ? 30 * MB : 15 * MB;
            long[] supplied = new long[1];
            InputStream generated = new InputStream() {
                private final byte[] start = endpoint.start();

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (supplied[0] >= size) {
                        return -1;
                    }
                    int n = (int) Math.min(len, size - supplied[0]);
                    for (int i = 0; i < n; i++) {
                        long at = supplied[0] + i;
                        b[off + i] = at < start.length ? start[(int) at] : (byte) 'a';
                    }
                    supplied[0] += n;
                    return n;
                }
            };
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + endpoint.path())).timeout(Duration.ofSeconds(60))
                    .header("Authorization", bearer(admin)).header("Content-Type", endpoint.contentType())
                    .method(method(endpoint), HttpRequest.BodyPublishers.ofInputStream(() -> generated)).build();
            long started = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            System.out.println("UploadLimitsIT: " + endpoint.path() + " chunked " + size / MB + " MB against " + limit / MB + " MB: "
                    + r.statusCode() + " after " + (System.nanoTime() - started) / 1_000_000 + " ms, " + supplied[0] / MB + " MB supplied");
            assertProblem(new Answer(r.statusCode(), r.headers().map(), r.body()), 413, "payload_too_large");
        }
        await("the refused uploads' temporary files to be gone", 10, () -> filesInUploadFolder() == 0);
        // an upload within the limit still works, and its file is gone once answered
        Answer ok = upload("/v1/customers/import?dryRun=true", admin, "ok.csv", "name;companyName\nAna;Ana Ltda\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(ok.body(), 200, ok.status());
        assertEquals(0, filesInUploadFolder());
    }

    @Test
    public void aNodeReceivesOnlyItsConfiguredNumberOfUploadsAtOnceAndAnswersOneMore503AtOnce() throws Exception {
        String admin = createAgency("crowded");
        String commentId = comment(admin);
        String path = "/api/v1/comments/" + commentId + "/attachments";
        List<Socket> slow = new ArrayList<>();
        try {
            // two clients start 1 MB uploads and stall after 1 KB: each holds one of the node's two upload slots
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket("127.0.0.1", Integer.parseInt(port()));
                slow.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer(admin)
                        + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + MB + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(multipartHead("slow.png", "image/png"));
                out.write(new byte[1024]);
                out.flush();
            }
            await("both stalled uploads to be receiving", 20, () -> filesInUploadFolder() == 2);

            long started = System.nanoTime();
            Answer third = raw("POST", "/v1/comments/" + commentId + "/attachments", List.of("Authorization: " + bearer(admin),
                    "Content-Type: multipart/form-data; boundary=" + BOUNDARY), multipart("logo.png", "image/png", PNG));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertProblem(third, 503, "service_unavailable");
            assertEquals("3", third.header("Retry-After"));
            assertTrue("answered after " + millis + " ms", millis < 5_000);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        // the stalled clients went away: their slots and files are freed, and the next upload is taken
        await("the abandoned uploads' files to be removed", 30, () -> filesInUploadFolder() == 0);
        Answer[] next = new Answer[1];
        await("an upload slot to be free again", 30, () -> {
            next[0] = raw("POST", "/v1/comments/" + commentId + "/attachments", List.of("Authorization: " + bearer(admin),
                    "Content-Type: multipart/form-data; boundary=" + BOUNDARY), multipart("logo.png", "image/png", PNG));
            return next[0].status() != 503;
        });
        assertEquals(next[0].body(), 201, next[0].status());
        assertNotNull(next[0].json().path("id").asText(null));
        assertEquals(0, filesInUploadFolder());
    }
}
