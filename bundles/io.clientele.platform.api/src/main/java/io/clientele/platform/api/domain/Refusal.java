package io.clientele.platform.api.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import io.clientele.platform.api.i18n.Messages;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service refusing a call, said in domain terms: the {@link Kind} of refusal (what the REST edge answers it as), a
 * stable machine-readable {@link #reason()} (an enum constant of the refusing contract), a human message and, for
 * bad input, the {@link Field}s at fault. Unchecked, like the refusals of a JAX-RS resource.
 *
 * <p>Each service contract declares its own subclass, naming its reasons in an enum that implements {@link Reason}
 * (each constant says its {@link Kind} with {@link As}) and documenting on each method which it throws; callers in
 * other modules catch the reasons they can handle and let the rest pass. The subclass is a constructor and the
 * {@link #reason()} narrowed to its enum; the shapes refusals have ({@link #notFound}, {@link #invalid},
 * {@link #onField}, {@link #of}) are made here. The REST edge
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
 *         public enum Reason implements Refusal.Reason {
 *             @As(Kind.NOT_FOUND) NO_SUCH_ACCOUNT,
 *             @As(Kind.INVALID) AMOUNT
 *         }
 *
 *         public Refused(Reason reason, String message, List<Field> fields) {
 *             super(reason, message, fields);
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
 * throw Refusal.notFound(LedgerService.Refused::new, LedgerService.Refused.Reason.NO_SUCH_ACCOUNT, "Account " + accountId);
 * throw Refusal.onField(LedgerService.Refused::new, LedgerService.Refused.Reason.AMOUNT, "amount", "must be positive");
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
 *
 * @since 1.1.0 {@link Reason}, {@link As}, {@link Maker}, the constructors taking a reason that knows its kind and the
 *        factories {@link #notFound}, {@link #invalid}, {@link #onField}, {@link #of}
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

    /**
     * One field at fault: its path as the caller named it (e.g. {@code admin.email}, {@code amount}), what is wrong (in
     * the request's language) and, when known, its machine {@code code} and the {@code params} the message names, as
     * {@code FieldError} has them.
     *
     * @since 1.2.0 {@code code} and {@code params}
     */
    public record Field(String field, String message, String code, Map<String, Object> params) {
        public Field {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        public Field(String field, String message) {
            this(field, message, null, Map.of());
        }

        /** @since 1.2.0 */
        public Field(String field, String message, String code) {
            this(field, message, code, Map.of());
        }
    }

    /**
     * Why a contract refuses: implemented by each contract's reason enum, whose constants each name their {@link Kind}
     * with {@link As}. An enum may override {@link #kind()} instead. Inside a subclass the simple name {@code Reason}
     * is this interface unless the subclass declares its own (as each contract's {@code Refused.Reason} does).
     *
     * @since 1.1.0
     */
    public interface Reason {
        /** The kind of refusal this reason is, what the REST edge answers it as: its constant's {@link As}. */
        default Kind kind() {
            return kindOf(this);
        }
    }

    /**
     * The {@link Kind} of a {@link Reason} enum's constant, e.g. {@code @As(Kind.NOT_FOUND) BUDGET_NOT_FOUND}.
     *
     * @since 1.1.0
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface As {
        Kind value();
    }

    /**
     * How a contract makes its refusal, for the factories here: its {@code Refused::new}.
     *
     * @param <R> the contract's reason enum
     * @param <T> the contract's refusal
     * @since 1.1.0
     */
    @FunctionalInterface
    public interface Maker<R extends Reason, T extends Refusal> {
        T make(R reason, String message, List<Field> fields);
    }

    /** Each {@link Reason} enum's kinds by ordinal, read once from its constants' {@link As}. */
    private static final ClassValue<Kind[]> KINDS = new ClassValue<>() {
        @Override
        protected Kind[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            Kind[] kinds = new Kind[constants.length];
            for (Object constant : constants) {
                Enum<?> reason = (Enum<?>) constant;
                As as;
                try {
                    as = type.getDeclaredField(reason.name()).getAnnotation(As.class);
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
                if (as == null) {
                    throw new IllegalStateException(type.getName() + "." + reason.name() + " says no @Refusal.As kind");
                }
                kinds[reason.ordinal()] = as.value();
            }
            return kinds;
        }
    };

    private static Kind kindOf(Reason reason) {
        if (!(reason instanceof Enum<?> constant)) {
            throw new IllegalStateException(reason.getClass().getName() + " is no enum: it must override kind()");
        }
        return KINDS.get(constant.getDeclaringClass())[constant.ordinal()];
    }

    private final Kind kind;
    private final Enum<?> reason;
    private final List<Field> fields;
    private final Long retryAfterSeconds;

    protected Refusal(Kind kind, Enum<?> reason, String message, List<Field> fields) {
        this(kind, reason, message, fields, null);
    }

    /**
     * A refusal of the reason's {@link Reason#kind()}.
     *
     * @since 1.1.0
     */
    protected <R extends Enum<R> & Reason> Refusal(R reason, String message, List<Field> fields) {
        this(reason.kind(), reason, message, fields, null);
    }

    /**
     * A refusal of the reason's {@link Reason#kind()}, for {@link Kind#BUSY} with when to retry.
     *
     * @since 1.1.0
     */
    protected <R extends Enum<R> & Reason> Refusal(R reason, String message, List<Field> fields, Long retryAfterSeconds) {
        this(reason.kind(), reason, message, fields, retryAfterSeconds);
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

    /**
     * The message for something missing, as the REST API words it: {@code "<what> was not found."} (in the request's
     * language).
     */
    public static String notFoundMessage(String what) {
        return Messages.PLATFORM.text("problem.not_found", Map.of("what", what));
    }

    /** The message of an {@link Kind#INVALID} refusal whose fields say what is wrong, in the request's language. @since 1.2.0 */
    public static String invalidFieldsMessage() {
        return Messages.PLATFORM.text("problem.validation_failed");
    }

    /** One field. */
    public static List<Field> field(String field, String message) {
        return List.of(new Field(field, message));
    }

    /**
     * Something missing: {@link #notFoundMessage(String)} as message, no fields; e.g.
     * {@code Refusal.notFound(Refused::new, Reason.BUDGET_NOT_FOUND, "Budget " + id)}.
     *
     * @since 1.1.0
     */
    public static <R extends Reason, T extends Refusal> T notFound(Maker<R, T> refused, R reason, String what) {
        return refused.make(reason, notFoundMessage(what), List.of());
    }

    /**
     * Bad input naming every field at fault, with {@link #INVALID_FIELDS} as message (what {@code FieldErrors} collects).
     *
     * @since 1.1.0
     */
    public static <R extends Reason, T extends Refusal> T invalid(Maker<R, T> refused, R reason, List<Field> fields) {
        return refused.make(reason, invalidFieldsMessage(), fields);
    }

    /**
     * A refusal naming one field: an {@link Kind#INVALID} reason has {@link #INVALID_FIELDS} as message, any other the
     * field's message (e.g. a {@link Kind#CONFLICT} on a taken name).
     *
     * @since 1.1.0
     */
    public static <R extends Reason, T extends Refusal> T onField(Maker<R, T> refused, R reason, String field, String message) {
        return refused.make(reason, reason.kind() == Kind.INVALID ? invalidFieldsMessage() : message, field(field, message));
    }

    /**
     * A refusal naming one field with its machine code ({@code required}, {@code not_allowed}, …), as
     * {@link #onField(Maker, Reason, String, String)}.
     *
     * @since 1.2.0
     */
    public static <R extends Reason, T extends Refusal> T onField(Maker<R, T> refused, R reason, String field, String code, String message) {
        return refused.make(reason, reason.kind() == Kind.INVALID ? invalidFieldsMessage() : message,
                List.of(new Field(field, message, code)));
    }

    /**
     * A refusal that names no field, e.g. a {@link Kind#CONFLICT} or {@link Kind#CHANGED} with its message.
     *
     * @since 1.1.0
     */
    public static <R extends Reason, T extends Refusal> T of(Maker<R, T> refused, R reason, String message) {
        return refused.make(reason, message, List.of());
    }

    @Override
    public String toString() {
        return getClass().getName() + "[" + kind + " " + reason + "]: " + getMessage() + (fields.isEmpty() ? "" : " " + fields);
    }
}
