package io.clientele.platform.api.upload;

import io.clientele.platform.api.domain.Refusal;
import java.io.InputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives request bodies into temporary files without ever holding them in memory. Bytes are counted as they
 * arrive: the moment a file passes {@code maxBytes} the upload is refused ({@link Refused.Reason#TOO_LARGE}, at once
 * when {@code Content-Length} already announces more) and its temporary file is deleted; the REST edge answers 413
 * {@code payload_too_large} without reading the rest. When the node already receives as many uploads as it is
 * configured for, the call is refused at once ({@link Refused.Reason#BUSY}: 503 {@code service_unavailable} with
 * {@code Retry-After}). Refusals are {@link Refused}s (until 1.1.0 the HTTP {@code ProblemException}s they are
 * answered as).
 */
@ProviderType
public interface UploadService {

    /** The multipart form field that carries the file. */
    String FILE_PART = "file";

    /**
     * The part named {@code file} of a {@code multipart/form-data} body (other parts are skipped, counted against a
     * small allowance).
     *
     * @throws Refused {@link Refused.Reason#NOT_MULTIPART} (415) when the content type is not multipart/form-data;
     *                 {@link Refused.Reason#MALFORMED_BODY} (400 {@code malformed_request}, field {@code file}) for a
     *                 body without a boundary, without a {@code file} part, or cut off; {@link Refused.Reason#TOO_LARGE};
     *                 {@link Refused.Reason#BUSY}
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
     *
     * @throws Refused {@link Refused.Reason#TOO_LARGE}; {@link Refused.Reason#MALFORMED_BODY} for a body that cannot be
     *                 read to its end; {@link Refused.Reason#BUSY}
     */
    Upload receiveBody(String contentType, String contentLength, InputStream body, long maxBytes);

    /**
     * Why an upload was refused; each reason has one {@link Refusal.Kind}, what the REST edge answers it as.
     *
     * @since 1.1.0
     */
    final class Refused extends Refusal {
        private static final long serialVersionUID = 1L;

        public enum Reason implements Refusal.Reason {
            /** The file passes the limit (413). */
            @As(Kind.TOO_LARGE) TOO_LARGE,
            /** A file part was expected but the body is not multipart/form-data (415). */
            @As(Kind.UNSUPPORTED_TYPE) NOT_MULTIPART,
            /** The body cannot be read as what it should be (400 {@code malformed_request}, field {@code file}). */
            @As(Kind.MALFORMED) MALFORMED_BODY,
            /** The node receives as many uploads as it takes at once; retry after {@link #retryAfterSeconds()} (503). */
            @As(Kind.BUSY) BUSY,
            /** The file is empty (400 {@code validation_failed}, field {@code file}). @since 1.3.0 */
            @As(Kind.INVALID) EMPTY_FILE,
            /** The file's content is not a type the endpoint takes, or not the type declared (415, field {@code file}). @since 1.3.0 */
            @As(Kind.UNSUPPORTED_TYPE) UNACCEPTED_TYPE
        }

        public Refused(Reason reason, String message, List<Field> fields, Long retryAfterSeconds) {
            super(reason, message, fields, retryAfterSeconds);
        }

        @Override
        public Reason reason() {
            return (Reason) super.reason();
        }
    }
}
