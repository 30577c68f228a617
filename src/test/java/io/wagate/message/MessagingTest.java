package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Text messages between two sandbox sessions: the store on both sides, acks, read receipts, history. */
class MessagingTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String ALICE = "15551110001";
    static final String BOB = "15551110002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "alice", ALICE);
        Sessions.linked(server.api(), "bob", BOB);
    }

    private static Api api() {
        return server.api();
    }

    private static JsonNode send(String session, String chatId, String text) {
        var response = api().post("/v1/sendText", Map.of("session", session, "chatId", chatId, "text", text));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/v1/sendText", response);
        return response.json();
    }

    private static JsonNode history(String session, String chatId) {
        var response = api().get("/v1/messages?session=" + session + "&chatId=" + chatId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        CONTRACT.assertConforms("GET", "/v1/messages", response);
        return response.json();
    }

    private static JsonNode awaitMessage(String session, String chatId, String id, int minAck) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> find(history(session, chatId), id), m -> m != null && m.path("ack").asInt() >= minAck);
    }

    private static JsonNode find(JsonNode list, String id) {
        for (var message : list) {
            if (message.path("id").asText().equals(id)) {
                return message;
            }
        }
        return null;
    }

    @Test
    void aTextReachesTheOtherSessionAndAcksFollowToRead() {
        var sent = send("alice", "+1 555 111 0002", "hello bob 👋");
        String id = sent.path("id").asText();
        assertThat(id).matches("true_" + BOB + "@c\\.us_3EB0[0-9A-F]{16}");
        assertThat(sent.path("fromMe").asBoolean()).isTrue();
        assertThat(sent.path("from").asText()).isEqualTo(ALICE + "@c.us");
        assertThat(sent.path("to").asText()).isEqualTo(BOB + "@c.us");
        assertThat(sent.path("body").asText()).isEqualTo("hello bob 👋");
        assertThat(sent.path("type").asText()).isEqualTo("text");
        assertThat(sent.path("source").asText()).isEqualTo("api");
        assertThat(sent.path("hasMedia").asBoolean()).isFalse();
        assertThat(sent.path("ack").asInt()).isEqualTo(1);
        assertThat(sent.path("ackName").asText()).isEqualTo("SERVER");
        assertThat(sent.path("timestamp").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));

        // bob has it, as an incoming message from alice's chat
        String bobsId = "false_" + ALICE + "@c.us_" + id.substring(id.lastIndexOf('_') + 1);
        var received = awaitMessage("bob", ALICE, bobsId, 0);
        assertThat(received.path("fromMe").asBoolean()).isFalse();
        assertThat(received.path("from").asText()).isEqualTo(ALICE + "@c.us");
        assertThat(received.path("body").asText()).isEqualTo("hello bob 👋");

        // alice's copy is DEVICE once bob has it, READ once bob has seen it
        assertThat(awaitMessage("alice", BOB, id, 2).path("ackName").asText()).isIn("DEVICE", "READ");
        var seen = api().post("/v1/sendSeen", Map.of("session", "bob", "chatId", ALICE + "@c.us", "messageIds", List.of(bobsId)));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        CONTRACT.assertConforms("POST", "/v1/sendSeen", seen);
        assertThat(awaitMessage("alice", BOB, id, 3).path("ackName").asText()).isEqualTo("READ");
    }

    @Test
    void sendSeenWithoutIdsReadsEverythingUnreadInTheChat() {
        String first = send("bob", ALICE, "one").path("id").asText();
        String second = send("bob", ALICE, "two").path("id").asText();
        awaitMessage("bob", ALICE, second, 2);
        assertThat(api().post("/v1/sendSeen", Map.of("session", "alice", "chatId", BOB)).status()).isEqualTo(200);
        awaitMessage("bob", ALICE, first, 3);
        awaitMessage("bob", ALICE, second, 3);
    }

    @Test
    void theEchoContactRepliesAndTheSilentOneNeverReads() {
        String id = send("alice", "15550000001", "ping").path("id").asText();
        awaitMessage("alice", "15550000001", id, 3);
        var reply = await().atMost(Duration.ofSeconds(10)).until(() -> history("alice", "15550000001"),
                list -> list.size() >= 2 && !list.get(0).path("fromMe").asBoolean());
        assertThat(reply.get(0).path("body").asText()).isEqualTo("ping");
        assertThat(reply.get(0).path("from").asText()).isEqualTo("15550000001@c.us");
        assertThat(reply.get(0).path("replyTo").path("body").asText()).isEqualTo("ping");
        assertThat(reply.get(0).path("replyTo").path("id").asText()).isEqualTo(id);

        String silent = send("alice", "15550000002", "are you there?").path("id").asText();
        assertThat(awaitMessage("alice", "15550000002", silent, 2).path("ackName").asText()).isEqualTo("DEVICE");
    }

    @Test
    void historyIsNewestFirstAndPaged() {
        for (int i = 0; i < 5; i++) {
            send("alice", "15550000002", "page " + i);
        }
        var page = api().get("/v1/messages?session=alice&chatId=15550000002&limit=2").json();
        assertThat(page).hasSize(2);
        assertThat(page.get(0).path("body").asText()).isEqualTo("page 4");
        assertThat(page.get(1).path("body").asText()).isEqualTo("page 3");
        var next = api().get("/v1/messages?session=alice&chatId=15550000002&limit=2&offset=2").json();
        assertThat(next.get(0).path("body").asText()).isEqualTo("page 2");
        assertThat(api().get("/v1/messages?session=alice&limit=1000").status()).isEqualTo(200);
        assertThat(api().get("/v1/messages?session=alice&limit=1001").status()).isEqualTo(400);
        assertThat(api().get("/v1/messages?session=alice&limit=0").status()).isEqualTo(400);
        assertThat(api().get("/v1/messages?session=alice&limit=ten").status()).isEqualTo(400);
        assertThat(api().get("/v1/messages?session=alice&offset=-1").status()).isEqualTo(400);
        assertThat(api().get("/v1/messages?session=nobody").status()).isEqualTo(404);
    }

    @Test
    void aReplyQuotesAStoredMessage() {
        String original = send("alice", BOB, "question?").path("id").asText();
        var reply = api().post("/v1/sendText", Map.of("session", "alice", "chatId", BOB, "text", "answer",
                "reply_to", original));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("replyTo").path("id").asText()).isEqualTo(original);
        assertThat(reply.json().path("replyTo").path("body").asText()).isEqualTo("question?");

        var unknown = api().post("/v1/sendText", Map.of("session", "alice", "chatId", BOB, "text", "x",
                "reply_to", "true_" + BOB + "@c.us_3EB0FFFFFFFFFFFFFFFF"));
        assertThat(unknown.status()).isEqualTo(404);
        var malformed = api().post("/v1/sendText", Map.of("session", "alice", "chatId", BOB, "text", "x",
                "reply_to", "not-an-id"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("message").asText()).contains("reply_to");
        // another session's message is as unknown as a missing one
        String bobs = send("bob", ALICE, "mine").path("id").asText();
        assertThat(api().post("/v1/sendText", Map.of("session", "alice", "chatId", BOB, "text", "x",
                "reply_to", bobs)).status()).isEqualTo(404);
    }

    @Test
    void badSends() {
        assertBad(Map.of("session", "alice", "text", "no chat"), 400, "chatId");
        assertBad(Map.of("session", "alice", "chatId", BOB), 400, "text");
        assertBad(Map.of("session", "alice", "chatId", BOB, "text", ""), 400, "text");
        assertBad(Map.of("session", "alice", "chatId", BOB, "text", "x".repeat(65_536)), 400, "text");
        assertBad(Map.of("session", "alice", "chatId", "hello", "text", "x"), 400, "chatId");
        assertBad(Map.of("session", "alice", "chatId", "123", "text", "x"), 400, "chatId");
        assertBad(Map.of("session", "alice", "chatId", "15559999999", "text", "x"), 400, "not on WhatsApp");
        assertBad(Map.of("session", "alice", "chatId", BOB, "text", "x", "mentions", List.of("nope")), 400, "mentions");
        assertBad(Map.of("session", "ghost", "chatId", BOB, "text", "x"), 404, "ghost");
        assertBad(Map.of("chatId", BOB, "text", "x"), 404, "default");
        assertThat(api().post("/v1/sendText", Map.of("session", "alice", "chatId", BOB, "text", "x".repeat(65_535)))
                .status()).isEqualTo(201);
    }

    @Test
    void sendingWhileNotWorkingIsAConflictNamingTheStatus() {
        Sessions.linked(api(), "sleepy", "15551110003");
        api().post("/v1/sessions/sleepy/stop", null);
        var response = api().post("/v1/sendText", Map.of("session", "sleepy", "chatId", BOB, "text", "zzz"));
        assertThat(response.status()).isEqualTo(409);
        CONTRACT.assertConforms("POST", "/v1/sendText", response);
        assertThat(response.json().path("message").asText()).contains("STOPPED");
    }

    @Test
    void aMessageToAStoppedSessionWaitsUntilItRunsAgain() {
        Sessions.linked(api(), "away", "15551110004");
        api().post("/v1/sessions/away/stop", null);
        String id = send("alice", "15551110004", "see you later").path("id").asText();
        assertThat(history("away", ALICE)).isEmpty();
        api().post("/v1/sessions/away/start", null);
        Sessions.awaitStatus(api(), "away", "WORKING");
        await().atMost(Duration.ofSeconds(10)).until(() -> history("away", ALICE).size() == 1);
        awaitMessage("alice", "15551110004", id, 2);
    }

    private static void assertBad(Map<String, Object> body, int status, String mentioned) {
        var response = api().post("/v1/sendText", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        CONTRACT.assertConforms("POST", "/v1/sendText", response);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}
