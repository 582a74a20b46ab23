package io.clientele.integration.impl.internal;

import io.clientele.integration.api.ReplayGuard;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The memory behind every integration's {@link ReplayGuard}: table {@code integration_inbound_message}, one row per
 * message id an integration accepted, keyed by (integration, id), so the check is one insert whose primary key decides
 * between two copies arriving at once, on any node. A row is needed only while its signed timestamp lies inside the
 * window; {@link #purge} (run by the delivery worker's clean-up) removes the others, measured with the tolerance
 * configured at that time, so a window made longer never lets an old id be forgotten early.
 */
@Component(service = ReplayStore.class, configurationPid = IntegrationSecrets.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ReplayStore {

    /** Ids longer than this are kept as {@code sha256:<hex>} (the column's size). */
    static final int MAX_KEY = 100;
    /** Clocks of a cluster's nodes differ a little: rows are kept this much longer than the window. */
    static final Duration SKEW = Duration.ofMinutes(1);

    private final Database database;
    private final Clock clock;
    private volatile Duration tolerance;

    @Activate
    public ReplayStore(@Reference Database database, IntegrationConfig config) {
        this(database, config, Clock.systemUTC());
    }

    ReplayStore(Database database, IntegrationConfig config, Clock clock) {
        this.database = database;
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(IntegrationConfig config) {
        tolerance = Duration.ofSeconds(Math.max(1, config.inboundReplayToleranceSeconds()));
    }

    Duration tolerance() {
        return tolerance;
    }

    /**
     * The guard of one integration of {@code agencyId}; {@code remembered}, when given, is told each message key the guard
     * remembers (so the inbound endpoint can forget them again when the provider's handling fails).
     */
    ReplayGuard guard(String agencyId, String integrationId, Consumer<String> remembered) {
        return new Guard(agencyId, integrationId, remembered);
    }

    /** The id as the table keeps it: as signed, or {@code sha256:<hex>} when longer than {@value #MAX_KEY} characters. */
    static String key(String messageId) {
        if (messageId.length() <= MAX_KEY) {
            return messageId;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    boolean withinWindow(Instant signedAt) {
        Instant now = now();
        Duration window = tolerance;
        return signedAt != null && !signedAt.isBefore(now.minus(window)) && !signedAt.isAfter(now.plus(window));
    }

    /** Remembers the key for the integration, in a transaction of its own; false when it was remembered already. */
    boolean remember(String agencyId, String integrationId, String key, Instant signedAt) {
        Instant now = now();
        try {
            database.inNewTransaction(c -> Jdbc.update(c, "INSERT INTO integration_inbound_message (integration_id, message_key, agency_id,"
                    + " signed_at, received_at) VALUES (?, ?, ?, ?, ?)", integrationId, key, agencyId, signedAt.truncatedTo(ChronoUnit.MICROS), now));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Forgets keys remembered for the integration (its provider's handling of the call failed: the retry must pass). */
    void forget(String integrationId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        database.inNewTransaction(c -> {
            for (String key : keys) {
                Jdbc.update(c, "DELETE FROM integration_inbound_message WHERE integration_id = ? AND message_key = ?", integrationId, key);
            }
            return null;
        });
    }

    /** Forgets every id of a deleted integration, in the caller's transaction. */
    void forgetIntegration(String integrationId) {
        database.inTransaction(c -> Jdbc.update(c, "DELETE FROM integration_inbound_message WHERE integration_id = ?", integrationId));
    }

    /** Removes the ids whose timestamps are outside the window now (with {@link #SKEW} to spare); answers how many. */
    int purge() {
        Instant before = now().minus(tolerance).minus(SKEW);
        return database.inTransaction(c -> Jdbc.update(c, "DELETE FROM integration_inbound_message WHERE signed_at < ?", before));
    }

    private final class Guard implements ReplayGuard {
        private final String agencyId;
        private final String integrationId;
        private final Consumer<String> remembered;

        Guard(String agencyId, String integrationId, Consumer<String> remembered) {
            this.agencyId = Objects.requireNonNull(agencyId, "agencyId");
            this.integrationId = integrationId;
            this.remembered = remembered;
        }

        @Override
        public Duration tolerance() {
            return tolerance;
        }

        @Override
        public boolean withinWindow(Instant signedAt) {
            return ReplayStore.this.withinWindow(signedAt);
        }

        @Override
        public Verdict check(String messageId, Instant signedAt) {
            if (messageId == null || messageId.isBlank()) {
                throw new IllegalArgumentException("a message id is required");
            }
            if (!withinWindow(signedAt)) {
                return Verdict.OUTSIDE_WINDOW;
            }
            String key = key(messageId);
            if (!remember(agencyId, integrationId, key, signedAt)) {
                return Verdict.REPLAYED;
            }
            if (remembered != null) {
                remembered.accept(key);
            }
            return Verdict.FRESH;
        }
    }
}
