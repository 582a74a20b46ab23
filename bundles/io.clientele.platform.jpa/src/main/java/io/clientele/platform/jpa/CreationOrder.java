package io.clientele.platform.jpa;

import java.time.Instant;

/**
 * An entity listed in creation order: its attributes {@code createdAt} and {@code id} are the keyset of its pages
 * ({@link KeysetPages}).
 */
public interface CreationOrder {

    String id();

    Instant createdAt();
}
