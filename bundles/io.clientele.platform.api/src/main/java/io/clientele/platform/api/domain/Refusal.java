package io.clientele.platform.api.domain;

import java.util.List;
import java.util.Objects;

/**
 * A service refusing a call, said in domain terms: the {@link Kind} of refusal (what the REST edge answers it as), a
 * stable machine-readable {@link #reason()} (an enum constant of the refusing contract), a human message and, for
 * bad input, the {@link Field}s at fault. Unchecked, like the refusals of a JAX-RS resource.
 *
 * <p>Each service contract declares its own subclass, naming its reasons in an enum and documenting on each method
 * which it throws; callers in other modules catch the reasons they can handle and let the rest pass. The REST edge
 * (platform.rest) answers any refusal that reaches it as the {@code application/problem+json} a
 * {@code ProblemException} of the same status, code, detail and field errors would give:
 * {@link Kind#INVALID} 400 {@code validation_failed}, {@link Kind#MALFORMED} 400 {@code malformed_request},
 * {@link Kind#FORBIDDEN} 403, {@link Kind#NOT_FOUND} 404, {@link Kind#CONFLICT} 409, {@link Kind#CHANGED} 412,
 * {@link Kind#TOO_LARGE} 413, {@link Kind#UNSUPPORTED_TYPE} 415, {@link Kind#BUSY} 503 with {@code Retry-After}.
 *
 * <p>Example, a contract and its refusal:
 * <pre>{@code
 * public interface LedgerService {
 *     // refuses NO_SUCH_ACCOUNT (NOT_FOUND), or AMOUNT (INVALID, naming the field amount)
 *     Entry post(String accountId, Money amount);
 *
 *     final class Refused extends Refusal {
 *         public enum Reason { NO_SUCH_ACCOUNT, AMOUNT }
 *
 *         public Refused(Kind kind, Reason reason, String message, List<Field> fields) {
 *             super(kind, reason, message, fields);
 *         }
 *
 *         @Override
 *         public Reason reason() {
 *             return (Reason) super.reason();
 *         }
 *     }
 * }
 *
 * // the implementation
 * throw new LedgerService.Refused(Refusal.Kind.NOT_FOUND, LedgerService.Refused.Reason.NO_SUCH_ACCOUNT,
 *         "Account " + accountId + " was not found.", List.of());
 *
 * // a caller in another module
 * try {
 *     ledger.post(accountId, amount);
 * } catch (LedgerService.Refused r) {
 *     if (r.reason() != LedgerService.Refused.Reason.NO_SUCH_ACCOUNT) {
 *         throw r;              // answered by the REST edge as it is
 *     }
 *     openAccountFirst();
 * }
 * }</pre>
 */
public abstract class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The message of an {@link Kind#INVALID} refusal whose fields say what is wrong. */
    public static final String INVALID_FIELDS = "The request has invalid fields.";

    /**
     * What kind of refusal it is, with its stable {@link #code()}: the problem code the REST API answers it with (the
     * REST edge adds the status), also what the shell prints.
     */
    public enum Kind {
        /** Input fields are invalid; {@link #fields()} names each (400 {@code validation_failed}). */
        INVALID("validation_failed"),
        /** The input cannot be read at all, e.g. a cut-off file (400 {@code malformed_request}). */
        MALFORMED("malformed_request"),
        /** The caller may not do this (403 {@code forbidden}). */
        FORBIDDEN("forbidden"),
        /** What the call names does not exist for the caller (404 {@code not_found}). */
        NOT_FOUND("not_found"),
        /** The call contradicts the current state, e.g. a name taken or a cancelled invoice (409 {@code conflict}). */
        CONFLICT("conflict"),
        /** The record changed since the caller read it; read again and retry (412 {@code precondition_failed}). */
        CHANGED("precondition_failed"),
        /** The input is larger than allowed (413 {@code payload_too_large}). */
        TOO_LARGE("payload_too_large"),
        /** The input is of a type not accepted (415 {@code unsupported_media_type}). */
        UNSUPPORTED_TYPE("unsupported_media_type"),
        /** Not now: too busy; retry after {@link #retryAfterSeconds()} (503 {@code service_unavailable}). */
        BUSY("service_unavailable");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The kind's stable machine-readable code, e.g. {@code validation_failed}. */
        public String code() {
            return code;
        }
    }

    /** One field at fault: its path as the caller named it (e.g. {@code admin.email}, {@code amount}) and what is wrong. */
    public record Field(String field, String message) {
        public Field {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final Kind kind;
    private final Enum<?> reason;
    private final List<Field> fields;
    private final Long retryAfterSeconds;

    protected Refusal(Kind kind, Enum<?> reason, String message, List<Field> fields) {
        this(kind, reason, message, fields, null);
    }

    protected Refusal(Kind kind, Enum<?> reason, String message, List<Field> fields, Long retryAfterSeconds) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.fields = fields == null ? List.of() : List.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    /** Why, as one constant of the refusing contract's reason enum; subclasses narrow the type. */
    public Enum<?> reason() {
        return reason;
    }

    /** The fields at fault, in the order found; empty when the refusal is not about particular fields. */
    public List<Field> fields() {
        return fields;
    }

    /** For {@link Kind#BUSY}: when to retry, in seconds; otherwise null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The message for something missing, as the REST API words it: {@code "<what> was not found."}. */
    public static String notFoundMessage(String what) {
        return what + " was not found.";
    }

    /** One field. */
    public static List<Field> field(String field, String message) {
        return List.of(new Field(field, message));
    }

    @Override
    public String toString() {
        return getClass().getName() + "[" + kind + " " + reason + "]: " + getMessage() + (fields.isEmpty() ? "" : " " + fields);
    }
}
