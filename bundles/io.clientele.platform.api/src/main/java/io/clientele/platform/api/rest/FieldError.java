package io.clientele.platform.api.rest;

/** One bad input field: its JSON path (e.g. {@code admin.email}, {@code limit}) and what is wrong with it. */
public record FieldError(String field, String message) {
}
