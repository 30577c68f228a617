package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forwarding on the sandbox: the content as it was, marked forwarded on both ends; what WhatsApp refuses, refused. */
class ForwardMessageTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String ANA = "15556680001";
    static final String BEA = "15556680002";
    static final String CY = "15556680003";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ana", ANA);
        Sessions.linked(server.api(), "bea", BEA);
        Sessions.linked(server.api(), "cy", CY);
    }

    private static Api.Response post(String path, Map<String, Object> body) {
        var response = server.api().post(path, body);
        CONTRACT.assertConforms("POST", path, response);
        return response;
    }

    private static Api.Response forward(String session, String chatId, String messageId) {
        return post("/v1/forwardMessage", Map.of("session", session, "chatId", chatId, "messageId", messageId));
    }

    private static JsonNode created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static String waId(JsonNode message) {
        String id = message.path("id").asText();
        return id.substring(id.lastIndexOf('_') + 1);
    }

    /** Bea's copy of what Ana sent her. */
    private static JsonNode received(JsonNode sent) {
        return Sessions.awaitCopy(server.api(), "bea", ANA + "@c.us", waId(sent), m -> true);
    }

    @Test
    void aReceivedTextGoesOnMarkedForwarded() {
        var sent = created(post("/v1/sendText", Map.of("session", "ana", "chatId", BEA + "@c.us", "text", "pass it on")));
        assertThat(sent.has("forwarded")).isFalse();
        var atBea = received(sent);
        assertThat(atBea.has("forwarded")).isFalse();

        var forwarded = created(forward("bea", CY + "@c.us", atBea.path("id").asText()));
        assertThat(forwarded.path("body").asText()).isEqualTo("pass it on");
        assertThat(forwarded.path("forwarded").asBoolean()).isTrue();
        assertThat(forwarded.path("fromMe").asBoolean()).isTrue();
        assertThat(forwarded.path("to").asText()).isEqualTo(CY + "@c.us");
        var atCy = Sessions.awaitCopy(server.api(), "cy", BEA + "@c.us", waId(forwarded), m -> true);
        assertThat(atCy.path("forwarded").asBoolean()).isTrue();
        assertThat(atCy.path("from").asText()).isEqualTo(BEA + "@c.us");
        assertThat(atCy.path("body").asText()).isEqualTo("pass it on");
    }

    @Test
    void anImageIsForwardedWithItsFileAndCaption() {
        byte[] png = Fixtures.png();
        var sent = created(post("/v1/sendImage", Map.of("session", "ana", "chatId", BEA + "@c.us", "caption", "look",
                "file", Map.of("data", Base64.getEncoder().encodeToString(png), "filename", "look.png"))));
        var atBea = received(sent);
        var forwarded = created(forward("bea", CY, atBea.path("id").asText()));
        assertThat(forwarded.path("type").asText()).isEqualTo("image");
        assertThat(forwarded.path("forwarded").asBoolean()).isTrue();
        var atCy = Sessions.awaitCopy(server.api(), "cy", BEA + "@c.us", waId(forwarded), m -> true);
        assertThat(atCy.path("body").asText()).isEqualTo("look");
        assertThat(atCy.path("forwarded").asBoolean()).isTrue();
        assertThat(server.api().get(atCy.path("media").path("url").asText()).bytes()).isEqualTo(png);
    }

    @Test
    void whatCannotBeForwardedIsRefused() {
        var text = created(post("/v1/sendText", Map.of("session", "ana", "chatId", BEA + "@c.us", "text", "x")));
        String id = text.path("id").asText();
        assertBad(post("/v1/forwardMessage", Map.of("session", "ana", "chatId", CY)), 400, "messageId");
        assertBad(post("/v1/forwardMessage", Map.of("session", "ana", "messageId", id)), 400, "chatId");
        assertBad(forward("ana", "not a chat", id), 400, "chatId");
        assertBad(forward("ana", CY, "true_" + BEA + "@c.us_NOPE"), 404, "NOPE");
        assertBad(forward("ghost", CY, id), 404, "ghost");

        var once = created(post("/v1/sendImage", Map.of("session", "ana", "chatId", BEA + "@c.us", "viewOnce", true,
                "file", Map.of("data", Base64.getEncoder().encodeToString(Fixtures.png())))));
        assertBad(forward("ana", CY, once.path("id").asText()), 403, "view-once");

        var gone = created(post("/v1/sendText", Map.of("session", "ana", "chatId", BEA + "@c.us", "text", "oops")));
        var deleted = server.api().delete("/v1/sessions/ana/chats/" + BEA + "@c.us/messages/"
                + gone.path("id").asText());
        assertThat(deleted.status()).as(deleted.toString()).isBetween(200, 204);
        assertBad(forward("ana", CY, gone.path("id").asText()), 409, "deleted");

        Sessions.linked(server.api(), "asleep", "15556680009");
        var own = created(post("/v1/sendText", Map.of("session", "asleep", "chatId", BEA + "@c.us", "text", "z")));
        server.api().post("/v1/sessions/asleep/stop", null);
        Sessions.awaitStatus(server.api(), "asleep", "STOPPED");
        assertBad(forward("asleep", CY, own.path("id").asText()), 409, "STOPPED");
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}
