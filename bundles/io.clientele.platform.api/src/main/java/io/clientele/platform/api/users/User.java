package io.clientele.platform.api.users;

import io.clientele.platform.api.Role;
import java.time.Instant;
import java.util.Set;

/** A staff user of an agency. */
public record User(String id, String name, String email, Set<Role> roles, boolean active, long version,
                   Instant createdAt, Instant updatedAt) {
    public User {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
