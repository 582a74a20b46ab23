package io.clientele.platform.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clientele.platform.api.i18n.Messages;
import java.util.Map;

/**
 * One bad input field: its JSON path (e.g. {@code admin.email}, {@code limit}), what is wrong with it for people (in the
 * request's language, see {@link io.clientele.platform.api.i18n.Locales}) and, when known, a stable machine
 * {@code code} ({@code required}, {@code too_long}, {@code invalid_email}, {@code not_allowed}, {@code weak_password}, …)
 * with the {@code params} the message names (e.g. {@code max}), so a client may word it itself.
 *
 * @since 1.5.0 {@code code} and {@code params}
 */
public record FieldError(String field, String message,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String code,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> params) {

    public FieldError {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** A field error without code (the API before codes). */
    public FieldError(String field, String message) {
        this(field, message, null, Map.of());
    }

    /** A field error with its code and no parameters. */
    public FieldError(String field, String message, String code) {
        this(field, message, code, Map.of());
    }

    /**
     * The platform's wording of a common {@code code} (key {@code field.<code>} of the platform's messages), in the
     * request's language, e.g. {@code FieldError.of("subject", "too_long", Map.of("max", 200))}: "must be at most 200
     * characters" / "deve ter no máximo 200 caracteres".
     */
    public static FieldError of(String field, String code, Map<String, ?> params) {
        Map<String, Object> copy = params == null ? Map.of() : Map.copyOf(params);
        return new FieldError(field, Messages.PLATFORM.text("field." + code, copy), code, copy);
    }

    /** {@code required}: "is required". */
    public static FieldError required(String field) {
        return of(field, "required", Map.of());
    }

    /** {@code too_long} with {@code max}: "must be at most {max} characters". */
    public static FieldError tooLong(String field, int max) {
        return of(field, "too_long", Map.of("max", max));
    }
}
