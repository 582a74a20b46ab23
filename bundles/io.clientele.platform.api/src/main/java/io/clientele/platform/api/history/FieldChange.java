package io.clientele.platform.api.history;

/** One field's old and new value, as text ({@code null} when absent). */
public record FieldChange(String field, String from, String to) {
}
