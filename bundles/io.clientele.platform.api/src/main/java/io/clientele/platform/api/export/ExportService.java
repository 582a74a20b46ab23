package io.clientele.platform.api.export;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Spools exports. {@link #spool} runs the writer at once, on the calling thread (the resource method, inside the
 * request, so a failure is still answered as a problem), into a temporary file: the database is read, and its
 * connections held, only for as long as writing the file takes, never for as long as the client takes to download it.
 * The returned body then streams the file and deletes it.
 *
 * <p>At most the configured number of exports are written at once on a node (each holds at most one connection while
 * it writes), so exports can never take the whole connection pool; one more waits a moment for a slot and is then
 * answered 503 {@code service_unavailable} with {@code Retry-After}. Statements run while writing get the longer
 * statement timeout of bulk reads ({@link io.clientele.platform.api.db.Database#bulkRead}).
 */
@ProviderType
public interface ExportService {

    /** Writes the export's bytes; runs in the caller's request context. */
    @FunctionalInterface
    interface ExportWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Writes the export now; returns it as a response body. The temporary file is deleted once streamed (or at the next start). */
    SpooledExport spool(ExportWriter writer);
}
