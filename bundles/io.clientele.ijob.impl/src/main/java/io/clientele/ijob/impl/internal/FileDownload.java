package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.upload.FileNames;
import java.nio.file.Files;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

/**
 * A piece's file version answered as a download: its detected type, as an attachment, never sniffed, never cached by
 * others; streamed from the temporary copy, which is deleted once sent (or when sending fails).
 */
final class FileDownload {

    private FileDownload() {
    }

    static Response of(PieceFiles.Stored file) {
        StreamingOutput body = out -> {
            try {
                Files.copy(file.content(), out);
            } finally {
                file.discard();
            }
        };
        return Response.ok(body, file.contentType())
                .header("Content-Length", Long.toString(file.size()))
                .header("Content-Disposition", FileNames.contentDisposition(file.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .tag(new EntityTag(file.sha256()))
                .build();
    }
}
