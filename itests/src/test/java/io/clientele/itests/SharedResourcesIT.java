package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Shared resources under pressure (issue 17 item 8), with the shipped pool of 16 connections: exports read slowly by
 * their clients do not hold database connections, and a 100,000-row import in one agency does not lock another agency
 * out of its customers (Derby's lock escalation). The figures are printed (failsafe's output file of this class).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SharedResourcesIT extends ClienteleTestSupport {

    private static final int SLOW_EXPORTS = 20;

    @Test
    public void exportsReadSlowlyDoNotHoldTheDatabaseConnections() throws Exception {
        String admin = createAgency("slowexports");
        // 3,000 customers with a 3,000-character profile: an export of 9 MB, more than the kernel's socket buffers hold,
        // so a client that does not read keeps the server's writer waiting; fewer than 20,000 rows, so the export walks
        // the sort index (no sorting through temporary files)
        StringBuilder csv = new StringBuilder("Name,Company name,Profile\r\n");
        String profile = "p".repeat(3_000);
        for (int i = 0; i < 3_000; i++) {
            csv.append(String.format("Slow %05d,Slow Ltda %05d,%s\r\n", i, i, profile));
        }
        Answer imported = upload("/v1/customers/import", admin, "slow.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(imported.body(), 200, imported.status());

        String port = bundleContext.getProperty(HTTP_PORT_PROPERTY);
        List<Socket> sockets = new ArrayList<>();
        AtomicBoolean trickle = new AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_EXPORTS; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096); // a small window: the server can push little before it must wait for us
                s.connect(new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 5_000);
                s.setSoTimeout(120_000);
                OutputStream out = s.getOutputStream();
                out.write(("GET /api/v1/customers/export?format=csv&columns=name,profile HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nAuthorization: Bearer " + admin + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                sockets.add(s);
                // a client reading a few bytes a second
                Thread reader = new Thread(() -> {
                    byte[] few = new byte[8];
                    try {
                        InputStream in = s.getInputStream();
                        while (trickle.get() && in.read(few) >= 0) {
                            Thread.sleep(1_000);
                        }
                    } catch (IOException | InterruptedException e) {
                        // ends with the test
                    }
                }, "slow-reader-" + i);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            // while the 20 exports trickle out, everyone else is served as usual
            List<Long> millis = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                timed(millis, failures, "list", 200, () -> get("/v1/customers?limit=5", admin));
                Thread.sleep(500);
            }
            long max = max(millis);
            System.out.printf("SharedResourcesIT: %d exports of 9 MB read at 8 bytes/s; %d lists meanwhile: %s; failures: %s%n",
                    SLOW_EXPORTS, millis.size(), stats(millis), failures);
            assertTrue("every list answered while " + SLOW_EXPORTS + " exports trickle: " + failures, failures.isEmpty());
            assertTrue("lists answered within 2 s while exports trickle (max " + max + " ms)", max < 2_000);
            // the exports themselves are intact: read one to its end
            trickle.set(false);
            for (Thread r : readers) {
                r.join(5_000);
            }
            Socket first = sockets.get(0);
            byte[] rest = first.getInputStream().readAllBytes();
            String tail = new String(rest, StandardCharsets.UTF_8);
            assertTrue("the export ends with the last customer", tail.contains("Slow 02999"));
        } finally {
            trickle.set(false);
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    public void anotherAgencyIsServedWhileA100000RowImportRuns() throws Exception {
        String bulk = createAgency("bulkimport");
        String busy = createAgency("busyagency");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Answer c = post("/v1/customers", busy, Map.of("name", "Busy " + i, "companyName", "Busy Ltda " + i));
            assertEquals(c.body(), 201, c.status());
            ids.add(c.json().path("id").asText());
        }
        StringBuilder csv = new StringBuilder("Name,Company name,E-mail\r\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append("Bulk ").append(i).append(",Bulk Ltda ").append(i).append(",bulk").append(i).append("@bulk.test\r\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        CompletableFuture<Answer> importing = CompletableFuture.supplyAsync(() -> upload("/v1/customers/import", bulk, "bulk.csv", file));

        // agency A's own list meets the import's uncommitted rows: it waits for their locks, and when Derby's lock wait
        // runs out it is a 503 with Retry-After, never a 500
        Thread.sleep(3_000);
        long[] ownMillis = new long[1];
        CompletableFuture<Answer> ownList = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            try {
                // waited for as long as it takes (the usual client gives up after 30 s): what matters is how it ends
                java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(baseUrl() + "/v1/customers?limit=20")).timeout(java.time.Duration.ofMinutes(5))
                        .header("Authorization", bearer(bulk)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                ownMillis[0] = since(t0);
                return new Answer(r.statusCode(), r.headers().map(), r.body());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        List<Long> lists = new ArrayList<>();
        List<Long> creates = new ArrayList<>();
        List<Long> patches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int n = 0;
        while (!importing.isDone()) {
            String name = "During " + n;
            timed(lists, failures, "list", 200, () -> get("/v1/customers?limit=20", busy));
            timed(creates, failures, "create", 201, () -> post("/v1/customers", busy, Map.of("name", name, "companyName", name + " Ltda")));
            String phone = "{\"phone\":\"55119" + String.format("%08d", n) + "\"}";
            String id = ids.get(n % ids.size());
            timed(patches, failures, "patch", 200, () -> call("PATCH", "/v1/customers/" + id, bearer(busy), "application/json", phone));
            n++;
            Thread.sleep(200);
        }
        Answer done = importing.get();
        Answer own = ownList.get();
        System.out.printf("SharedResourcesIT: agency A's own list during its import: %d after %d ms (Retry-After %s)%n",
                own.status(), ownMillis[0], own.header("Retry-After"));
        if (own.status() != 200) {
            assertProblem(own, 503, "service_unavailable");
            assertTrue("503 tells when to retry", own.header("Retry-After") != null);
        }
        long importSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(done.body(), 200, done.status());
        assertEquals(100_000, done.json().path("created").asInt());
        // each row the import's one transaction inserted is a row lock it held until its commit (what Derby would escalate)
        long rowLocks = service(Database.class).inTransaction(c -> Jdbc.count(c,
                "SELECT (SELECT COUNT(*) FROM customer WHERE agency_id = a.id) + (SELECT COUNT(*) FROM customer_search_term WHERE agency_id = a.id)"
                        + " + (SELECT COUNT(*) FROM platform_history WHERE agency_id = a.id) FROM platform_agency a WHERE a.slug = ?", "bulkimport"));
        System.out.printf("SharedResourcesIT: 100,000-row import in agency A took %d s, inserting %d rows (row locks held until its "
                + "commit); agency B meanwhile (%d rounds): list %s, create %s, patch %s; failures: %s%n", importSeconds, rowLocks, n,
                stats(lists), stats(creates), stats(patches), failures);
        assertTrue("agency B was served during A's import: " + failures, failures.isEmpty());
        assertTrue("agency B made progress during the import", n >= 3);
        long worst = Math.max(max(lists), Math.max(max(creates), max(patches)));
        assertTrue("no request of agency B waited for A's import (worst " + worst + " ms)", worst < 5_000);
    }

    private static long since(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** Runs a request, adds its time to {@code ms}; a wrong status or no answer within 30 s is recorded as a failure. */
    private static void timed(List<Long> ms, List<String> failures, String what, int expected, java.util.function.Supplier<Answer> request) {
        long t0 = System.nanoTime();
        try {
            Answer a = request.get();
            ms.add(since(t0));
            if (a.status() != expected) {
                failures.add(what + " " + a.status() + " after " + since(t0) + " ms " + a.body().substring(0, Math.min(120, a.body().length())));
            }
        } catch (AssertionError e) {
            ms.add(since(t0));
            failures.add(what + " no answer after " + since(t0) + " ms (" + e.getMessage() + ")");
        }
    }

    private static long max(List<Long> ms) {
        return ms.isEmpty() ? 0 : Collections.max(ms);
    }

    private static String stats(List<Long> ms) {
        if (ms.isEmpty()) {
            return "-";
        }
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return "median " + sorted.get(sorted.size() / 2) + " ms, p90 " + sorted.get(sorted.size() * 9 / 10) + " ms, max "
                + sorted.get(sorted.size() - 1) + " ms";
    }
}
