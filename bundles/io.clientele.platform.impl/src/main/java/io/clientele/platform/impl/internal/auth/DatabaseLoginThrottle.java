package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.api.auth.LoginThrottle;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.auth.ThrottleRules.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login throttle in the database ({@code platform_login_attempt}), so that every node sharing it counts the same
 * guesses. The counting rules are {@link ThrottleRules}'. A guess reserves its attempt with one conditional
 * {@code UPDATE} per key, all in one transaction committed before the password is hashed: the row lock taken by the
 * {@code UPDATE} (Derby and PostgreSQL alike) makes the check and the count one step, so of twenty parallel guesses
 * only as many as the limit get through and the rest are refused at once, whichever node they reach. Keys are always
 * reserved in the same order (account from address, address, account), so two transactions never wait on each other
 * in a cycle.
 *
 * <p>Rows exist for names that are not accounts too (checking first would tell an attacker which accounts exist).
 * They cannot pile up without bound: one address can add only as many rows as its own limit lets it guess, and rows
 * left idle (no lock running) are deleted by the platform's retention purge ({@code loginAttemptHours}).
 */
@Component(service = LoginThrottle.class, configurationPid = "io.clientele.auth")
public class DatabaseLoginThrottle implements LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLoginThrottle.class);
    private static final int MAX_KEY_LENGTH = 400;

    private final Database database;
    private final Clock clock;
    private volatile ThrottleRules rules;
    private volatile ClientAddresses addresses;

    @Activate
    public DatabaseLoginThrottle(@Reference Database database, AuthConfig config) {
        this(database, config, Clock.systemUTC());
    }

    /** For tests and tools outside OSGi. */
    public DatabaseLoginThrottle(Database database, AuthConfig config, Clock clock) {
        this.database = database;
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(AuthConfig config) {
        rules = ThrottleRules.of(config);
        addresses = new ClientAddresses(config.trustedProxies());
    }

    /** The three keys of a guess at {@code accountKey} from the current client, in reservation order. */
    private List<Key> keys(String accountKey) {
        String address = addresses.current();
        return List.of(new Key(Scope.ACCOUNT_AND_ADDRESS, key("pair:" + address + "|" + accountKey)),
                new Key(Scope.ADDRESS, key("addr:" + address)),
                new Key(Scope.ACCOUNT, key("acct:" + accountKey)));
    }

    private record Key(Scope scope, String name) {
    }

    @Override
    public Attempt reserve(String accountKey) {
        List<Key> keys = keys(accountKey);
        ThrottleRules r = rules;
        Instant now = clock.instant();
        database.inNewTransaction(c -> {
            for (Key k : keys) {
                if (!reserve(c, k, r, now)) {
                    long seconds = retryAfter(c, k, now);
                    // thrown inside the transaction: the reservations already made in it roll back
                    throw ProblemException.rateLimited(BreachedListPasswordPolicy.MESSAGES.text("login.rate_limited", Map.of("seconds", seconds)),
                            seconds);
                }
            }
            return null;
        });
        return new DatabaseAttempt(keys);
    }

    private boolean reserve(Connection c, Key k, ThrottleRules r, Instant now) throws java.sql.SQLException {
        for (int tries = 0; tries < 2; tries++) {
            if (countGuess(c, k, r, now)) {
                return true;
            }
            boolean exists = Jdbc.queryOne(c, "SELECT 1 FROM platform_login_attempt WHERE account_key = ?", rs -> 1, k.name()).isPresent();
            if (exists) {
                // the row may have been inserted and committed by a racing request after the UPDATE above looked for it:
                // only an UPDATE that sees it and still finds no room means the key is full or locked
                return countGuess(c, k, r, now);
            }
            Savepoint beforeInsert = c.setSavepoint();
            try {
                Jdbc.update(c, "INSERT INTO platform_login_attempt (account_key, failures, lockouts, updated_at) VALUES (?, 1, 0, ?)",
                        k.name(), now);
                return true;
            } catch (DuplicateKeyException e) {
                c.rollback(beforeInsert); // another request (or node) inserted it first: try the update again
            }
        }
        return false;
    }

    /** Counts one guess against the key when it has room and is not locked; false otherwise (or when there is no row). */
    private static boolean countGuess(Connection c, Key k, ThrottleRules r, Instant now) {
        Instant stale = now.minus(r.forgetAfter());
        // a key with no activity since "stale" (no guess, no lock ending) starts over
        String quiet = "(updated_at < ? AND (locked_until IS NULL OR locked_until < ?))";
        return Jdbc.update(c, "UPDATE platform_login_attempt SET "
                        + "failures = CASE WHEN " + quiet + " THEN 1 ELSE failures + 1 END, "
                        + "lockouts = CASE WHEN " + quiet + " THEN 0 ELSE lockouts END, updated_at = ? "
                        + "WHERE account_key = ? AND (locked_until IS NULL OR locked_until <= ?) "
                        + "AND (" + quiet + " OR (lockouts = 0 AND failures < ?) OR (lockouts > 0 AND failures < ?))",
                stale, stale, stale, stale, now, k.name(), now, stale, stale,
                r.allowedAttempts(k.scope(), 0), r.allowedAttempts(k.scope(), 1)) == 1;
    }

    private long retryAfter(Connection c, Key k, Instant now) {
        return Jdbc.queryOne(c, "SELECT locked_until FROM platform_login_attempt WHERE account_key = ?",
                        rs -> Optional.ofNullable(Jdbc.instant(rs, "locked_until")), k.name())
                .flatMap(o -> o)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until).toSeconds() + 1)
                .orElse(1L); // full of attempts still being checked: one of them will lock it or clear it in a moment
    }

    @Override
    public void checkAllowed(String accountKey) {
        ThrottleRules r = rules;
        Instant now = clock.instant();
        Instant stale = now.minus(r.forgetAfter());
        database.inNewTransaction(c -> {
            for (Key k : keys(accountKey)) {
                Optional<Long> refusedFor = Jdbc.queryOne(c, "SELECT failures, lockouts, locked_until, updated_at "
                        + "FROM platform_login_attempt WHERE account_key = ?", rs -> {
                            Instant until = Jdbc.instant(rs, "locked_until");
                            if (until != null && until.isAfter(now)) {
                                return Duration.between(now, until).toSeconds() + 1;
                            }
                            boolean fresh = !Jdbc.instant(rs, "updated_at").isBefore(stale) || (until != null && !until.isBefore(stale));
                            return fresh && rs.getInt("failures") >= r.allowedAttempts(k.scope(), rs.getInt("lockouts")) ? 1L : null;
                        }, k.name()).filter(s -> s != null);
                if (refusedFor.isPresent()) {
                    throw ProblemException.rateLimited(BreachedListPasswordPolicy.MESSAGES.text("login.rate_limited",
                            Map.of("seconds", refusedFor.get())), refusedFor.get());
                }
            }
            return null;
        });
    }

    @Override
    public void recordSuccess(String accountKey) {
        clear(keys(accountKey), false);
    }

    @Override
    @Deprecated
    public void recordFailure(String accountKey) {
        try (Attempt attempt = reserve(accountKey)) {
            attempt.failed();
        } catch (ProblemException locked) {
            // already locked: nothing more to count
        }
    }

    /** Removes the account's counts; the address's count loses the one attempt ({@code release}) or nothing. */
    private void clear(List<Key> keys, boolean releaseAddress) {
        database.inNewTransaction(c -> {
            for (Key k : keys) {
                if (k.scope() == Scope.ADDRESS) {
                    if (releaseAddress) {
                        release(c, k);
                    }
                } else {
                    Jdbc.update(c, "DELETE FROM platform_login_attempt WHERE account_key = ?", k.name());
                }
            }
            return null;
        });
    }

    private static void release(Connection c, Key k) {
        Jdbc.update(c, "UPDATE platform_login_attempt SET failures = failures - 1 WHERE account_key = ? AND failures > 0", k.name());
    }

    private void failed(List<Key> keys) {
        ThrottleRules r = rules;
        Instant now = clock.instant();
        database.inNewTransaction(c -> {
            for (Key k : keys) {
                Optional<int[]> row = Jdbc.queryOne(c, "SELECT failures, lockouts, locked_until FROM platform_login_attempt "
                        + "WHERE account_key = ?", rs -> {
                            Instant until = Jdbc.instant(rs, "locked_until");
                            return until != null && until.isAfter(now) ? null : new int[] {rs.getInt(1), rs.getInt(2)};
                        }, k.name()).filter(x -> x != null);
                if (row.isEmpty() || !r.locks(k.scope(), row.get()[0], row.get()[1])) {
                    continue;
                }
                int previousLocks = row.get()[1];
                Duration length = r.lockLength(previousLocks);
                // only one of several failures finishing at once locks (and doubles) it: the others find it locked
                int locked = Jdbc.update(c, "UPDATE platform_login_attempt SET locked_until = ?, lockouts = lockouts + 1, "
                                + "failures = 0, updated_at = ? WHERE account_key = ? AND lockouts = ? "
                                + "AND (locked_until IS NULL OR locked_until <= ?)",
                        now.plus(length), now, k.name(), previousLocks, now);
                if (locked == 1) {
                    LOG.warn("password guesses locked ({}) for {} s after lock #{}", k.scope(), length.toSeconds(), previousLocks + 1);
                }
            }
            return null;
        });
    }

    /** Keys longer than the column are stored as their SHA-256. */
    private static String key(String raw) {
        if (raw.length() <= MAX_KEY_LENGTH) {
            return raw;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class DatabaseAttempt implements Attempt {
        private final List<Key> keys;
        private final AtomicBoolean done = new AtomicBoolean();

        DatabaseAttempt(List<Key> keys) {
            this.keys = keys;
        }

        @Override
        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                clear(keys, true);
            }
        }

        @Override
        public void failed() {
            if (done.compareAndSet(false, true)) {
                DatabaseLoginThrottle.this.failed(keys);
            }
        }

        @Override
        public void close() {
            if (done.compareAndSet(false, true)) {
                database.inNewTransaction(c -> {
                    for (Key k : keys) {
                        release(c, k);
                    }
                    return null;
                });
            }
        }
    }
}
