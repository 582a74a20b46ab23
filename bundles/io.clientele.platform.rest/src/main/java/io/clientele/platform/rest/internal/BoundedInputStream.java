package io.clientele.platform.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads at most {@code max} bytes of a request body. The first byte beyond fails the read, so a client sending
 * more is refused once the limit is passed instead of after its whole body has been read.
 */
final class BoundedInputStream extends FilterInputStream {

    /** Thrown by a read that would pass the limit. */
    static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(long max) {
            super("more than " + max + " bytes");
        }
    }

    private final long max;
    private long count;
    private boolean exceeded;

    BoundedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** Whether the body went past the limit. */
    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // ask for one byte more than is left, so a body of exactly max bytes is read whole and max + 1 fails
        int allowed = (int) Math.min(length, max - count + 1);
        int n = super.read(buffer, offset, Math.max(allowed, 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, max - count + 1));
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) throws LimitExceededException {
        count += n;
        if (count > max) {
            exceeded = true;
            throw new LimitExceededException(max);
        }
    }
}
