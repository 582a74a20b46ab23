package io.clientele.platform.api.export;

import javax.ws.rs.core.StreamingOutput;
import org.osgi.annotation.versioning.ProviderType;

/** A written export: a response body that streams the temporary file, then deletes it. */
@ProviderType
public interface SpooledExport extends StreamingOutput {

    /** The file's size in bytes (the response's {@code Content-Length}). */
    long size();

    /** Deletes the file without sending it (the request failed after the export was written). */
    void discard();
}
