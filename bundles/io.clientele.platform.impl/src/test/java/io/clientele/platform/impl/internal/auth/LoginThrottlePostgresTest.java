package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.impl.internal.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.auth.LoginThrottle;
import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.db.LiquibaseMigrator;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The throttle's reservation on PostgreSQL (the database several nodes share), when one answers on 127.0.0.1:5432
 * (database {@code test}, user {@code postgres}, trust auth, as PostgresIT expects); skipped otherwise.
 */
class LoginThrottlePostgresTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static String schema;
    private static ThreadBoundDatabase db;

    @BeforeAll
    static void migrate() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
        } catch (java.io.IOException e) {
            Assumptions.abort("no PostgreSQL on 127.0.0.1:5432");
        }
        schema = "clientele_throttle_" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(SERVER + "?currentSchema=" + schema);
        ds.setUser("postgres");
        db = new ThreadBoundDatabase(ds, Dialect.POSTGRESQL, new LiquibaseMigrator());
        db.migrate("db/clientele-platform.xml", LoginThrottlePostgresTest.class.getClassLoader());
    }

    @AfterAll
    static void drop() throws Exception {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(SERVER, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void twentyParallelGuessesReserveOnlyFiveAndTheLocksDouble() throws Exception {
        MovableClock clock = new MovableClock();
        DatabaseLoginThrottle throttle = new DatabaseLoginThrottle(db, TestAuthConfig.defaults(), clock);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<LoginThrottle.Attempt> reserved = Collections.synchronizedList(new ArrayList<>());
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    reserved.add(throttle.reserve("staff:acme:ana"));
                    return 0;
                } catch (ProblemException e) {
                    return e.status();
                }
            }));
        }
        start.countDown();
        int refused = 0;
        for (Future<Integer> f : outcomes) {
            if (f.get() == 429) {
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(5, reserved.size());
        assertEquals(15, refused);
        reserved.forEach(LoginThrottle.Attempt::failed);
        ProblemException locked = assertThrows(ProblemException.class, () -> throttle.reserve("staff:acme:ana"));
        assertTrue(locked.retryAfterSeconds() > 55 && locked.retryAfterSeconds() <= 61);

        clock.now = clock.now.plus(Duration.ofSeconds(61));
        try (LoginThrottle.Attempt again = throttle.reserve("staff:acme:ana")) {
            again.failed();
        }
        ProblemException doubled = assertThrows(ProblemException.class, () -> throttle.reserve("staff:acme:ana"));
        assertTrue(doubled.retryAfterSeconds() > 115 && doubled.retryAfterSeconds() <= 121, "retry after " + doubled.retryAfterSeconds());
        clock.now = clock.now.plus(Duration.ofSeconds(121));
        throttle.reserve("staff:acme:ana").succeeded();
        throttle.reserve("staff:acme:ana").close();
    }
}
