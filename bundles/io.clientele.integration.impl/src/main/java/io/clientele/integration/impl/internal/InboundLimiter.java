package io.clientele.integration.impl.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One node's limit on inbound calls per integration: a token bucket per integration id holding at most {@code perSecond}
 * calls, refilled at {@code perSecond} a second (so a burst of one second's worth passes, then the steady rate). In memory:
 * each node counts its own calls, so a cluster of n nodes takes up to n times the rate. Buckets idle long enough to be
 * full again are dropped when the map grows past {@value #MAX_BUCKETS}.
 */
final class InboundLimiter {

    static final int MAX_BUCKETS = 10_000;

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    InboundLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one call of {@code key} at {@code perSecond} (≤ 0: no limit); answers 0 when it may go, else the whole seconds
     * to wait until one would (at least 1).
     */
    long acquire(String key, int perSecond) {
        if (perSecond <= 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(b -> b.fullAt(now, perSecond));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perSecond, now));
        return bucket.take(now, perSecond);
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(int perSecond, long now) {
            this.tokens = perSecond;
            this.at = now;
        }

        synchronized long take(long now, int perSecond) {
            refill(now, perSecond);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double seconds = (1 - tokens) / perSecond;
            return Math.max(1, (long) Math.ceil(seconds));
        }

        synchronized boolean fullAt(long now, int perSecond) {
            refill(now, perSecond);
            return tokens >= perSecond;
        }

        private void refill(long now, int perSecond) {
            long elapsed = Math.max(0, now - at);
            tokens = Math.min(perSecond, tokens + elapsed / 1e9 * perSecond);
            at = now;
        }
    }
}
