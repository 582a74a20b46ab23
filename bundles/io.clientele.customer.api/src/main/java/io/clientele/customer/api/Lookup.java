package io.clientele.customer.api;

import java.time.Instant;

/** One entry of an agency's lookup list. An inactive entry stays readable on the records that use it. */
public record Lookup(String id, LookupKind kind, String name, boolean active, long version, Instant createdAt,
                     Instant updatedAt) {
}
