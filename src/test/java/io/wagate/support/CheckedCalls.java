package io.wagate.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import java.util.function.Supplier;

/**
 * Calls that check the status and that the response is what /openapi.json documents for the
 * route: {@code calls.expect(201, "POST", "/v1/sessions/{session}/groups", body, "alice")} fills
 * the path's parameters in order and keeps the template for the check.
 */
public final class CheckedCalls {
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    private final Supplier<Api> api;

    public CheckedCalls(Supplier<Api> api) {
        this.api = api;
    }

    /** The JSON body (null for an empty one) after checking status and contract. */
    public JsonNode expect(int status, String method, String template, Object body, String... params) {
        String path = template;
        for (String param : params) {
            path = path.replaceFirst("\\{[^}/]+}", java.util.regex.Matcher.quoteReplacement(param));
        }
        var response = api.get().send(method, path, body == null ? null : json(body),
                body == null ? null : "application/json");
        assertThat(response.status()).as(method + " " + path + " -> " + response).isEqualTo(status);
        CONTRACT.assertConforms(method, template.replaceFirst("\\?.*$", ""), response);
        return response.bytes().length == 0 ? null : response.json();
    }

    /** A string is sent as it is (for malformed bodies); anything else as JSON. */
    private static String json(Object body) {
        if (body instanceof String raw) {
            return raw;
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
