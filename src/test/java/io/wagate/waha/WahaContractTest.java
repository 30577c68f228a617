package io.wagate.waha;

import static io.wagate.waha.WahaDocument.assertAnswers;
import static io.wagate.waha.WahaDocument.examples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * wagate's WAHA door against WAHA's own OpenAPI document (src/test/resources/waha/NOTICE.md names its source and
 * version): each implemented operation takes WAHA's documented example requests and answers a body valid under
 * WAHA's response schema, on the sandbox; every other WAHA operation answers 501 naming its feature.
 */
class WahaContractTest {
    private static final JsonNode WAHA = WahaDocument.WAHA;
    private static final ObjectMapper JSON = WahaDocument.JSON;

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.startWithoutAutoLink(
            c -> c.withMedia(c.media().withAllowPrivateTargets(true))));

    private static Api api() {
        return server.get().api();
    }

    /** An example as a test may send it: its own session name, webhooks to a closed loopback port (no DNS). */
    private static ObjectNode local(JsonNode example, String name) {
        var copy = (ObjectNode) example.deepCopy();
        copy.put("name", name);
        for (var webhook : copy.path("config").path("webhooks")) {
            ((ObjectNode) webhook).put("url", "http://127.0.0.1:9/waha");
        }
        return copy;
    }

    private static JsonNode awaitStatus(String name, String status) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
                .until(() -> api().get("/api/sessions/" + name).json(), s -> status.equals(s.path("status").asText()));
    }

    @Test
    void creatingASessionTakesEachOfWahasExamplesAndAnswersASessionDto() {
        for (var example : examples("post", "/api/sessions").entrySet()) {
            String name = "create-" + example.getKey().toLowerCase();
            var body = assertAnswers(api().post("/api/sessions", local(example.getValue(), name)), "POST",
                    "/api/sessions", 201);
            assertThat(body.path("name").asText()).isEqualTo(name);
            var info = assertAnswers(api().get("/api/sessions/" + name), "GET", "/api/sessions/{session}", 200);
            assertThat(info.path("presence").isObject()).isTrue();
        }
        var webhook = api().get("/api/sessions/create-withwebhooks").json().path("config").path("webhooks").get(0);
        assertThat(webhook.path("url").asText()).isEqualTo("http://127.0.0.1:9/waha");
        assertThat(webhook.path("retries").path("attempts").asInt()).isEqualTo(5);
        assertThat(webhook.has("hmac")).as("the HMAC key is never shown").isFalse();
        assertThat(webhook.path("customHeaders").get(0).path("value").asText()).isEqualTo("***");
    }

    @Test
    void updatingTakesEachOfWahasExamplesAndKeepsTheProxyPasswordHidden() {
        String name = "update-me";
        assertAnswers(api().post("/api/sessions", Map.of("name", name, "start", false)), "POST", "/api/sessions", 201);
        for (var example : examples("put", "/api/sessions/{session}").entrySet()) {
            assertAnswers(api().put("/api/sessions/" + name, local(example.getValue(), name)), "PUT",
                    "/api/sessions/{session}", 200);
        }
        var proxy = Map.of("server", "127.0.0.1:3128", "username", "u ser", "password", "p@ss:word");
        var updated = assertAnswers(api().put("/api/sessions/" + name, Map.of("config", Map.of("proxy", proxy))),
                "PUT", "/api/sessions/{session}", 200);
        assertThat(updated.path("config").path("proxy")).isEqualTo(JSON.valueToTree(
                Map.of("server", "127.0.0.1:3128", "username", "u ser", "password", "***")));
        assertThat(api().get("/v1/sessions/" + name).json().path("config").path("proxy").asText())
                .isEqualTo("http://u%20ser:***@127.0.0.1:3128");
        // What was read can be given back (the mask stands for the stored password).
        assertAnswers(api().put("/api/sessions/" + name, Map.of("config", Map.of("proxy",
                updated.path("config").path("proxy")))), "PUT", "/api/sessions/{session}", 200);
        var other = api().put("/api/sessions/" + name, Map.of("name", "other"));
        assertThat(other.status()).as(other.toString()).isEqualTo(400);
        assertThat(other.json().path("message").asText()).contains("other", name);
    }

    @Test
    void theSessionLifecycleAnswersInWahasShapes() {
        String name = "lifecycle";
        assertAnswers(api().post("/api/sessions", Map.of("name", name, "start", false)), "POST", "/api/sessions", 201);
        var listed = assertAnswers(api().get("/api/sessions"), "GET", "/api/sessions", 200);
        assertThat(names(listed)).as("a stopped session is hidden without all=true").doesNotContain(name);
        var all = assertAnswers(api().get("/api/sessions?all=true"), "GET", "/api/sessions", 200);
        assertThat(names(all)).contains(name);

        assertAnswers(api().post("/api/sessions/" + name + "/start", null), "POST", "/api/sessions/{session}/start", 201);
        awaitStatus(name, "SCAN_QR_CODE");
        assertThat(names(api().get("/api/sessions").json())).contains(name);
        var raw = assertAnswers(api().get("/api/" + name + "/auth/qr?format=raw"), "GET", "/api/{session}/auth/qr", 200);
        assertThat(raw.path("value").asText()).isNotBlank();
        var png = api().get("/api/" + name + "/auth/qr?format=image");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.header("Content-Type")).startsWith("image/png");
        var base64 = assertAnswers(api().withHeader("X-Api-Key", TestServer.ADMIN_KEY).withHeader("Accept", "application/json").get("/api/" + name + "/auth/qr"),
                "GET", "/api/{session}/auth/qr", 200);
        assertThat(base64.path("mimetype").asText()).isEqualTo("image/png");
        assertThat(api().get("/api/" + name + "/auth/qr?format=svg").status()).isEqualTo(400);
        assertThat(api().get("/api/sessions/" + name + "/me").text()).isEqualTo("null");

        var code = api().post("/api/" + name + "/auth/request-code", Map.of("phoneNumber", "15550001234"));
        assertAnswers(code, "POST", "/api/{session}/auth/request-code", 201);
        assertThat(code.json().path("code").asText()).isNotBlank();
        var linked = awaitStatus(name, "WORKING");
        assertThat(linked.path("me").path("id").asText()).isEqualTo("15550001234@c.us");
        assertAnswers(api().get("/api/sessions/" + name), "GET", "/api/sessions/{session}", 200);
        assertAnswers(api().get("/api/sessions/" + name + "/me"), "GET", "/api/sessions/{session}/me", 200);

        assertAnswers(api().post("/api/sessions/" + name + "/restart", null), "POST", "/api/sessions/{session}/restart", 201);
        assertAnswers(api().post("/api/sessions/" + name + "/stop", null), "POST", "/api/sessions/{session}/stop", 201);
        assertAnswers(api().post("/api/sessions/" + name + "/logout", null), "POST", "/api/sessions/{session}/logout", 201);
        assertAnswers(api().delete("/api/sessions/" + name), "DELETE", "/api/sessions/{session}", 200);
        assertThat(api().get("/api/sessions/" + name).status()).isEqualTo(404);
    }

    @Test
    void theDeprecatedBodyStyleOperationsWork() {
        String name = "deprecated";
        var started = api().post("/api/sessions/start", Map.of("name", name, "config", Map.of("metadata",
                Map.of("user.id", "1"))));
        assertAnswers(started, "POST", "/api/sessions/start", 201);
        assertThat(started.json().path("config").path("metadata").path("user.id").asText()).isEqualTo("1");
        awaitStatus(name, "SCAN_QR_CODE");
        assertAnswers(api().post("/api/sessions/stop", Map.of("name", name)), "POST", "/api/sessions/stop", 201);
        assertThat(api().get("/api/sessions/" + name).json().path("status").asText()).isEqualTo("STOPPED");
        assertAnswers(api().post("/api/sessions/start", Map.of("name", name)), "POST", "/api/sessions/start", 201);
        assertAnswers(api().post("/api/sessions/logout", Map.of("name", name)), "POST", "/api/sessions/logout", 201);
        assertThat(api().get("/api/sessions/" + name).json().path("status").asText()).isEqualTo("STOPPED");
        var nameless = api().post("/api/sessions/stop", Map.of("logout", true));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.json().path("message").asText()).contains("name");
    }

    @Test
    void requestingARegistrationCodeBySmsIsNotImplemented() {
        api().post("/api/sessions", Map.of("name", "sms", "start", false));
        var sms = api().post("/api/sms/auth/request-code", Map.of("phoneNumber", "15550001235", "method", "sms"));
        assertThat(sms.status()).isEqualTo(501);
        assertThat(sms.json().path("message").asText()).contains("companion");
    }

    @Test
    void pingServerVersionAndStatusAnswerInWahasShapes() {
        assertAnswers(api().anonymous().get("/ping"), "GET", "/ping", 200);
        var version = assertAnswers(api().get("/api/server/version"), "GET", "/api/server/version", 200);
        assertThat(version.path("engine").asText()).isEqualTo("SANDBOX");
        var status = assertAnswers(api().get("/api/server/status"), "GET", "/api/server/status", 200);
        assertThat(status.path("uptime").asLong()).isNotNegative();
    }

    @Test
    void theDoorTakesWahasKeyHeaderAndAnswersErrorsInWahasShape() {
        var missing = api().anonymous().get("/api/sessions");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("statusCode").asInt()).isEqualTo(401);
        assertThat(missing.json().path("error").asText()).isEqualTo("Unauthorized");
        var keyed = api().anonymous().withHeader("X-Api-Key", TestServer.ADMIN_KEY).get("/api/sessions");
        assertThat(keyed.status()).as(keyed.toString()).isEqualTo(200);
        var unknown = api().get("/api/sessions/nobody");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void everyWahaOperationOutsideTheDoorAnswers501NamingItsFeature() {
        var missing = WahaMissing.load();
        var documented = WahaDocument.operations();
        var listedHere = WahaOperationsTableTest.implemented();
        var implemented = listedHere.keySet().stream().filter(o -> !listedHere.get(o).startsWith("ours:")).toList();
        // wagate's own: its health check and its MCP server keep their paths and shapes.
        var ours = listedHere.keySet().stream().filter(o -> listedHere.get(o).startsWith("ours:")).toList();
        assertThat(ours).containsExactlyInAnyOrder("GET /health", "POST /mcp");
        var listed = missing.stream().map(o -> o.method() + " " + o.path()).toList();
        assertThat(listed).doesNotContainAnyElementsOf(implemented).doesNotHaveDuplicates();
        var accounted = new ArrayList<>(listed);
        accounted.addAll(implemented);
        accounted.addAll(ours);
        assertThat(accounted).as("every WAHA operation is implemented, wagate's own, or listed as missing")
                .containsExactlyInAnyOrderElementsOf(documented);

        for (var operation : implemented) {
            var parts = operation.split(" ", 2);
            var response = api().send(parts[0], parts[1].replaceAll("\\{[^}]+}", "x1"), "{}", "application/json");
            assertThat(response.text()).as(operation + " is routed: " + response).doesNotContain("not in wagate's WAHA door")
                    .doesNotContain("Endpoint");
        }
        for (var operation : missing) {
            String path = operation.path().replaceAll("\\{[^}]+}", "x1");
            var response = api().send(operation.method(), path, "{}", "application/json");
            assertThat(response.status()).as(operation + ": " + response).isEqualTo(501);
            assertThat(response.json().path("message").asText()).contains(operation.feature(), operation.path());
            assertThat(response.json().path("statusCode").asInt()).isEqualTo(501);
        }
    }

    @Test
    void theSimpleApiInsideApiKeepsItsOwnRoutesAndErrors() {
        var simple = api().anonymous().post("/api/whatsapp/send/text", Map.of("to", "15550000001", "text", "hi"));
        assertThat(simple.status()).isEqualTo(401);
        assertThat(simple.json().has("statusCode")).as("the simple API's own error shape: " + simple).isFalse();
    }

    private static List<String> names(JsonNode sessions) {
        var names = new ArrayList<String>();
        sessions.forEach(s -> names.add(s.path("name").asText()));
        return names;
    }
}
