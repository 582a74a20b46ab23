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
            throw refusal.apply(errors.stream().map(e -> new Refusal.Field(e.field(), e.message())).toList());
        }
    }
}
