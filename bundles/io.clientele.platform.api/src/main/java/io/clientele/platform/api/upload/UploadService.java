package io.clientele.platform.api.upload;

import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives request bodies into temporary files without ever holding them in memory. Bytes are counted as they
 * arrive: the moment a file passes {@code maxBytes} the upload is refused with 413 {@code payload_too_large} (at
 * once when {@code Content-Length} already announces more) and its temporary file is deleted; the REST layer then
 * answers without reading the rest. When the node already receives as many uploads as it is configured for, the
 * call fails at once with 503 {@code service_unavailable} and {@code Retry-After}. Failures are
 * {@link io.clientele.platform.api.rest.ProblemException}s.
 */
@ProviderType
public interface UploadService {

    /** The multipart form field that carries the file. */
    String FILE_PART = "file";

    /**
     * The part named {@code file} of a {@code multipart/form-data} body (other parts are skipped, counted against a
     * small allowance). 415 when the content type is not multipart/form-data; 400 {@code malformed_request} (field
     * {@code file}) for a body without a boundary, without a {@code file} part, or cut off.
     *
     * @param contentType   the request's {@code Content-Type}
     * @param contentLength the request's {@code Content-Length} header, or {@code null} (chunked)
     * @param body          the raw request body
     * @param maxBytes      the largest accepted file
     */
    Upload receiveFile(String contentType, String contentLength, InputStream body, long maxBytes);

    /**
     * The whole request body as the file (endpoints that take the file itself as the body); its declared type is
     * {@code contentType}.
     */
    Upload receiveBody(String contentType, String contentLength, InputStream body, long maxBytes);
}
