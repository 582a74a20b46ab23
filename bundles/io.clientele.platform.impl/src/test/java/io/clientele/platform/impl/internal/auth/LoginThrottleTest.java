package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.impl.internal.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.context.RequestScope;
import io.clientele.platform.api.auth.LoginThrottle;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.db.MigratedDerby;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {


    private final MovableClock clock = new MovableClock();
    private final ThreadBoundDatabase db = MigratedDerby.create();
    private final DatabaseLoginThrottle throttle = new DatabaseLoginThrottle(db, TestAuthConfig.defaults(), clock);

    @AfterEach
    void clearClient() {
        RequestScope.clear();
    }

    private void fail(DatabaseLoginThrottle t, String account) {
        try (LoginThrottle.Attempt attempt = t.reserve(account)) {
            attempt.failed();
        }
    }

    private static void from(String address) {
        RequestScope.setClient(new RequestContext.Client(address, null));
    }

    private ProblemException refused(DatabaseLoginThrottle t, String account) {
        ProblemException e = assertThrows(ProblemException.class, () -> t.reserve(account));
        assertEquals(429, e.status());
        assertEquals("rate_limited", e.code());
        return e;
    }

    @Test
    void fiveFailuresLockTheAccountForTheFirstLockoutWindow() {
        for (int i = 0; i < 5; i++) {
            throttle.checkAllowed("staff:acme:ana");
            fail(throttle, "staff:acme:ana");
        }
        ProblemException locked = refused(throttle, "staff:acme:ana");
        assertTrue(locked.retryAfterSeconds() > 55 && locked.retryAfterSeconds() <= 61, "retry after " + locked.retryAfterSeconds());
        assertEquals(429, assertThrows(ProblemException.class, () -> throttle.checkAllowed("staff:acme:ana")).status());
        throttle.reserve("staff:acme:bob").close(); // per account

        clock.now = clock.now.plus(Duration.ofSeconds(61));
        throttle.checkAllowed("staff:acme:ana");
        throttle.reserve("staff:acme:ana").succeeded();
    }

    @Test
    void twentyParallelGuessesReserveOnlyFive() throws Exception {
        int guesses = 20;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> outcomes = new ArrayList<>();
        List<LoginThrottle.Attempt> reserved = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < guesses; i++) {
            Callable<Long> guess = () -> {
                from("203.0.113.7");
                start.await();
                try {
                    reserved.add(throttle.reserve("staff:acme:ana")); // held: the passwords are "being hashed"
                    return 0L;
                } catch (ProblemException e) {
                    assertEquals(429, e.status());
                    return e.retryAfterSeconds();
                } finally {
                    RequestScope.clear();
                }
            };
            outcomes.add(pool.submit(guess));
        }
        start.countDown();
        int refused = 0;
        for (Future<Long> f : outcomes) {
            long retryAfter = f.get();
            if (retryAfter > 0) {
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(5, reserved.size());
        assertEquals(15, refused);
        from("203.0.113.7");
        reserved.forEach(LoginThrottle.Attempt::failed);
        ProblemException locked = refused(throttle, "staff:acme:ana");
        assertTrue(locked.retryAfterSeconds() > 55, "locked for the first window: " + locked.retryAfterSeconds());
    }

    @Test
    void afterTheFirstLockEachFailureDoublesTheWaitAndASuccessClearsIt() {
        for (int i = 0; i < 5; i++) {
            fail(throttle, "k");
        }
        long[] expected = {120, 240, 480, 900, 900, 900};
        long previous = 60;
        for (long wait : expected) {
            clock.now = clock.now.plus(Duration.ofSeconds(previous + 1));
            previous = wait;
            fail(throttle, "k"); // one guess only after a lock...
            ProblemException locked = refused(throttle, "k"); // ...and the next waits twice as long
            assertTrue(locked.retryAfterSeconds() > wait - 5 && locked.retryAfterSeconds() <= wait + 1,
                    "expected about " + wait + " s, got " + locked.retryAfterSeconds());
        }
        clock.now = clock.now.plus(Duration.ofSeconds(901));
        throttle.reserve("k").succeeded();
        for (int i = 0; i < 4; i++) {
            fail(throttle, "k");
        }
        throttle.reserve("k").close(); // five counted attempts again before a lock
    }

    @Test
    void aSuccessResetsTheCountAndAnUncheckedAttemptIsGivenBack() {
        for (int i = 0; i < 4; i++) {
            fail(throttle, "k");
        }
        throttle.reserve("k").succeeded();
        for (int i = 0; i < 4; i++) {
            fail(throttle, "k");
        }
        for (int i = 0; i < 3; i++) {
            throttle.reserve("k").close(); // e.g. no free hashing slot: not a guess
        }
        fail(throttle, "k");
        refused(throttle, "k");
    }

    @Test
    void failuresAreForgottenAfterAQuietCap() {
        for (int i = 0; i < 4; i++) {
            fail(throttle, "k");
        }
        clock.now = clock.now.plus(Duration.ofSeconds(901));
        for (int i = 0; i < 4; i++) {
            fail(throttle, "k");
        }
        throttle.reserve("k").close();
    }

    @Test
    void anAttackerAtOneAddressLocksTheAccountOnlyForThatAddressUntilManyAddressesFail() {
        from("198.51.100.1");
        for (int i = 0; i < 5; i++) {
            fail(throttle, "staff:acme:admin");
        }
        refused(throttle, "staff:acme:admin");
        refused(throttle, "staff:acme:admin"); // refused guesses do not count against the account as a whole
        from("192.0.2.10"); // the ADMIN, elsewhere
        throttle.reserve("staff:acme:admin").succeeded();
        // the account limit (20) from several addresses locks it everywhere
        for (int a = 0; a < 4; a++) {
            from("198.51.100." + (20 + a));
            for (int i = 0; i < 5; i++) {
                fail(throttle, "staff:acme:admin");
            }
        }
        from("192.0.2.10");
        refused(throttle, "staff:acme:admin");
    }

    @Test
    void oneAddressCannotSprayGuessesOverManyAccounts() {
        DatabaseLoginThrottle t = new DatabaseLoginThrottle(db, TestAuthConfig.defaults().withLimits(20, 8), clock);
        from("198.51.100.9");
        for (int i = 0; i < 8; i++) {
            fail(t, "staff:acme:user" + i);
        }
        ProblemException e = refused(t, "staff:acme:someone-else");
        assertTrue(e.retryAfterSeconds() > 55);
        from("198.51.100.10");
        t.reserve("staff:acme:someone-else").close();
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() {
        ClientAddresses none = new ClientAddresses("");
        assertEquals("10.0.0.5", none.resolve(new RequestContext.Client("10.0.0.5", "1.2.3.4")));
        ClientAddresses proxied = new ClientAddresses("10.0.0.5, 10.0.0.6");
        assertEquals("1.2.3.4", proxied.resolve(new RequestContext.Client("10.0.0.5", "1.2.3.4")));
        // the left-most entries are the client's own claim; the right-most untrusted hop is the address
        assertEquals("198.51.100.3", proxied.resolve(new RequestContext.Client("10.0.0.5", "6.6.6.6, 198.51.100.3, 10.0.0.6")));
        assertEquals("10.0.0.7", proxied.resolve(new RequestContext.Client("10.0.0.7", "1.2.3.4")));
        assertEquals("unknown", none.resolve(new RequestContext.Client(null, null)));
        assertEquals(ClientAddresses.NO_REQUEST, none.current());
    }
}
