package io.clientele.platform.impl.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.db.MigratedDerby;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void fiveFailuresLockTheAccountForTheLockoutWindow() {
        MovableClock clock = new MovableClock();
        DatabaseLoginThrottle throttle = new DatabaseLoginThrottle(MigratedDerby.create(), TestAuthConfig.defaults(), clock);
        for (int i = 0; i < 4; i++) {
            throttle.checkAllowed("staff:acme:ana");
            throttle.recordFailure("staff:acme:ana");
        }
        throttle.checkAllowed("staff:acme:ana");
        throttle.recordFailure("staff:acme:ana");
        ProblemException locked = assertThrows(ProblemException.class, () -> throttle.checkAllowed("staff:acme:ana"));
        assertEquals(429, locked.status());
        assertEquals("rate_limited", locked.code());
        assertTrue(locked.retryAfterSeconds() > 55 && locked.retryAfterSeconds() <= 61, "retry after " + locked.retryAfterSeconds());
        throttle.checkAllowed("staff:acme:bob"); // per account

        clock.now = clock.now.plus(Duration.ofSeconds(61));
        throttle.checkAllowed("staff:acme:ana");
    }

    @Test
    void aSuccessResetsTheCount() {
        DatabaseLoginThrottle throttle = new DatabaseLoginThrottle(MigratedDerby.create(), TestAuthConfig.defaults(), new MovableClock());
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("k");
        }
        throttle.recordSuccess("k");
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("k");
        }
        throttle.checkAllowed("k");
    }
}
