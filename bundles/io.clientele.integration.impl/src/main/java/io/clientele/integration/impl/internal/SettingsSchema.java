package io.clientele.integration.impl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.api.domain.Refusal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A provider's settings schema, read once when the provider arrives, and the checks the platform makes of settings
 * against it — exactly what {@link io.clientele.integration.api.IntegrationProvider#settingsSchema()} promises, for
 * each top-level property: {@code required}, {@code type}, {@code enum}, {@code minLength}/{@code maxLength}, and no
 * property the schema does not name. Secret properties are those marked {@code "writeOnly": true}. Each problem is a
 * {@link Refusal.Field} named {@code settings.<name>}.
 */
final class SettingsSchema {

    static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object", "null");

    /** One top-level property: its allowed types (empty: any), allowed values (null: any), length bounds, secrecy. */
    record Property(String name, Set<String> types, List<Object> allowed, Integer minLength, Integer maxLength, boolean secret) {
    }

    private final Map<String, Property> properties;
    private final Set<String> required;
    private final Object json;

    private SettingsSchema(Map<String, Property> properties, Set<String> required, Object json) {
        this.properties = properties;
        this.required = required;
        this.json = json;
    }

    /**
     * Reads and sanity-checks a schema: a JSON object with {@code "type": "object"} (when given) and {@code properties}
     * an object of property schemas, whose {@code type}, {@code enum}, {@code minLength}, {@code maxLength},
     * {@code writeOnly} and the schema's {@code required} have the shapes JSON Schema gives them.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static SettingsSchema parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the settings schema is empty");
        }
        JsonNode root = JsonValues.tree(text);
        if (!root.isObject()) {
            throw new IllegalArgumentException("the settings schema is not a JSON object");
        }
        if (root.has("type") && !"object".equals(root.get("type").asText(null))) {
            throw new IllegalArgumentException("the settings schema's type is not \"object\"");
        }
        JsonNode props = root.get("properties");
        if (props == null || !props.isObject()) {
            throw new IllegalArgumentException("the settings schema has no \"properties\" object");
        }
        Map<String, Property> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String name = p.getKey();
            if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("a property name is empty, longer than 100 characters or has control characters");
            }
            properties.put(name, property(name, p.getValue()));
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode req = root.get("required");
        if (req != null) {
            if (!req.isArray()) {
                throw new IllegalArgumentException("\"required\" is not an array");
            }
            for (JsonNode r : req) {
                if (!r.isTextual() || !properties.containsKey(r.asText())) {
                    throw new IllegalArgumentException("\"required\" names " + r + ", which is not one of the properties");
                }
                required.add(r.asText());
            }
        }
        return new SettingsSchema(Map.copyOf(properties), Set.copyOf(required), JsonValues.plain(root));
    }

    private static Property property(String name, JsonNode schema) {
        String where = "property '" + name + "'";
        if (!schema.isObject()) {
            throw new IllegalArgumentException(where + " is not a schema object");
        }
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.get("type");
        if (type != null) {
            List<JsonNode> listed = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(listed::add);
            } else {
                listed.add(type);
            }
            for (JsonNode t : listed) {
                if (!t.isTextual() || !TYPES.contains(t.asText())) {
                    throw new IllegalArgumentException(where + ": type " + t + " is not one of " + new java.util.TreeSet<>(TYPES));
                }
                types.add(t.asText());
            }
            if (types.isEmpty()) {
                throw new IllegalArgumentException(where + ": type names no type");
            }
        }
        List<Object> allowed = null;
        JsonNode values = schema.get("enum");
        if (values != null) {
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException(where + ": enum is not a non-empty array");
            }
            allowed = new ArrayList<>();
            for (JsonNode v : values) {
                allowed.add(JsonValues.plain(v));
            }
        }
        Integer min = length(where, schema, "minLength");
        Integer max = length(where, schema, "maxLength");
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException(where + ": minLength is greater than maxLength");
        }
        JsonNode writeOnly = schema.get("writeOnly");
        if (writeOnly != null && !writeOnly.isBoolean()) {
            throw new IllegalArgumentException(where + ": writeOnly is not true or false");
        }
        return new Property(name, java.util.Collections.unmodifiableSet(types), allowed == null ? null : List.copyOf(allowed), min, max,
                writeOnly != null && writeOnly.asBoolean());
    }

    private static Integer length(String where, JsonNode schema, String keyword) {
        JsonNode n = schema.get(keyword);
        if (n == null) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
            throw new IllegalArgumentException(where + ": " + keyword + " is not a whole number of at least 0");
        }
        return n.asInt();
    }

    /** The schema as plain JSON values, as {@code GET /integrations/providers} shows it. */
    Object json() {
        return json;
    }

    /** Whether {@code name} is a secret ({@code writeOnly}) property. */
    boolean isSecret(String name) {
        Property p = properties.get(name);
        return p != null && p.secret();
    }

    boolean names(String name) {
        return properties.containsKey(name);
    }

    /**
     * What is wrong with {@code settings} (normalized JSON values, nulls meaning absent) by the schema, one field per
     * problem in the order of the settings, then of the required properties; empty when nothing is.
     */
    List<Refusal.Field> check(Map<String, Object> settings) {
        List<Refusal.Field> problems = new ArrayList<>();
        settings.forEach((name, value) -> {
            Property p = properties.get(name);
            if (p == null) {
                problems.add(field(name, "is not a setting of this provider"));
            } else if (value != null) {
                String problem = problem(p, value);
                if (problem != null) {
                    problems.add(field(name, problem));
                }
            }
        });
        for (String name : required) {
            if (settings.get(name) == null) {
                problems.add(field(name, "is required"));
            }
        }
        return problems;
    }

    private static Refusal.Field field(String name, String message) {
        return new Refusal.Field("settings." + name, message);
    }

    private static String problem(Property p, Object value) {
        if (!p.types().isEmpty() && p.types().stream().noneMatch(t -> isOfType(t, value))) {
            return "must be " + p.types().stream().map(SettingsSchema::article).collect(Collectors.joining(" or "));
        }
        if (p.allowed() != null && p.allowed().stream().noneMatch(a -> same(a, value))) {
            return "must be one of " + p.allowed().stream().map(JsonValues::write).collect(Collectors.joining(", "));
        }
        if (value instanceof String s) {
            int length = s.codePointCount(0, s.length());
            if (p.minLength() != null && length < p.minLength()) {
                return "must have at least " + p.minLength() + " characters";
            }
            if (p.maxLength() != null && length > p.maxLength()) {
                return "must have at most " + p.maxLength() + " characters";
            }
        }
        return null;
    }

    private static boolean isOfType(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Long || (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0);
            case "number" -> value instanceof Long || value instanceof BigDecimal;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List;
            case "object" -> value instanceof Map;
            default -> false; // "null": a null value is an absent one and never checked
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "array", "object" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    /** JSON equality: numbers by value ({@code 1} equals {@code 1.0}), everything else by {@code equals}. */
    private static boolean same(Object a, Object b) {
        if ((a instanceof Long || a instanceof BigDecimal) && (b instanceof Long || b instanceof BigDecimal)) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** {@code settings} split into the plain ones and the secret ({@code writeOnly}) ones, nulls dropped. */
    Split split(Map<String, Object> settings) {
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Object> secret = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (value != null) {
                (isSecret(name) ? secret : plain).put(name, value);
            }
        });
        return new Split(plain, secret);
    }

    record Split(Map<String, Object> plain, Map<String, Object> secret) {
    }
}
