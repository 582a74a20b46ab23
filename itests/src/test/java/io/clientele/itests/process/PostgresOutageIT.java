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
 * quality.md R5 on PostgreSQL: the platform runs against PostgreSQL through a TCP relay, and the relay is cut (every
 * connection closed, new ones refused), as when the database host goes away. Authenticated requests must be answered
 * 503 {@code service_unavailable} with {@code Retry-After} within about two seconds, not hang and not 500; health says
 * DOWN with a reason; once the relay is back the platform serves again by itself, with no restart. Runs when a
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
            String before = expect(201, platform.json("POST", "/v1/customers", admin, Map.of("name", "Before Outage"))).path("id").asText();
            expect(200, platform.json("GET", "/v1/customers/" + before, admin, null));

            proxy.cut();
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                RunningDistribution.Answer a = i % 2 == 0 ? platform.json("GET", "/v1/customers/" + before, admin, null)
                        : platform.json("POST", "/v1/customers", admin, Map.of("name", "During Outage " + i));
                long millis = (System.nanoTime() - start) / 1_000_000;
                latencies.add(millis);
                JsonNode problem = expect(503, a);
                assertEquals(a.body(), "service_unavailable", problem.path("code").asText());
                assertTrue(a.header("Content-Type"), a.header("Content-Type").startsWith("application/problem+json"));
                assertNotNull("Retry-After on " + a, a.header("Retry-After"));
                assertTrue("answered after " + millis + " ms: " + a.body(), millis <= ANSWER_WITHIN_MILLIS);
            }
            RunningDistribution.Answer health = platform.call("GET", "/v1/health", null, null, null);
            JsonNode down = expect(503, health);
            assertEquals("DOWN", down.path("status").asText());
            assertTrue("a reason: " + health.body(), down.path("reason").asText().length() > 0);
            assertNotNull(health.header("Retry-After"));
            System.out.println("PostgresOutageIT: during the outage 503 service_unavailable in " + latencies + " ms; health: " + health.body());

            proxy.restore();
            long restored = System.nanoTime();
            RunningDistribution.Answer back;
            do {
                Thread.sleep(100);
                back = platform.json("GET", "/v1/customers/" + before, admin, null);
            } while (back.status() != 200 && System.nanoTime() - restored < Duration.ofSeconds(60).toNanos());
            long recovery = (System.nanoTime() - restored) / 1_000_000;
            assertEquals("not recovered within 60 s: " + back.body(), 200, back.status());
            expect(201, platform.json("POST", "/v1/customers", admin, Map.of("name", "After Outage")));
            expect(200, platform.call("GET", "/v1/health", null, null, null));
            assertEquals("nothing of the refused writes was stored", 2, platform.all("/v1/customers", admin).size());
            System.out.println("PostgresOutageIT: serving again " + recovery + " ms after the database came back, without a restart");
        } finally {
            try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
