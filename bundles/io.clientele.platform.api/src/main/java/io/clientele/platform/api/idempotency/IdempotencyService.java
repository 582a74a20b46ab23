package io.clientele.platform.api.idempotency;

import java.util.function.Supplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Honours {@code Idempotency-Key}: the first call with a key runs {@code action} and stores its result in
 * the same transaction; a repeat with the same key (same agency and operation) returns the stored result
 * without running it again. A key reused for a different request body is a 409.
 */
@ProviderType
public interface IdempotencyService {

    /**
     * @param key         the client's Idempotency-Key; when null or blank the action simply runs
     * @param operation   what is being done, e.g. {@code estimates.send:<id>}
     * @param fingerprint a digest of the request so a key reused for other input is refused
     * @param resultType  the result's class, to restore it from storage
     */
    <T> T execute(String key, String operation, String fingerprint, Class<T> resultType, Supplier<T> action);
}
