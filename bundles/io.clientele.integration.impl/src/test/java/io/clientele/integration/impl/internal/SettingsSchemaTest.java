package io.clientele.integration.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.domain.Refusal;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks the platform makes of settings by a provider's schema, and the sanity check of the schema itself. */
class SettingsSchemaTest {

    static final String SCHEMA = """
        {"type": "object", "required": ["url", "token"], "properties": {
          "url":     {"type": "string", "format": "uri"},
          "token":   {"type": "string", "writeOnly": true, "minLength": 8, "maxLength": 64},
          "mode":    {"type": "string", "enum": ["live", "sandbox"]},
          "retries": {"type": "integer", "enum": [0, 1, 3]},
          "ratio":   {"type": "number"},
          "enabled": {"type": "boolean"},
          "tags":    {"type": "array"},
          "extra":   {"type": "object"},
          "either":  {"type": ["string", "integer"]},
          "anything": {}}}""";

    private static List<Refusal.Field> check(Map<String, Object> settings) {
        return SettingsSchema.parse(SCHEMA).check(JsonValues.normalizeMap(settings));
    }

    private static Map<String, Object> valid() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", "https://example.com/hook");
        m.put("token", "12345678");
        return m;
    }

    @Test
    void validSettingsPass() {
        Map<String, Object> s = valid();
        s.put("mode", "live");
        s.put("retries", 3);
        s.put("ratio", new BigDecimal("0.5"));
        s.put("enabled", true);
        s.put("tags", List.of("a"));
        s.put("extra", Map.of("k", 1));
        s.put("either", 7);
        s.put("anything", List.of());
        s.put("mode", null); // null: absent
        assertEquals(List.of(), check(s));
        Map<String, Object> wholeDecimal = valid();
        wholeDecimal.put("retries", new BigDecimal("1.0"));
        assertEquals(List.of(), check(wholeDecimal), "1.0 is the integer 1");
    }

    @Test
    void everyProblemIsNamedAsSettingsDotName() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("token", "short");
        s.put("mode", "test");
        s.put("retries", 2);
        s.put("ratio", "0.5");
        s.put("enabled", "yes");
        s.put("tags", "a");
        s.put("extra", List.of());
        s.put("either", true);
        s.put("unknown", 1);
        assertEquals(List.of(
                new Refusal.Field("settings.token", "must have at least 8 characters"),
                new Refusal.Field("settings.mode", "must be one of \"live\", \"sandbox\""),
                new Refusal.Field("settings.retries", "must be one of 0, 1, 3"),
                new Refusal.Field("settings.ratio", "must be a number"),
                new Refusal.Field("settings.enabled", "must be a boolean"),
                new Refusal.Field("settings.tags", "must be an array"),
                new Refusal.Field("settings.extra", "must be an object"),
                new Refusal.Field("settings.either", "must be a string or an integer"),
                new Refusal.Field("settings.unknown", "is not a setting of this provider"),
                new Refusal.Field("settings.url", "is required")), check(s));
        Map<String, Object> tooLong = valid();
        tooLong.put("token", "x".repeat(65));
        assertEquals(List.of(new Refusal.Field("settings.token", "must have at most 64 characters")), check(tooLong));
        Map<String, Object> notInteger = valid();
        notInteger.put("retries", new BigDecimal("1.5"));
        assertEquals(List.of(new Refusal.Field("settings.retries", "must be an integer")), check(notInteger));
        Map<String, Object> codePoints = valid();
        codePoints.put("token", "🙂🙂🙂🙂🙂🙂🙂🙂"); // 8 characters, 16 UTF-16 units
        assertEquals(List.of(), check(codePoints));
    }

    @Test
    void secretsAreTheWriteOnlyProperties() {
        SettingsSchema schema = SettingsSchema.parse(SCHEMA);
        assertTrue(schema.isSecret("token"));
        assertFalse(schema.isSecret("url"));
        Map<String, Object> s = valid();
        s.put("mode", null);
        SettingsSchema.Split split = schema.split(s);
        assertEquals(Map.of("url", "https://example.com/hook"), split.plain());
        assertEquals(Map.of("token", "12345678"), split.secret());
    }

    @Test
    void theSchemaAsJsonForClients() {
        Object json = SettingsSchema.parse(SCHEMA).json();
        assertTrue(json instanceof Map<?, ?> m && ((Map<?, ?>) m.get("properties")).containsKey("token"), String.valueOf(json));
    }

    @Test
    void unusableSchemasAreRefusedWithTheReason() {
        for (String bad : new String[] {null, "", "not json", "[]", "\"x\"", "{}", "{\"type\":\"array\",\"properties\":{}}",
                "{\"properties\":[]}", "{\"properties\":{\"a\":1}}", "{\"properties\":{\"a\":{\"type\":\"date\"}}}",
                "{\"properties\":{\"a\":{\"type\":[]}}}", "{\"properties\":{\"a\":{\"enum\":[]}}}", "{\"properties\":{\"a\":{\"enum\":\"x\"}}}",
                "{\"properties\":{\"a\":{\"minLength\":-1}}}", "{\"properties\":{\"a\":{\"maxLength\":1.5}}}",
                "{\"properties\":{\"a\":{\"minLength\":3,\"maxLength\":2}}}", "{\"properties\":{\"a\":{\"writeOnly\":\"yes\"}}}",
                "{\"properties\":{\"a\":{}},\"required\":\"a\"}", "{\"properties\":{\"a\":{}},\"required\":[\"b\"]}",
                "{\"properties\":{\"\":{}}}"}) {
            assertThrows(IllegalArgumentException.class, () -> SettingsSchema.parse(bad), String.valueOf(bad));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SettingsSchema.parse("{\"properties\":{\"a\":{}},\"required\":[\"b\"]}"))
                .getMessage().contains("\"b\""));
        SettingsSchema.parse("{\"properties\":{}}"); // no settings at all is fine
    }
}
