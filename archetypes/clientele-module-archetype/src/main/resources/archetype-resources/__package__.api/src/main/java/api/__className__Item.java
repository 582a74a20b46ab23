package ${package}.api;

import java.time.Instant;

/**
 * An item of the module "${moduleId}", owned by one agency.
 *
 * @param version the optimistic-locking version, shown by the API as {@code version} and {@code ETag}
 */
public record ${className}Item(String id, String title, long version, Instant createdAt, Instant updatedAt) {
}
