package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.Json;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import io.wagate.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Labels on the Baileys engine over HTTP: Baileys' labels.edit and labels.association (emitted by the scripted
 * socket as Baileys' processSyncAction emits them) become the label.* events and the stored labels; a new label
 * goes to the bridge's label.upsert (bridge/test/baileys-labels.test.js follows that through Baileys' own patches).
 */
class BaileysLabelsTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String CONTROL = "1999000000";

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c.withBaileys(
            BaileysScriptedTest.scripted())));

    private static Api api() {
        return server.api();
    }

    private static void emit(String session, String event, Object data) {
        try {
            var sent = api().post("/v1/sendText", Map.of("session", session, "chatId", CONTROL,
                    "text", Json.mapper().writeValueAsString(Map.of("emit", event, "data", data))));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(JsonNode array) {
        var ids = new ArrayList<String>();
        array.forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    private static JsonNode labels(java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/v1/sessions/bl/labels").json(), until);
    }

    @Test
    void labelsMadeOnThePhoneAreListedPutOnChatsAndDeletedWithEventsAndNewOnesGoToTheBridge() {
        var created = api().post("/v1/sessions", Map.of("name", "bl", "engine", "baileys"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Sessions.awaitStatus(api(), "bl", "WORKING");
        try (var ws = WsClient.connect(api(), TestServer.ADMIN_KEY, "events=*")) {
            emit("bl", "labels.edit", Map.of("id", "3", "name", "Lead", "color", 2, "deleted", false));
            var upsert = ws.await("label.upsert", f -> f.path("event").asText().equals("label.upsert"));
            assertThat(upsert.path("payload").path("colorHex").asText()).isEqualTo("#ffd429");
            assertThat(CONTRACT.validate(upsert.path("payload"), CONTRACT.resolve(Json.mapper().createObjectNode()
                    .put("$ref", "#/components/schemas/LabelPayload")))).isEmpty();
            var listed = labels(l -> ids(l).contains("3"));
            assertThat(listed.get(0).path("name").asText()).isEqualTo("Lead");

            emit("bl", "labels.association", Map.of("type", "add", "association", Map.of("type", "label_jid",
                    "chatId", CONTROL + "@s.whatsapp.net", "labelId", "3")));
            var added = ws.await("label.chat.added", f -> f.path("event").asText().equals("label.chat.added"));
            assertThat(added.path("payload").path("chatId").asText()).isEqualTo(CONTROL + "@c.us");
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(api().get("/v1/sessions/bl/labels/3/chats").json())
                    .contains(CONTROL + "@c.us"));

            // a new label: the next free id, through the bridge's label.upsert (the scripted socket takes the patch)
            var made = api().post("/v1/sessions/bl/labels", Map.of("name", "Paid", "color", 5));
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            CONTRACT.assertConforms("POST", "/v1/sessions/{session}/labels", made);
            assertThat(made.json().path("id").asText()).isEqualTo("4");
            assertThat(made.json().path("colorHex").asText()).isEqualTo("#55ccb3");

            emit("bl", "labels.edit", Map.of("id", "3", "name", "Lead", "color", 2, "deleted", true));
            ws.await("label.deleted", f -> f.path("event").asText().equals("label.deleted"));
            labels(l -> !ids(l).contains("3"));
            assertThat(api().get("/v1/sessions/bl/labels/3/chats").status()).isEqualTo(404);
        }
    }
}
