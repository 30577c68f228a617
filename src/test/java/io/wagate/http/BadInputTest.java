package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad requests get a clear 400 (or 413) in the v1 error shape naming the field: never a 500. */
class BadInputTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::start);

    private static void assertBadRequest(Api.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("statusCode").asInt()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo("Bad Request");
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }

    @Test
    void malformedJson() {
        assertBadRequest(server.api().send("POST", "/v1/sessions", "{\"name\": ", "application/json"), "malformed JSON");
        assertBadRequest(server.api().send("POST", "/v1/sessions", "{'name': 'x'}", "application/json"), "malformed JSON");
        assertBadRequest(server.api().send("POST", "/v1/sessions", "{\"name\":\"a\"} trailing", "application/json"),
                "JSON");
    }

    @Test
    void wrongJsonTypesNameTheField() {
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", 123)), "name");
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "typed", "start", "yes")), "start");
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "typed", "engine", false)), "engine");
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "typed", "config", "none")), "config");
        assertBadRequest(server.api().post("/v1/sessions",
                Map.of("name", "typed", "config", Map.of("metadata", java.util.List.of(1)))), "config.metadata");
        assertBadRequest(server.api().send("POST", "/v1/sessions", "[1,2]", "application/json"), "JSON object");
        assertBadRequest(server.api().send("POST", "/v1/sessions", "\"demo\"", "application/json"), "JSON object");
        assertBadRequest(server.api().send("POST", "/v1/sessions", "null", "application/json"), "null");
    }

    @Test
    void unknownFieldsAreNamed() {
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "x1", "nmae", "typo")), "nmae");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "has space", "", "émoji😀", "dot.ted",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void badSessionNames(String name) {
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", name)), "name");
    }

    @Test
    void aNameOf54CharactersIsFine() {
        assertThat(server.api().post("/v1/sessions", Map.of("name", "b".repeat(54), "start", false)).status()).isEqualTo(201);
    }

    @Test
    void anEmptyBodyWhereOneIsRequired() {
        assertBadRequest(server.api().send("POST", "/v1/sessions/start", null, null), "body");
        assertBadRequest(server.api().send("POST", "/v1/sessions/stop", "", "application/json"), "body");
        assertBadRequest(server.api().post("/v1/sessions/start", Map.of()), "name");
        assertBadRequest(server.api().send("PUT", "/v1/sessions/whatever", "  ", "application/json"), "body");
    }

    @Test
    void unknownEngineListsTheKnownOnes() {
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "e1", "engine", "webjs")), "sandbox");
    }

    @Test
    void aBodyOverOneMegabyteIs413() {
        String huge = "{\"name\":\"big\",\"config\":{\"metadata\":{\"k\":\"" + "x".repeat(1024 * 1024) + "\"}}}";
        var response = server.api().send("POST", "/v1/sessions", huge, "application/json");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("statusCode").asInt()).isEqualTo(413);
        assertThat(response.json().path("error").asText()).isEqualTo("Payload Too Large");
        assertThat(server.api().get("/v1/sessions/big").status()).isEqualTo(404);
    }

    @Test
    void aMalformedUriGetsTheErrorShapeToo() throws Exception {
        // java.net.URI refuses such paths, so speak HTTP by hand.
        try (var socket = new java.net.Socket("localhost", java.net.URI.create(server.api().base()).getPort())) {
            socket.getOutputStream().write(("GET /v1/sessions/%00/../x HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                    + TestServer.ADMIN_KEY + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).contains("application/json").contains("\"statusCode\":400").doesNotContain("<html");
        }
    }

    @Test
    void unicodeInValuesIsKeptIntact() {
        var created = server.api().post("/v1/sessions", Map.of("name", "uni", "start", false,
                "config", Map.of("metadata", Map.of("greeting", "héllo wörld 👋 \u0000 مرحبا"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(server.api().get("/v1/sessions/uni").json().path("config").path("metadata").path("greeting").asText())
                .isEqualTo("héllo wörld 👋 \u0000 مرحبا");
    }
}
