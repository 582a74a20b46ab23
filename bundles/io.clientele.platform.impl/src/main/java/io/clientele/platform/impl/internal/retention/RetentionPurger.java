package io.clientele.platform.impl.internal.retention;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what the platform keeps only for a while, on a schedule: delivered and failed e-mails past their retention,
 * sessions long expired or revoked, idempotency records past the window in which a client may retry, and idle
 * login-attempt counts. Each purge is
 * a plain {@code DELETE … WHERE <older than>}: any node may run it at any time, twice is harmless.
 */
@Component(immediate = true, configurationPid = "io.clientele.retention", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RetentionConfig.class)
public class RetentionPurger {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurger.class);

    private final Database database;
    private final RetentionConfig config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    @Activate
    public RetentionPurger(@Reference Database database, RetentionConfig config) {
        this(database, config, Clock.systemUTC(), true);
    }

    RetentionPurger(Database database, RetentionConfig config, Clock clock, boolean schedule) {
        this.database = database;
        this.config = config;
        this.clock = clock;
        this.scheduler = schedule ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clientele-retention");
            t.setDaemon(true);
            return t;
        }) : null;
        if (scheduler != null) {
            long every = Math.max(1, config.intervalMinutes());
            scheduler.scheduleWithFixedDelay(this::purgeLogged, Math.min(every, 5), every, TimeUnit.MINUTES);
        }
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void purgeLogged() {
        try {
            Map<String, Integer> removed = purge();
            if (removed.values().stream().anyMatch(n -> n > 0)) {
                LOG.info("retention purge removed {}", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention purge failed, trying again at the next run: {}", e.getMessage());
        }
    }

    /** Runs every purge once; returns how many rows each removed. */
    Map<String, Integer> purge() {
        Instant now = clock.instant();
        Map<String, Integer> removed = new LinkedHashMap<>();
        removed.put("sentMail", delete("DELETE FROM platform_outbox WHERE status = 'SENT' AND sent_at < ?",
                now.minus(Duration.ofDays(Math.max(1, config.sentMailDays())))));
        removed.put("failedMail", delete("DELETE FROM platform_outbox WHERE status = 'FAILED' AND created_at < ?",
                now.minus(Duration.ofDays(Math.max(1, config.failedMailDays())))));
        Instant sessionsBefore = now.minus(Duration.ofDays(Math.max(1, config.endedSessionDays())));
        removed.put("endedSessions", database.inTransaction(c -> Jdbc.update(c,
                "DELETE FROM platform_session WHERE expires_at < ? OR revoked_at < ?", sessionsBefore, sessionsBefore)));
        removed.put("idempotencyRecords", delete("DELETE FROM platform_idempotency WHERE created_at < ?",
                now.minus(Duration.ofHours(Math.max(1, config.idempotencyHours())))));
        // throttle counts (rows exist for any name guessed at, accounts or not): idle ones, unless a lock still runs
        removed.put("loginAttempts", database.inTransaction(c -> Jdbc.update(c, "DELETE FROM platform_login_attempt "
                        + "WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)",
                now.minus(Duration.ofHours(Math.max(1, config.loginAttemptHours()))), now)));
        return removed;
    }

    private int delete(String sql, Instant before) {
        return database.inTransaction(c -> Jdbc.update(c, sql, before));
    }
}
