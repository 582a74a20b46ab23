package io.clientele.platform.api.rest;

import io.clientele.platform.api.i18n.Messages;
import java.util.List;
import java.util.Map;

/**
 * An error the API answers as {@code application/problem+json} with the given status and code.
 * Use the factory methods; codes are those of the REST contract. The details the factories word themselves
 * ({@link #validation}, {@link #notFound}, {@link #moduleNotEnabled}) are in the request's language
 * ({@link io.clientele.platform.api.i18n.Locales#current()}); a detail or message passed in is written by the caller, in
 * the request's language too when it comes from its bundle's {@link Messages}.
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
        return new ProblemException(400, "validation_failed", Messages.PLATFORM.text("problem.validation_failed"), errors, null);
    }

    public static ProblemException invalid(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    /** 400 {@code validation_failed} naming one field with its code, e.g. {@code invalid(FieldError.required("body"))}. @since 1.5.0 */
    public static ProblemException invalid(FieldError error) {
        return validation(List.of(error));
    }

    /** 400 {@code validation_failed}: {@code field} with a message and code. @since 1.5.0 */
    public static ProblemException invalid(String field, String code, String message) {
        return validation(List.of(new FieldError(field, message, code)));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", detail, null, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", detail, null, null);
    }

    public static ProblemException moduleNotEnabled(String moduleId) {
        return new ProblemException(403, "module_not_enabled",
                Messages.PLATFORM.text("problem.module_not_enabled", Map.of("module", moduleId)), null, null);
    }

    /** 404 {@code not_found}: "{what} was not found." ({@code what} as the caller words it, e.g. "Invoice 12"). */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not_found", Messages.PLATFORM.text("problem.not_found", Map.of("what", what)), null, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", detail, null, null);
    }

    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, "conflict", detail, List.of(new FieldError(field, detail)), null);
    }

    /** 409 {@code conflict} naming a field, with the field error's code. @since 1.5.0 */
    public static ProblemException conflict(String field, String code, String detail) {
        return new ProblemException(409, "conflict", detail, List.of(new FieldError(field, detail, code)), null);
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
