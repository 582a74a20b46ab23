package io.clientele.platform.impl.internal.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.impl.internal.db.MigratedDerby;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPurgerTest {

    private final Instant now = Instant.parse("2026-12-02T12:00:00Z");
    private final ThreadBoundDatabase db = MigratedDerby.create();

    private static RetentionConfig defaults() {
        return new RetentionConfig() {
            @Override public Class<? extends Annotation> annotationType() { return RetentionConfig.class; }
            @Override public int intervalMinutes() { return 60; }
            @Override public int sentMailDays() { return 30; }
            @Override public int failedMailDays() { return 90; }
            @Override public int endedSessionDays() { return 7; }
            @Override public int idempotencyHours() { return 48; }
            @Override public int loginAttemptHours() { return 24; }
        };
    }

    private void mail(String id, String status, Instant created, Instant sent) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO platform_outbox (id, recipient, subject, text_body, status, attempts, "
                + "next_attempt_at, created_at, sent_at) VALUES (?, 'a@b.test', 's', NULL, ?, 1, ?, ?, ?)", id, status, created, created, sent));
    }

    private void session(String id, Instant expires, Instant revoked) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO platform_session (id, agency_id, principal_kind, principal_id, refresh_hash, "
                + "created_at, expires_at, revoked_at) VALUES (?, 'ag', 'STAFF', 'u', ?, ?, ?, ?)", id, "h" + id, expires.minus(Duration.ofDays(30)),
                expires, revoked));
    }

    private void idempotency(String key, Instant created) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO platform_idempotency (agency_id, idem_key, operation, fingerprint, result, created_at) "
                + "VALUES ('ag', ?, 'op', 'f', NULL, ?)", key, created));
    }

    private void loginAttempt(String key, Instant updated, Instant lockedUntil) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO platform_login_attempt (account_key, failures, lockouts, locked_until, updated_at) "
                + "VALUES (?, 3, 0, ?, ?)", key, lockedUntil, updated));
    }

    private List<String> ids(String sql) {
        return db.inTransaction(c -> Jdbc.query(c, sql, rs -> rs.getString(1)));
    }

    @Test
    void onlyWhatIsPastItsRetentionIsRemoved() {
        mail("sent-old", "SENT", now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(31)));
        mail("sent-recent", "SENT", now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(29)));
        mail("failed-old", "FAILED", now.minus(Duration.ofDays(91)), null);
        mail("failed-recent", "FAILED", now.minus(Duration.ofDays(60)), null);
        mail("pending-ancient", "PENDING", now.minus(Duration.ofDays(400)), null); // never purged: still to be delivered
        session("expired-long-ago", now.minus(Duration.ofDays(8)), null);
        session("revoked-long-ago", now.plus(Duration.ofDays(20)), now.minus(Duration.ofDays(8)));
        session("expired-yesterday", now.minus(Duration.ofDays(1)), null);
        session("live", now.plus(Duration.ofDays(20)), null);
        idempotency("old-key", now.minus(Duration.ofHours(49)));
        idempotency("fresh-key", now.minus(Duration.ofHours(47)));
        loginAttempt("pair:198.51.100.1|staff:acme:random-name", now.minus(Duration.ofHours(25)), null);
        loginAttempt("acct:staff:acme:locked-long", now.minus(Duration.ofHours(25)), now.plus(Duration.ofMinutes(5))); // lock running
        loginAttempt("acct:staff:acme:recent", now.minus(Duration.ofHours(23)), null);

        RetentionPurger purger = new RetentionPurger(db, defaults(), Clock.fixed(now, ZoneOffset.UTC), false);
        Map<String, Integer> removed = purger.purge();

        assertEquals(Map.of("sentMail", 1, "failedMail", 1, "endedSessions", 2, "idempotencyRecords", 1, "loginAttempts", 1), removed);
        assertEquals(List.of("failed-recent", "pending-ancient", "sent-recent"), ids("SELECT id FROM platform_outbox ORDER BY id"));
        assertEquals(List.of("expired-yesterday", "live"), ids("SELECT id FROM platform_session ORDER BY id"));
        assertEquals(List.of("fresh-key"), ids("SELECT idem_key FROM platform_idempotency"));
        assertEquals(List.of("acct:staff:acme:locked-long", "acct:staff:acme:recent"),
                ids("SELECT account_key FROM platform_login_attempt ORDER BY account_key"));
        assertEquals(Map.of("sentMail", 0, "failedMail", 0, "endedSessions", 0, "idempotencyRecords", 0, "loginAttempts", 0), purger.purge());
    }
}
