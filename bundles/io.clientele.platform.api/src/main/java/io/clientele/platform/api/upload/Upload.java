package io.clientele.platform.api.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A received upload, held in a temporary file until {@link #close()} deletes it. While it is open it also holds one
 * of the node's upload slots, so the work done on the file (an import) counts against the cap on concurrent uploads.
 */
@ProviderType
public interface Upload extends AutoCloseable {

    /** The file name the client gave (multipart {@code filename} or {@code filename*}), or {@code null}. */
    String fileName();

    /** The content type the client declared for the file (the part's, or the raw body's), or {@code null}; never trusted. */
    String contentType();

    /** Bytes received. */
    long size();

    /** SHA-256 of the bytes, lower-case hex (e.g. as an {@code Idempotency-Key} fingerprint). */
    String sha256();

    /** A new stream over the bytes; the caller closes it. */
    InputStream open() throws IOException;

    /** The temporary file itself, for readers that need a seekable file (a zip); valid until {@link #close()}. */
    Path file();

    /** Deletes the temporary file and frees the upload slot; idempotent. */
    @Override
    void close();
}
