package io.clientele.itests.process;

import static io.clientele.itests.process.RunningDistribution.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * quality.md R5 on PostgreSQL: the platform runs against PostgreSQL through a TCP relay, which stages two outages: first
 * it is cut (every connection closed, new ones refused), as when the database host goes away; then it freezes (nothing
 * relayed, nothing closed, new connections accepted and never answered), as when the database hangs or the network
 * drops packets. In each, authenticated requests must be answered 503 {@code service_unavailable} with
 * {@code Retry-After} within about two seconds, not hang and not 500; health says DOWN with a reason; once the
 * database is back the platform serves again by itself, with no restart. A frozen database used to make each request
 * wait 5 s for the pool's check of an idle connection, and a login the database never answered held the pool's only
 * connection-adding thread for good, so the platform stayed 503 after the database was back. Runs when a
 * PostgreSQL answers on 127.0.0.1:5432 (database {@code test}, user {@code postgres}, trust auth, as PostgresIT);
 * skipped, saying so, otherwise. Each run uses a database of its own, dropped afterwards.
 */
public class PostgresOutageIT {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final long ANSWER_WITHIN_MILLIS = 3_000; // the 2 s connection timeout, plus the machine's load

    @Test
    public void aDatabaseOutageIsAnswered503AtOnceAndThePlatformRecoversByItself() throws Exception {
        String database = "clientele_outage_" + Long.toString(System.currentTimeMillis(), 36);
        boolean available;
        try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
            available = true;
        } catch (Exception e) {
            System.out.println("PostgresOutageIT: no PostgreSQL at " + SERVER + "test (" + e.getMessage() + "); the test is skipped");
            available = false;
        }
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", available);
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432); RunningDistribution platform = RunningDistribution.unpack()) {
            platform.env("CLIENTELE_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database)
                    .env("CLIENTELE_DB_USER", "postgres");
            platform.start();
            platform.awaitUp(Duration.ofMinutes(3));
            String admin = platform.createAgency("outage");
            String before = expect(201, platform.json("POST", "/v1/customers", admin, Map.of("name", "Before Outage", "companyName", "Before Outage Ltda"))).path("id").asText();
            expect(200, platform.json("GET", "/v1/customers/" + before, admin, null));

            outage(platform, admin, before, "cut", proxy::cut, proxy::restore);
            outage(platform, admin, before, "frozen", proxy::freeze, proxy::thaw);
            expect(201, platform.json("POST", "/v1/customers", admin, Map.of("name", "After Outage", "companyName", "After Outage Ltda")));
            assertEquals("nothing of the refused writes was stored", 2, platform.all("/v1/customers", admin).size());
        } finally {
            try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** One outage: requests during it are 503 within the limit, health is DOWN with a reason, and it ends by itself. */
    private static void outage(RunningDistribution platform, String admin, String customerId, String kind, Step begin, Step end)
            throws Exception {
        begin.run();
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long start = System.nanoTime();
            RunningDistribution.Answer a = i % 2 == 0 ? platform.json("GET", "/v1/customers/" + customerId, admin, null)
                    : platform.json("POST", "/v1/customers", admin, Map.of("name", "During Outage " + i, "companyName", "During Outage Ltda"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            latencies.add(millis);
            JsonNode problem = expect(503, a);
            assertEquals(a.body(), "service_unavailable", problem.path("code").asText());
            assertTrue(a.header("Content-Type"), a.header("Content-Type").startsWith("application/problem+json"));
            assertNotNull("Retry-After on " + a, a.header("Retry-After"));
            assertTrue(kind + ": answered after " + millis + " ms: " + a.body(), millis <= ANSWER_WITHIN_MILLIS);
        }
        long start = System.nanoTime();
        RunningDistribution.Answer health = platform.call("GET", "/v1/health", null, null, null);
        long healthMillis = (System.nanoTime() - start) / 1_000_000;
        JsonNode down = expect(503, health);
        assertEquals("DOWN", down.path("status").asText());
        assertTrue("a reason: " + health.body(), down.path("reason").asText().length() > 0);
        assertNotNull(health.header("Retry-After"));
        System.out.println("PostgresOutageIT: database " + kind + ": 503 service_unavailable in " + latencies + " ms; health DOWN in "
                + healthMillis + " ms: " + down.path("reason").asText());

        end.run();
        long restored = System.nanoTime();
        RunningDistribution.Answer back;
        do {
            Thread.sleep(100);
            back = platform.json("GET", "/v1/customers/" + customerId, admin, null);
        } while (back.status() != 200 && System.nanoTime() - restored < Duration.ofSeconds(60).toNanos());
        long recovery = (System.nanoTime() - restored) / 1_000_000;
        assertEquals(kind + ": not serving again within 60 s: " + back.body(), 200, back.status());
        expect(200, platform.call("GET", "/v1/health", null, null, null));
        System.out.println("PostgresOutageIT: database " + kind + ": serving again " + recovery + " ms after it came back, without a restart");
    }
}
