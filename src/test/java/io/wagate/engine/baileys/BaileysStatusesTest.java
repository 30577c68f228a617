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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Statuses on the Baileys engine end to end over HTTP, on the scripted socket of bridge/test/scripted-socket.js:
 * a post goes through the bridge's status.post and comes back as the session's own status; another's status is
 * a <message> from status@broadcast that Baileys' real socket decodes, listed because the session opted in.
 */
class BaileysStatusesTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String CONTROL = "1999000000";

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c.withBaileys(
            BaileysScriptedTest.scripted())));

    private static Api api() {
        return server.api();
    }

    private static void working(String name, Map<String, Object> config) {
        var created = api().post("/v1/sessions", Map.of("name", name, "engine", "baileys", "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Sessions.awaitStatus(api(), name, "WORKING");
    }

    private static void script(String session, Map<String, Object> command) throws Exception {
        var sent = api().post("/v1/sendText", Map.of("session", session, "chatId", CONTROL,
                "text", Json.mapper().writeValueAsString(command)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    private static JsonNode listed(String session, String id) {
        return await("status " + id).atMost(Duration.ofSeconds(15)).until(() -> {
            var list = api().get("/v1/sessions/" + session + "/status");
            CONTRACT.assertConforms("GET", "/v1/sessions/{session}/status", list);
            for (var status : list.json()) {
                if (status.path("id").asText().equals(id)) {
                    return status;
                }
            }
            return null;
        }, s -> s != null);
    }

    @Test
    void aPostedStatusIsTheSessionsOwnAndAnotherOneIsReceivedWhenOptedIn() throws Exception {
        working("bs", Map.of("statuses", true));
        var posted = api().post("/v1/sessions/bs/status/text", Map.of("text", "from baileys",
                "backgroundColor", "#224466", "font", 1, "contacts", List.of(ScriptedBridge.PEER)));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/v1/sessions/{session}/status/text", posted);
        String id = posted.json().path("id").asText();
        assertThat(id).matches("true_status@broadcast_3EB0[0-9A-F]{18}");
        assertThat(listed("bs", id).path("body").asText()).isEqualTo("from baileys");

        script("bs", Map.of("message", Map.of("attrs", Map.of("from", "status@broadcast",
                "participant", "15550000001@s.whatsapp.net", "id", "STORYIN1"), "content", Map.of("text", "peer story"))));
        var theirs = listed("bs", "false_status@broadcast_STORYIN1_15550000001@c.us");
        assertThat(theirs.path("from").asText()).isEqualTo("15550000001@c.us");
        assertThat(theirs.path("fromMe").asBoolean()).isFalse();
        assertThat(theirs.path("body").asText()).isEqualTo("peer story");
        // a status is no chat
        assertThat(api().get("/v1/sessions/bs/chats").text()).doesNotContain("status@broadcast");

        var deleted = api().delete("/v1/sessions/bs/status/" + id);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        var refused = api().delete("/v1/sessions/bs/status/false_status@broadcast_STORYIN1_15550000001@c.us");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    }

    @Test
    void withoutTheOptInOthersStatusesAreNotListed() throws Exception {
        working("bq", Map.of());
        script("bq", Map.of("message", Map.of("attrs", Map.of("from", "status@broadcast",
                "participant", "15550000001@s.whatsapp.net", "id", "STORYIN2"), "content", Map.of("text", "unseen"))));
        // the session's own status, posted after, is listed; the other one not
        var posted = api().post("/v1/sessions/bq/status/text", Map.of("text", "mine",
                "contacts", List.of(ScriptedBridge.PEER)));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        var list = listed("bq", posted.json().path("id").asText());
        assertThat(list).isNotNull();
        assertThat(api().get("/v1/sessions/bq/status").text()).doesNotContain("STORYIN2");
    }
}
