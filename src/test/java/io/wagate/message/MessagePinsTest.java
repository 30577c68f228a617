package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pinning messages over HTTP: for everyone in the chat, with WhatsApp's durations and its group rule. */
class MessagePinsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final String PIA = "15556640001";
    static final String PAT = "15556640002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "pia", PIA);
        Sessions.linked(server.api(), "pat", PAT);
    }

    private static Api api() {
        return server.api();
    }

    private static Api.Response pin(String session, String chatId, String messageId, String action, Object body) {
        String path = "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}/" + action;
        var response = api().post(path.replace("{session}", session).replace("{chatId}", chatId)
                .replace("{messageId}", messageId), body);
        CONTRACT.assertConforms("POST", path, response);
        return response;
    }

    private static String send(String session, String chatId, String text) {
        var sent = api().post("/v1/sendText", Map.of("session", session, "chatId", chatId, "text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().path("id").asText();
    }

    /** The other side's id of a 1:1 message: its chat is the sender's, and it is not from me. */
    private static String theirs(String id, String senderNumber) {
        return "false_" + senderNumber + "@c.us_" + id.substring(id.lastIndexOf('_') + 1);
    }

    @Test
    void aPinIsForBothSidesOfTheChat() {
        String id = send("pia", PAT, "pin me");
        var pinned = pin("pia", PAT, id, "pin", Map.of("duration", 86400));
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
        assertThat(pinned.json().path("id").asText()).isEqualTo(id);
        assertThat(pinned.json().path("pinned").asBoolean()).isTrue();
        assertThat(pinned.json().path("duration").asInt()).isEqualTo(86400);
        // without a body: WhatsApp's default of 7 days; the other side can unpin it
        assertThat(pin("pia", PAT, id, "pin", null).json().path("duration").asInt()).isEqualTo(604800);
        String copy = theirs(id, PIA);
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/messages?session=pat&chatId=" + PIA)
                .json().findValuesAsText("id").contains(copy));
        var unpinned = pin("pat", PIA, copy, "unpin", null);
        assertThat(unpinned.status()).as(unpinned.toString()).isEqualTo(200);
        assertThat(unpinned.json().path("pinned").asBoolean()).isFalse();
        assertThat(unpinned.json().path("duration").isNull()).isTrue();
    }

    @Test
    void inAGroupWithInfoAdminOnlyOnlyAdminsPin() {
        var group = api().post("/v1/sessions/pia/groups", Map.of("name", "Pins",
                "participants", List.of(Map.of("id", PAT))));
        String groupId = group.json().path("id").asText();
        String id = send("pia", groupId, "group pin");
        String copy = "false_" + groupId + "_" + id.substring(id.lastIndexOf('_') + 1) + "_" + PIA + "@c.us";
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/messages?session=pat&chatId=" + groupId)
                .json().findValuesAsText("id").contains(copy));
        assertThat(pin("pat", groupId, copy, "pin", null).status()).isEqualTo(200);
        var adminsOnly = api().put("/v1/sessions/pia/groups/" + groupId + "/settings/security/info-admin-only",
                Map.of("adminsOnly", true));
        assertThat(adminsOnly.status()).as(adminsOnly.toString()).isEqualTo(200);
        assertBad(pin("pat", groupId, copy, "unpin", null), 403, "only admins can pin messages");
        assertThat(pin("pia", groupId, id, "unpin", null).status()).isEqualTo(200);
    }

    @Test
    void badPins() {
        String id = send("pia", PAT, "bad pins");
        assertBad(pin("pia", PAT, id, "pin", Map.of("duration", 3600)), 400, "duration");
        assertBad(pin("pia", PAT, id, "pin", Map.of("duration", "long")), 400, "duration");
        assertBad(pin("pia", "hello", id, "pin", null), 400, "chatId");
        assertBad(pin("pia", PAT, "nonsense", "pin", null), 400, "messageId");
        assertBad(pin("pia", PAT, "true_" + PAT + "@c.us_3EB0000000000000DEAD", "pin", null), 404, "not found");
        assertBad(pin("pia", "15550000001", id, "unpin", null), 404, "not in chat");
        assertBad(pin("ghost", PAT, id, "pin", null), 404, "ghost");
        Sessions.linked(api(), "pidle", "15556640003");
        String idle = send("pidle", PAT, "soon stopped");
        api().post("/v1/sessions/pidle/stop", null);
        assertBad(pin("pidle", PAT, idle, "pin", null), 409, "STOPPED");
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}
