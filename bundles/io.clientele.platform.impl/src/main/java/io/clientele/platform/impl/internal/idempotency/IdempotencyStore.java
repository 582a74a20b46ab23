package io.clientele.platform.impl.internal.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.idempotency.IdempotencyService;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Stores each keyed result in the action's own transaction. The primary key (agency, key, operation) makes
 * the second of two concurrent first calls fail and roll back its action; it then returns the stored result.
 * A key belongs to the caller who first used it: the operation is stored with the caller's identity, so another
 * user of the same agency presenting the same key runs the action — and its access checks — as himself, and never
 * receives the first caller's stored answer.
 */
@Component(service = IdempotencyService.class)
public class IdempotencyStore implements IdempotencyService {

    private final Database database;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Activate
    public IdempotencyStore(@Reference Database database) {
        this.database = database;
    }

    private record Stored(String fingerprint, String result) {
    }

    @Override
    public <T> T execute(String key, String operation, String fingerprint, Class<T> resultType, Supplier<T> action) {
        if (key == null || key.isBlank()) {
            return action.get();
        }
        if (key.length() > 255) {
            throw ProblemException.invalid("Idempotency-Key", "must have at most 255 characters");
        }
        String agencyId = RequestContext.agencyId();
        operation = scopedToCaller(operation);
        Optional<T> replay = replay(agencyId, key, operation, fingerprint, resultType);
        if (replay.isPresent()) {
            return replay.get();
        }
        String scoped = operation;
        try {
            return database.inNewTransaction(c -> {
                T result = action.get();
                String stored;
                try {
                    stored = json.writeValueAsString(result);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot store the idempotent result", e);
                }
                Jdbc.update(c, "INSERT INTO platform_idempotency (agency_id, idem_key, operation, fingerprint, result, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", agencyId, key, scoped, fingerprint, stored, Instant.now());
                return result;
            });
        } catch (DuplicateKeyException e) {
            return replay(agencyId, key, operation, fingerprint, resultType)
                    .orElseThrow(() -> ProblemException.conflict("A request with this Idempotency-Key is still being processed."));
        }
    }

    /** The operation as stored: with who called (kind and id), within the column's 200 characters. */
    static String scopedToCaller(String operation) {
        String caller = RequestContext.current().map(p -> p.kind() + ":" + p.id()).orElse("anonymous");
        String scoped = operation + " by " + caller;
        if (scoped.length() <= 200) {
            return scoped;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(scoped.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return scoped.substring(0, 137) + "#" + java.util.HexFormat.of().formatHex(digest, 0, 31).substring(0, 62);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> Optional<T> replay(String agencyId, String key, String operation, String fingerprint, Class<T> type) {
        Optional<Stored> stored = database.inTransaction(c -> Jdbc.queryOne(c, "SELECT fingerprint, result FROM platform_idempotency "
                + "WHERE agency_id = ? AND idem_key = ? AND operation = ?", rs -> new Stored(rs.getString(1), rs.getString(2)),
                agencyId, key, operation));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.get().fingerprint().equals(fingerprint)) {
            throw ProblemException.conflict("Idempotency-Key", "This Idempotency-Key was already used for a different request.");
        }
        try {
            return Optional.of(json.readValue(stored.get().result(), type));
        } catch (IOException e) {
            throw new IllegalStateException("stored idempotent result is unreadable", e);
        }
    }
}
