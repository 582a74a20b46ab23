package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.api.auth.LoginThrottle;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts consecutive failed logins per account in the database (so every node sees them). At the limit
 * the account is locked for the lockout window; a success resets the count.
 */
@Component(service = LoginThrottle.class, configurationPid = "io.clientele.auth")
public class DatabaseLoginThrottle implements LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLoginThrottle.class);

    private final Database database;
    private final Clock clock;
    private volatile int maxFailures;
    private volatile Duration lockout;

    @Activate
    public DatabaseLoginThrottle(@Reference Database database, AuthConfig config) {
        this(database, config, Clock.systemUTC());
    }

    DatabaseLoginThrottle(Database database, AuthConfig config, Clock clock) {
        this.database = database;
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(AuthConfig config) {
        maxFailures = Math.max(1, config.maxFailedLogins());
        lockout = Duration.ofSeconds(Math.max(1, config.lockoutSeconds()));
    }

    @Override
    public void checkAllowed(String accountKey) {
        Instant now = clock.instant();
        database.inTransaction(c -> Jdbc.queryOne(c,
                "SELECT locked_until FROM platform_login_attempt WHERE account_key = ?",
                rs -> Jdbc.instant(rs, "locked_until"), accountKey))
                .filter(until -> until != null && until.isAfter(now))
                .ifPresent(until -> {
                    long seconds = Duration.between(now, until).toSeconds() + 1;
                    throw ProblemException.rateLimited("Too many failed logins. Try again in " + seconds + " seconds.", seconds);
                });
    }

    @Override
    public void recordFailure(String accountKey) {
        Instant now = clock.instant();
        database.inNewTransaction(c -> {
            int updated = Jdbc.update(c, "UPDATE platform_login_attempt SET failures = failures + 1, updated_at = ? "
                    + "WHERE account_key = ?", now, accountKey);
            if (updated == 0) {
                java.sql.Savepoint beforeInsert = c.setSavepoint();
                try {
                    Jdbc.update(c, "INSERT INTO platform_login_attempt (account_key, failures, updated_at) VALUES (?, 1, ?)",
                            accountKey, now);
                } catch (io.clientele.platform.api.db.DuplicateKeyException e) {
                    c.rollback(beforeInsert); // another node inserted it first
                    Jdbc.update(c, "UPDATE platform_login_attempt SET failures = failures + 1, updated_at = ? "
                            + "WHERE account_key = ?", now, accountKey);
                }
            }
            int failures = Jdbc.queryOne(c, "SELECT failures FROM platform_login_attempt WHERE account_key = ?",
                    rs -> rs.getInt(1), accountKey).orElse(1);
            if (failures >= maxFailures) {
                Jdbc.update(c, "UPDATE platform_login_attempt SET failures = 0, locked_until = ? WHERE account_key = ?",
                        now.plus(lockout), accountKey);
                LOG.warn("login locked for {} s after {} failures", lockout.toSeconds(), failures);
            }
            return null;
        });
    }

    @Override
    public void recordSuccess(String accountKey) {
        database.inTransaction(c -> Jdbc.update(c, "DELETE FROM platform_login_attempt WHERE account_key = ?", accountKey));
    }
}
