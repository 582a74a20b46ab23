package io.clientele.portal.impl.internal;

import io.clientele.platform.api.upload.FileNames;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;

/** A stored document answered as a download: its detected type, as an attachment, never sniffed, never cached by others. */
final class DocumentDownload {

    private DocumentDownload() {
    }

    static Response of(PortalDocuments.Stored file) {
        return Response.ok(file.content(), file.contentType())
                .header("Content-Disposition", FileNames.contentDisposition(file.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .tag(new EntityTag(file.sha256()))
                .build();
    }
}
