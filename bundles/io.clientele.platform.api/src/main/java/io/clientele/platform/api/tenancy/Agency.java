package io.clientele.platform.api.tenancy;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A tenant of the platform. {@code modules} are the module ids it subscribes to (installed or not), sorted. */
public record Agency(String id, String slug, String name, Set<String> modules, Instant createdAt) {
    public Agency {
        modules = Collections.unmodifiableSortedSet(modules == null ? new TreeSet<>() : new TreeSet<>(modules));
    }
}
