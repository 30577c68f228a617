package io.wagate.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool's input schema: a JSON Schema object whose properties are described for an agent that has not read
 * the README. Unknown properties are refused, as the {@code /v1} bodies refuse unknown fields.
 */
final class InputSchema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static InputSchema object() {
        return new InputSchema();
    }

    /** The session every tool but the listing needs, named the same way everywhere. */
    InputSchema session() {
        return required("session", string("The session's name, as list_sessions shows it (e.g. \"default\")."));
    }

    InputSchema required(String name, Map<String, Object> property) {
        properties.put(name, property);
        required.add(name);
        return this;
    }

    InputSchema optional(String name, Map<String, Object> property) {
        properties.put(name, property);
        return this;
    }

    Map<String, Object> build() {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> integer(String description, int minimum, int maximum) {
        return Map.of("type", "integer", "description", description, "minimum", minimum, "maximum", maximum);
    }

    static Map<String, Object> number(String description) {
        return Map.of("type", "number", "description", description);
    }

    static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    static Map<String, Object> strings(String description) {
        return Map.of("type", "array", "items", Map.of("type", "string"), "description", description);
    }

    /** A chat id in any of the forms the API takes. */
    static Map<String, Object> chatId() {
        return string("The chat: a phone number's chat as \"<digits>@c.us\" (e.g. \"14155550123@c.us\"), a group "
                + "as \"<id>@g.us\", a channel as \"<id>@newsletter\".");
    }
}
