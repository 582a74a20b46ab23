package io.clientele.platform.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import io.clientele.platform.api.domain.Refusal;

/** Collects every bad field of a request, then fails once naming all of them. */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /**
     * Adds a field error with its machine {@code code} and its message in the request's language (the module's own
     * {@code Messages}).
     *
     * @since 1.5.0
     */
    public FieldErrors add(String field, String code, String message) {
        errors.add(new FieldError(field, message, code));
        return this;
    }

    /** Adds one field error as made, e.g. {@code FieldError.tooLong("subject", 200)}. @since 1.5.0 */
    public FieldErrors add(FieldError error) {
        errors.add(error);
        return this;
    }

    /** Adds {@code required}: "is required" in the request's language. @since 1.5.0 */
    public FieldErrors required(String field) {
        return add(FieldError.required(field));
    }

    /** Adds {@code too_long} with {@code max}: "must be at most {max} characters" in the request's language. @since 1.5.0 */
    public FieldErrors tooLong(String field, int max) {
        return add(FieldError.tooLong(field, max));
    }

    public FieldErrors require(boolean condition, String field, String message) {
        if (!condition) {
            add(field, message);
        }
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** Throws 400 {@code validation_failed} naming every collected field, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    /**
     * Throws the service's own refusal naming every collected field, if any: {@code refusal} makes it from the fields,
     * e.g. {@code errors.refuseIfAny(fields -> Refusal.invalid(Refused::new, Reason.AMOUNT, fields))}. Answered at the REST edge
     * exactly as {@link #throwIfAny()}'s 400 {@code validation_failed} when the refusal is {@link Refusal.Kind#INVALID}
     * with {@link Refusal#INVALID_FIELDS}.
     *
     * @since 1.2.0
     */
    public void refuseIfAny(Function<List<Refusal.Field>, ? extends Refusal> refusal) {
        if (!errors.isEmpty()) {
            throw refusal.apply(errors.stream().map(e -> new Refusal.Field(e.field(), e.message(), e.code(), e.params())).toList());
        }
    }
}
