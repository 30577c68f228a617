package io.wagate.http.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The OpenAPI document as a test oracle: which operations it names, and whether a real response
 * (status, content type, JSON body) is one the document allows. Any test may use it to keep the
 * document honest about the routes it exercises: {@code contract.assertConforms("GET", "/v1/sessions/{session}", r)}.
 *
 * <p>The schema check covers the subset of OpenAPI 3.0 schemas the document uses ({@code $ref},
 * {@code allOf}, {@code oneOf}, {@code nullable}, {@code type}, {@code enum}, {@code required},
 * {@code properties}, {@code additionalProperties}, {@code items}, {@code pattern}, formats
 * {@code date-time} and {@code byte}). It is strict about objects: a property the schema does not
 * declare is a problem unless {@code additionalProperties} allows it, so new response fields must
 * be documented.
 */
public final class OpenApiContract {
    public static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}/]+)}");

    private final JsonNode document;

    public OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** The document as shipped on the classpath. */
    public static OpenApiContract fromClasspath() {
        try (var in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("/openapi.json is not on the classpath");
            }
            return new OpenApiContract(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every documented operation as "METHOD /path" (method upper case, path as written in the document). */
    public Set<String> operations() {
        var operations = new TreeSet<String>();
        for (var path : iterable(document.path("paths").fieldNames())) {
            for (String method : METHODS) {
                if (document.path("paths").path(path).has(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    public JsonNode operation(String method, String path) {
        var operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new AssertionError("the document has no operation " + method + " " + path);
        }
        return operation;
    }

    /** The operation's parameters with those of its path item, refs resolved. */
    public List<JsonNode> parameters(String method, String path) {
        var parameters = new ArrayList<JsonNode>();
        document.path("paths").path(path).path("parameters").forEach(p -> parameters.add(resolve(p)));
        operation(method, path).path("parameters").forEach(p -> parameters.add(resolve(p)));
        return parameters;
    }

    /** Names of the {@code {placeholders}} of a path template, in order. */
    public static List<String> templateParameters(String path) {
        var names = new ArrayList<String>();
        var matcher = TEMPLATE_PARAM.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** True when the operation overrides the global security with an empty list: no key needed. */
    public boolean isPublic(String method, String path) {
        var security = operation(method, path).get("security");
        return security != null && security.isArray() && security.isEmpty();
    }

    /** Follows {@code $ref}s within the document. */
    public JsonNode resolve(JsonNode node) {
        var current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new AssertionError("$ref loop at " + node);
            }
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("only local $refs are supported: " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new AssertionError("$ref " + ref + " points at nothing");
            }
        }
        return current;
    }

    /** Fails with every way the response disagrees with the document. */
    public void assertConforms(String method, String path, Api.Response response) {
        var problems = problems(method, path, response);
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered " + abbreviate(response.toString())
                    + "\nwhich the document does not allow:\n  - " + String.join("\n  - ", problems));
        }
    }

    public List<String> problems(String method, String path, Api.Response response) {
        var problems = new ArrayList<String>();
        var responses = operation(method, path).path("responses");
        var documented = responses.get(String.valueOf(response.status()));
        if (documented == null) {
            documented = responses.get(response.status() / 100 + "XX");
        }
        if (documented == null) {
            documented = responses.get("default");
        }
        if (documented == null) {
            problems.add("status " + response.status() + " is not documented (documented: "
                    + iterableToList(responses.fieldNames()) + ")");
            return problems;
        }
        var content = resolve(documented).path("content");
        if (content.isEmpty()) {
            if (response.bytes().length > 0) {
                problems.add("the document names no content for " + response.status() + " but the body is not empty");
            }
            return problems;
        }
        String contentType = response.header("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        var media = content.get(mediaType);
        if (media == null) {
            // A route that serves files of any type documents */* (or image/* and the like).
            media = content.has(mediaType.replaceFirst("/.*$", "/*")) ? content.get(mediaType.replaceFirst("/.*$", "/*"))
                    : content.get("*/*");
        }
        if (media == null) {
            problems.add("content type '" + contentType + "' is not documented for " + response.status()
                    + " (documented: " + iterableToList(content.fieldNames()) + ")");
            return problems;
        }
        if (mediaType.equals("application/json") && media.has("schema")) {
            JsonNode body;
            try {
                body = JSON.readTree(response.bytes());
            } catch (IOException e) {
                problems.add("the body is not JSON: " + e.getMessage());
                return problems;
            }
            validate(body, media.get("schema"), "$", false, problems);
        }
        return problems;
    }

    /** Problems of {@code value} against {@code schema}; {@code allowExtra} is set inside allOf branches. */
    public List<String> validate(JsonNode value, JsonNode schema) {
        var problems = new ArrayList<String>();
        validate(value, schema, "$", false, problems);
        return problems;
    }

    private void validate(JsonNode value, JsonNode schemaOrRef, String at, boolean allowExtra, List<String> problems) {
        var schema = resolve(schemaOrRef);
        if (value == null || value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(at + " is null but not nullable");
            }
            return;
        }
        if (schema.has("allOf")) {
            for (var branch : schema.get("allOf")) {
                validate(value, branch, at, true, problems);
            }
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            var why = new ArrayList<String>();
            for (var branch : schema.get("oneOf")) {
                var branchProblems = new ArrayList<String>();
                validate(value, branch, at, allowExtra, branchProblems);
                if (branchProblems.isEmpty()) {
                    matches++;
                } else {
                    why.addAll(branchProblems);
                }
            }
            if (matches != 1) {
                problems.add(at + " matches " + matches + " of the oneOf schemas, not exactly one " + why);
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (var allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(at + " is " + value + ", not one of " + schema.get("enum"));
            }
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> validateObject(value, schema, at, allowExtra, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(at + " should be an array: " + abbreviate(value.toString()));
                } else if (schema.has("items")) {
                    for (int i = 0; i < value.size(); i++) {
                        validate(value.get(i), schema.get("items"), at + "[" + i + "]", false, problems);
                    }
                }
            }
            case "string" -> validateString(value, schema, at, problems);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + " should be an integer: " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(at + " should be a number: " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(at + " should be true or false: " + value);
                }
            }
            case "" -> {
                if (schema.has("allOf") && !allowExtra && value.isObject()) {
                    checkUndeclared(value, schema, at, problems);
                }
            }
            default -> problems.add(at + ": the schema has an unknown type '" + type + "'");
        }
    }

    private void validateObject(JsonNode value, JsonNode schema, String at, boolean allowExtra, List<String> problems) {
        if (!value.isObject()) {
            problems.add(at + " should be an object: " + abbreviate(value.toString()));
            return;
        }
        for (var required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(at + "." + required.asText() + " is required but missing");
            }
        }
        var properties = schema.path("properties");
        var additional = schema.get("additionalProperties");
        for (var field : value.properties()) {
            String where = at + "." + field.getKey();
            if (properties.has(field.getKey())) {
                validate(field.getValue(), properties.get(field.getKey()), where, false, problems);
            } else if (additional != null && additional.isObject()) {
                validate(field.getValue(), additional, where, false, problems);
            }
        }
        if (!allowExtra) {
            checkUndeclared(value, schema, at, problems);
        }
    }

    private void checkUndeclared(JsonNode value, JsonNode schema, String at, List<String> problems) {
        var declared = new LinkedHashSet<String>();
        if (allowsAnyProperty(schema, declared)) {
            return;
        }
        for (var name : iterable(value.fieldNames())) {
            if (!declared.contains(name)) {
                problems.add(at + "." + name + " is not declared in the schema (declared: " + declared + ")");
            }
        }
    }

    /** Collects the declared properties of a schema and its allOf branches; true when any property goes. */
    private boolean allowsAnyProperty(JsonNode schemaOrRef, Set<String> declared) {
        var schema = resolve(schemaOrRef);
        var additional = schema.get("additionalProperties");
        if (additional != null && (additional.isObject() || additional.asBoolean(false))) {
            return true;
        }
        schema.path("properties").fieldNames().forEachRemaining(declared::add);
        for (var branch : schema.path("allOf")) {
            if (allowsAnyProperty(branch, declared)) {
                return true;
            }
        }
        return false;
    }

    private static void validateString(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(at + " should be a string: " + abbreviate(value.toString()));
            return;
        }
        String text = value.asText();
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(at + " '" + abbreviate(text) + "' does not match " + schema.get("pattern").asText());
        }
        switch (schema.path("format").asText("")) {
            case "date-time" -> {
                try {
                    OffsetDateTime.parse(text);
                } catch (DateTimeParseException e) {
                    problems.add(at + " '" + text + "' is not an RFC 3339 date-time");
                }
            }
            case "byte" -> {
                try {
                    Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    problems.add(at + " is not base64");
                }
            }
            default -> { }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

    private static List<String> iterableToList(Iterator<String> iterator) {
        var list = new ArrayList<String>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    /** Routes the server registers versus operations the document names, both as "METHOD /path". */
    public record RouteDiff(Set<String> undocumented, Set<String> notServed) {
        public static RouteDiff between(Set<String> registered, Set<String> documented) {
            var undocumented = new TreeSet<>(registered);
            undocumented.removeAll(documented);
            var notServed = new TreeSet<>(documented);
            notServed.removeAll(registered);
            return new RouteDiff(undocumented, notServed);
        }

        public boolean isEmpty() {
            return undocumented.isEmpty() && notServed.isEmpty();
        }

        public String describe() {
            var text = new StringBuilder("the OpenAPI document and the server's routes differ");
            if (!undocumented.isEmpty()) {
                text.append("\n  served but missing from src/main/resources/openapi.json:");
                undocumented.forEach(route -> text.append("\n    ").append(route));
            }
            if (!notServed.isEmpty()) {
                text.append("\n  in src/main/resources/openapi.json but no such route is registered:");
                notServed.forEach(route -> text.append("\n    ").append(route));
            }
            return text.toString();
        }
    }

    /** A route as Javalin names it, in the document's form: {@code <param>} becomes {@code {param}}. */
    public static String normalizeRoute(String method, String javalinPath) {
        return method.toUpperCase(Locale.ROOT) + " " + javalinPath.replaceAll("<([^>/]+)>", "{$1}");
    }

    /** Every {@code $ref} in the document, with where it sits, that points at nothing. */
    public List<String> danglingRefs() {
        var dangling = new ArrayList<String>();
        collectRefs(document, "#", dangling);
        return dangling;
    }

    private void collectRefs(JsonNode node, String at, List<String> dangling) {
        if (node.isObject()) {
            var ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || document.at(ref.asText().substring(1)).isMissingNode())) {
                dangling.add(at + " -> " + ref.asText());
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectRefs(field.getValue(), at + "/" + field.getKey(), dangling);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), at + "/" + i, dangling);
            }
        }
    }
}
