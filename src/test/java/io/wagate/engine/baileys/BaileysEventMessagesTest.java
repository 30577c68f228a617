package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event messages on the Baileys engine over HTTP, on the scripted bridge: the event goes out as Baileys'
 * generateWAMessageContent makes it (its secret kept for the responses), and the session's own response is
 * encrypted with that secret and counted on the event (bridge/test/baileys-eventmsg.test.js opens such responses
 * with Baileys' own decryption, and covers the ones received and the undecryptable ones).
 */
class BaileysEventMessagesTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c.withBaileys(
            BaileysScriptedTest.scripted())));

    private static Api api() {
        return server.api();
    }

    @Test
    void anEventIsSentWithItsFieldsAndTheSessionsOwnResponseIsCounted() {
        var created = api().post("/v1/sessions", Map.of("name", "be", "engine", "baileys"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Sessions.awaitStatus(api(), "be", "WORKING");
        var sent = api().post("/v1/sendEvent", Map.of("session", "be", "chatId", "15550000001", "event", Map.of(
                "name", "Demo day", "startTime", 2063137000L, "endTime", 2063140600L, "location", "HQ",
                "callLink", "https://call.whatsapp.com/video/TOKEN1")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/v1/sendEvent", sent);
        assertThat(sent.json().path("type").asText()).isEqualTo("event");
        var event = sent.json().path("event");
        assertThat(event.path("name").asText()).isEqualTo("Demo day");
        assertThat(event.path("endTime").asLong()).isEqualTo(2063140600L);
        assertThat(event.path("location").asText()).isEqualTo("HQ");
        assertThat(event.path("callLink").asText()).isEqualTo("https://call.whatsapp.com/video/TOKEN1");

        var answered = api().post("/v1/respondEvent", Map.of("session", "be",
                "messageId", sent.json().path("id").asText(), "response", "going"));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/v1/respondEvent", answered);
        assertThat(answered.json().path("event").path("responses").path("going").get(0).asText())
                .isEqualTo("1999000100@c.us");
    }
}
