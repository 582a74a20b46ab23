package io.clientele.platform.impl.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock a test moves by setting {@link #now}. */
public final class MovableClock extends Clock {

    public volatile Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
