package io.clientele.platform.impl.internal.upload;

import io.clientele.platform.api.rest.ProblemException;

/** The problems an upload is refused with. */
final class UploadProblems {

    static final String FIELD = "file";

    private UploadProblems() {
    }

    static ProblemException tooLarge(String limitText) {
        return ProblemException.payloadTooLarge("The file is larger than the limit of " + limitText + " bytes.");
    }

    static ProblemException malformed(String detail) {
        return ProblemException.malformed(detail, FIELD);
    }
}
