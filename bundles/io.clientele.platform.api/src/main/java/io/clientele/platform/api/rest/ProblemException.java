package io.clientele.platform.api.rest;

import java.util.List;

/**
 * An error the API answers as {@code application/problem+json} with the given status and code.
 * Use the factory methods; codes are those of the REST contract.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String code, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException malformed(String detail, String field) {
        return new ProblemException(400, "malformed_request", detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)), null);
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(400, "validation_failed", "The request has invalid fields.", errors, null);
    }

    public static ProblemException invalid(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", detail, null, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", detail, null, null);
    }

    public static ProblemException moduleNotEnabled(String moduleId) {
        return new ProblemException(403, "module_not_enabled",
                "The module '" + moduleId + "' is not enabled for this agency.", null, null);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not_found", what + " was not found.", null, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", detail, null, null);
    }

    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, "conflict", detail, List.of(new FieldError(field, detail)), null);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition_failed", detail, null, null);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(413, "payload_too_large", detail, null, null);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "unsupported_media_type", detail, null, null);
    }

    public static ProblemException rateLimited(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "rate_limited", detail, null, Math.max(1, retryAfterSeconds));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "service_unavailable", detail, null, null);
    }
}
