package io.clientele.platform.impl.internal.upload;

import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.i18n.Messages;
import io.clientele.platform.api.upload.UploadService.Refused;
import io.clientele.platform.api.upload.UploadService.Refused.Reason;
import java.util.List;
import java.util.Map;

/** The refusals an upload is refused with ({@link Refused}): the one place that words them. */
final class UploadProblems {

    static final String FIELD = "file";

    private UploadProblems() {
    }

    static Refused tooLarge(String limitText) {
        return new Refused(Reason.TOO_LARGE, Messages.PLATFORM.text("upload.too_large", Map.of("limit", limitText)), List.of(), null);
    }

    static Refused malformed(String detail) {
        return new Refused(Reason.MALFORMED_BODY, detail, Refusal.field(FIELD, detail), null);
    }

    static Refused notMultipart(String detail) {
        return new Refused(Reason.NOT_MULTIPART, detail, List.of(), null);
    }

    static Refused busy(String detail, long retryAfterSeconds) {
        return new Refused(Reason.BUSY, detail, List.of(), retryAfterSeconds);
    }
}
