package io.clientele.platform.impl.internal.upload;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on uploads received at once: a slot is taken without waiting or refused with 503 (never queued). The cap
 * may change while slots are held; uploads already running keep theirs.
 */
final class UploadSlots {

    private final AtomicInteger inUse = new AtomicInteger();
    private volatile int max;
    private volatile int retryAfterSeconds;

    UploadSlots(int max, int retryAfterSeconds) {
        resize(max, retryAfterSeconds);
    }

    void resize(int max, int retryAfterSeconds) {
        this.max = Math.max(1, max);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Takes a slot, or throws 503 {@code service_unavailable} with {@code Retry-After} when all are taken. */
    void acquire() {
        while (true) {
            int current = inUse.get();
            if (current >= max) {
                throw UploadProblems.busy("This node is receiving as many uploads as it "
                        + "takes at once (" + max + "); try again shortly.", retryAfterSeconds);
            }
            if (inUse.compareAndSet(current, current + 1)) {
                return;
            }
        }
    }

    void release() {
        inUse.decrementAndGet();
    }

    int inUse() {
        return inUse.get();
    }
}
