package io.clientele.ijob.impl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The JSON texts the module keeps in columns: a job's briefing, a timeline entry's changes, a template's definition. */
final class JsonText {

    static final TypeReference<Map<String, String>> BRIEFING = new TypeReference<>() {
    };
    static final TypeReference<List<Map<String, String>>> CHANGES = new TypeReference<>() {
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored text as {@code type}; null for no text. */
    static <T> T read(String text, TypeReference<T> type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }
}
