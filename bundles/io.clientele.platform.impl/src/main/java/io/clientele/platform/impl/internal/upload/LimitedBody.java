package io.clientele.platform.impl.internal.upload;

import java.io.IOException;
import java.io.InputStream;

/**
 * The request body, read at most {@code allowance + 1} bytes far: one byte past the allowance is a 413, and no read
 * ever asks the body for more than that. Failures of the body itself (the client went away) are 400.
 */
final class LimitedBody {

    private final InputStream body;
    private final long allowance;
    private final String limitText;
    private long count;

    LimitedBody(InputStream body, long allowance, String limitText) {
        this.body = body == null ? InputStream.nullInputStream() : body;
        this.allowance = allowance;
        this.limitText = limitText;
    }

    /** Reads up to {@code len} bytes (fewer near the allowance); -1 at the end of the body. */
    int read(byte[] buffer, int off, int len) {
        int n;
        try {
            n = body.read(buffer, off, (int) Math.min(len, allowance + 1 - count));
        } catch (IOException e) {
            throw UploadProblems.malformed("The request body could not be read to its end: " + e.getMessage());
        }
        if (n > 0) {
            count += n;
            if (count > allowance) {
                throw UploadProblems.tooLarge(limitText);
            }
        }
        return n;
    }

    /** Bytes read from the body so far. */
    long count() {
        return count;
    }
}
