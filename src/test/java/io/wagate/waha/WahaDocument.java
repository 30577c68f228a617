package io.wagate.waha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi30;
import io.wagate.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** WAHA's OpenAPI document (src/test/resources/waha/NOTICE.md names its source and version) as the tests use it. */
final class WahaDocument {
    /** The document's name for the validator (.invalid: never looked up; the registry is given its text). */
    private static final String DOCUMENT = "https://waha.invalid/openapi.json";
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode WAHA = read();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(OpenApi30.getInstance(),
            builder -> builder.schemas(Map.of(DOCUMENT, corrected(WAHA))));

    private WahaDocument() {}

    private static JsonNode read() {
        try (var in = WahaDocument.class.getResourceAsStream("/waha/openapi.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * WAHA's document with its generator's one defect mended: a TypeScript union or enum of scalars written as
     * {@code type: object} (WebhookConfig.events' items, MessagePoll.multipleAnswers, the voice and video files'
     * mimetype and filename, the webhooks' event), while its defaults, enums, examples and WAHA's answers carry
     * strings or booleans: such a property loses its {@code type}. And sendPollVote's {@code votes}, an array of
     * strings in WAHA's examples, written as an array of arrays. The rest of the schema stands.
     */
    private static String corrected(JsonNode document) {
        var copy = (ObjectNode) document.deepCopy();
        var events = (ObjectNode) copy.at("/components/schemas/WebhookConfig/properties/events");
        assertThat(events.at("/items/type").asText()).as("the defect is still in WAHA's document").isEqualTo("object");
        events.set("items", JSON.createObjectNode().put("type", "string"));
        int mended = 0;
        for (var schema : copy.path("components").path("schemas")) {
            for (var property : schema.path("properties")) {
                boolean scalar = property.has("enum") || (property.has("default") && property.get("default").isValueNode()
                        && !property.get("default").isNull());
                if (property.path("type").asText().equals("object") && !property.has("properties") && scalar) {
                    ((ObjectNode) property).remove("type");
                    mended++;
                }
                // An item decorator's "required: true" made MessagePollVoteRequest.votes an array of arrays.
                if (property.path("items").path("required").isBoolean()) {
                    ((ObjectNode) property).set("items", property.path("items").path("items"));
                    mended++;
                }
            }
        }
        assertThat(mended).as("scalars typed object in WAHA's document").isPositive();
        return copy.toString();
    }

    /** Every operation WAHA documents, as "METHOD /path". */
    static List<String> operations() {
        var documented = new ArrayList<String>();
        WAHA.path("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            if (List.of("get", "post", "put", "delete", "patch").contains(m.getKey())) {
                documented.add(m.getKey().toUpperCase() + " " + p.getKey());
            }
        }));
        return documented;
    }

    /** The response to {@code method path} answers {@code status} with a body WAHA's document allows for it. */
    static JsonNode assertAnswers(Api.Response response, String method, String path, int status) {
        assertThat(response.status()).as(method + " " + path + ": " + response).isEqualTo(status);
        var operation = operation(method, path);
        assertThat(operation.path("responses").has(String.valueOf(status)))
                .as("WAHA documents " + status + " for " + method + " " + path).isTrue();
        var content = operation.path("responses").path(String.valueOf(status)).path("content");
        if (!content.has("application/json")) {
            return response.bytes().length == 0 ? null : response.json();
        }
        var body = response.json();
        assertValid(body, "/paths/" + escape(path) + "/" + method.toLowerCase() + "/responses/" + status
                + "/content/application~1json/schema", method + " " + path + " answered " + body);
        return body;
    }

    /** A request body valid under WAHA's schema for {@code method path} (the tests' own requests are WAHA's). */
    static Object assertRequest(String method, String path, Object request) {
        assertValid(JSON.valueToTree(request), "/paths/" + escape(path) + "/" + method.toLowerCase()
                + "/requestBody/content/application~1json/schema", "a WAHA request of " + method + " " + path);
        return request;
    }

    /** A named schema of WAHA's document, for bodies no operation answers (webhook envelopes). */
    static void assertSchema(JsonNode body, String schema) {
        assertValid(body, "/components/schemas/" + schema, schema + ": " + body);
    }

    private static void assertValid(JsonNode body, String pointer, String what) {
        var schema = SCHEMAS.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer));
        assertThat(schema.validate(body)).as(what).isEmpty();
    }

    static JsonNode operation(String method, String path) {
        var operation = WAHA.path("paths").path(path).path(method.toLowerCase());
        assertThat(operation.isMissingNode()).as("WAHA documents " + method + " " + path).isFalse();
        return operation;
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    /** WAHA's examples of a request body, each with its name. */
    static Map<String, JsonNode> examples(String method, String path) {
        var examples = operation(method, path).path("requestBody").path("content")
                .path("application/json").path("examples");
        var found = new LinkedHashMap<String, JsonNode>();
        examples.properties().forEach(e -> found.put(e.getKey(), e.getValue().path("value")));
        assertThat(found).as("WAHA's examples of " + method + " " + path).isNotEmpty();
        return found;
    }

    /**
     * The request WAHA's schema describes by its properties' examples and defaults (the chatting operations have no
     * whole examples), with {@code overrides} put over it (a test's own chat, session and file). Properties with
     * neither, and those set to null in the document, are left out; so is the pre-generated {@code id}.
     */
    static ObjectNode exampleOf(String method, String path, Map<String, ?> overrides) {
        var ref = operation(method, path).at("/requestBody/content/application~1json/schema/$ref").asText();
        var schema = WAHA.at(ref.substring(1));
        var example = JSON.createObjectNode();
        schema.path("properties").properties().forEach(p -> {
            var value = p.getValue().has("example") ? p.getValue().get("example") : p.getValue().get("default");
            if (value != null && !value.isNull() && !p.getKey().equals("id")) {
                example.set(p.getKey(), value);
            }
        });
        overrides.forEach((k, v) -> example.set(k, JSON.valueToTree(v)));
        assertRequest(method, path, example);
        return example;
    }
}
