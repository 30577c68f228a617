package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.config.Config.BaileysConfig;
import io.wagate.http.Json;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import io.wagate.support.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real bridge with Baileys' socket replaced by a scripted one that is connected at once
 * (bridge/test/scripted-socket.js): a WORKING Baileys session offline, over HTTP. Sends are stored
 * before they are answered and reported once though Baileys reports them back; received media is
 * fetched (and decrypted by the real Baileys) only when a client asks; LID senders keep their LID.
 */
class BaileysScriptedTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    /** The scripted socket reads a text sent to this number as a script (see scripted-socket.js). */
    private static final String CONTROL = "1999000000";

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c.withBaileys(scripted())));

    /** Bridges on the scripted socket of bridge/test/scripted-socket.js; everything else as configured. */
    static BaileysConfig scripted() {
        return ScriptedBridge.withSocket(BaileysBridgeTest.unreachable(), "test/scripted-socket.js");
    }

    private static Api api() {
        return server.api();
    }

    private static void working(String name) {
        var created = api().post("/v1/sessions", Map.of("name", name, "engine", "baileys"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Sessions.awaitStatus(api(), name, "WORKING");
    }

    private static Api.Response sendText(String session, String chatId, String text) {
        return api().post("/v1/sendText", Map.of("session", session, "chatId", chatId, "text", text));
    }

    private static void script(String session, Map<String, Object> command) {
        try {
            var sent = sendText(session, CONTROL, Json.mapper().writeValueAsString(command));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode stored(String session, String chatId, String id) {
        return await("message " + id + " in the history").atMost(Duration.ofSeconds(10)).until(() -> {
            for (var message : api().get("/v1/messages?session=" + session + "&chatId=" + chatId + "&limit=100").json()) {
                if (message.path("id").asText().equals(id)) {
                    return message;
                }
            }
            return null;
        }, m -> m != null);
    }

    private static String incomingImage(String session, String id, byte[] bytes, boolean reachable) {
        script(session, Map.of("incomingMedia", Map.of("id", id, "from", "111000111@lid",
                "fromAlt", "15550000007@s.whatsapp.net", "mimetype", "image/png", "caption", "pic " + id,
                "data", Base64.getEncoder().encodeToString(bytes), "cdn", reachable ? "local" : "closed")));
        return "false_15550000007@c.us_" + id;
    }

    @Test
    void aSendIsStoredBeforeItIsAnsweredAndReportedOnceThoughBaileysReportsItBack() {
        working("scripted-send");
        try (var ws = WsClient.connect(api(), TestServer.ADMIN_KEY, "events=*")) {
            // Baileys keeps this one to itself: what the history shows came from the send.
            script("scripted-send", Map.of("echo", false));
            var quiet = sendText("scripted-send", "15550000001", "quiet");
            assertThat(quiet.status()).as(quiet.toString()).isEqualTo(201);
            CONTRACT.assertConforms("POST", "/v1/sendText", quiet);
            String quietId = quiet.json().path("id").asText();
            assertThat(quietId).matches("true_15550000001@c\\.us_3EB0[0-9A-F]{18}");
            var history = api().get("/v1/messages?session=scripted-send&chatId=15550000001");
            assertThat(history.json().findValuesAsText("id")).containsExactly(quietId);

            // Baileys reports this one back (messages.upsert, then its SERVER ack): still one message, one event.
            script("scripted-send", Map.of("echo", true));
            var loud = sendText("scripted-send", "15550000001", "loud");
            assertThat(loud.status()).as(loud.toString()).isEqualTo(201);
            String loudId = loud.json().path("id").asText();
            assertThat(api().get("/v1/messages?session=scripted-send&chatId=15550000001").json().findValuesAsText("id"))
                    .containsExactly(loudId, quietId);
            ws.await("the SERVER ack after the echo", f -> f.path("event").asText().equals("message.ack")
                    && f.path("payload").path("id").asText().equals(loudId));
            assertThat(ws.frames("message.any").stream().filter(f -> f.path("payload").path("id").asText().equals(loudId)))
                    .hasSize(1);
            // Events go out as the engine reports them; the store commits its writes in batches a moment later.
            var after = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(
                    () -> api().get("/v1/messages?session=scripted-send&chatId=15550000001").json(),
                    page -> page.get(0).path("ackName").asText().equals("SERVER"));
            assertThat(after.findValuesAsText("id")).containsExactly(loudId, quietId);
            assertThat(after.get(0).path("source").asText()).isEqualTo("api");
        }
    }

    @Test
    void receivedMediaIsFetchedWhenAskedForAndItsLidSenderIsNamedByPhoneNumber() {
        working("scripted-media");
        byte[] png = "not really a PNG, but bytes all the same".getBytes(StandardCharsets.UTF_8);
        String first = incomingImage("scripted-media", "IMG1", png, true);

        var message = stored("scripted-media", "15550000007", first);
        assertThat(message.path("from").asText()).isEqualTo("15550000007@c.us");
        assertThat(message.path("fromLid").asText()).isEqualTo("111000111@lid");
        assertThat(message.path("type").asText()).isEqualTo("image");
        assertThat(message.path("body").asText()).isEqualTo("pic IMG1");
        assertThat(message.path("hasMedia").asBoolean()).isTrue();
        assertThat(message.path("media").path("size").asLong()).isEqualTo(png.length);
        String url = message.path("media").path("url").asText();
        assertThat(url).isEqualTo("/v1/files/scripted-media/" + first);
        CONTRACT.assertConforms("GET", "/v1/messages",
                api().get("/v1/messages?session=scripted-media&chatId=15550000007"));

        var file = api().get(url);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(png);
        assertThat(file.header("Content-Type")).startsWith("image/png");

        // downloadMedia=true fetches the page's media before answering; the third is never asked for.
        byte[] second = "a second picture".getBytes(StandardCharsets.UTF_8);
        String secondId = incomingImage("scripted-media", "IMG2", second, true);
        stored("scripted-media", "15550000007", secondId);
        var page = api().get("/v1/messages?session=scripted-media&chatId=15550000007&limit=1&downloadMedia=true");
        assertThat(page.json().findValuesAsText("id")).containsExactly(secondId);
        String third = incomingImage("scripted-media", "IMG3", "a third".getBytes(StandardCharsets.UTF_8), true);
        stored("scripted-media", "15550000007", third);

        assertThat(api().post("/v1/sessions/scripted-media/stop", Map.of()).status()).isEqualTo(200);
        assertThat(api().get(url).bytes()).as("fetched once, kept").isEqualTo(png);
        assertThat(api().get("/v1/files/scripted-media/" + secondId).bytes()).isEqualTo(second);
        var notFetched = api().get("/v1/files/scripted-media/" + third);
        assertThat(notFetched.status()).as(notFetched.toString()).isEqualTo(409);
        assertThat(notFetched.json().path("message").asText()).contains("STOPPED");
        CONTRACT.assertConforms("GET", "/v1/files/{session}/{messageId}", notFetched);
    }

    @Test
    void mediaWhoseServerCannotBeReachedIs503() {
        working("scripted-cdn-down");
        String id = incomingImage("scripted-cdn-down", "IMG9", new byte[] {1, 2, 3}, false);
        String url = stored("scripted-cdn-down", "15550000007", id).path("media").path("url").asText();

        var answer = api().get(url);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.json().path("message").asText()).contains("ECONNREFUSED");
        CONTRACT.assertConforms("GET", "/v1/files/{session}/{messageId}", answer);
    }

    @Test
    void aMessageBaileysCouldNotDecryptYetIsMessageWaiting() {
        working("scripted-waiting");
        try (var ws = WsClient.connect(api(), TestServer.ADMIN_KEY, "events=message.waiting")) {
            // Baileys' real socket fails to decrypt it (no signal session with the sender), twice.
            var undecryptable = Map.<String, Object>of("undecryptable", Map.of("from", "111000111@lid",
                    "sender_pn", "15550000007@s.whatsapp.net", "addressing_mode", "lid", "id", "W1"));
            script("scripted-waiting", undecryptable);
            script("scripted-waiting", undecryptable);

            var frame = ws.await("message.waiting", f -> f.path("event").asText().equals("message.waiting"));
            assertThat(frame.path("session").asText()).isEqualTo("scripted-waiting");
            assertThat(frame.path("payload").path("id").asText()).isEqualTo("false_15550000007@c.us_W1");
            assertThat(frame.path("payload").path("chatId").asText()).isEqualTo("15550000007@c.us");
            assertThat(frame.path("payload").path("fromMe").asBoolean()).isFalse();
            assertThat(frame.path("payload").path("reason").asText()).isEqualTo("No session record");
            await("the failure counted").atMost(Duration.ofSeconds(10)).until(() -> api().get("/metrics").text(),
                    m -> m.contains("wagate_messages_undecryptable_total{engine=\"baileys\",session=\"scripted-waiting\"} 1.0"));
            assertThat(ws.frames("message.waiting")).as("one event, however often it fails").hasSize(1);
        }
    }

    /** Baileys' real socket handles the receipt and the reaction (see scripted-socket.js), keyed as it keys them. */
    @Test
    void membersReceiptsAndReactionsReachOurOwnGroupMessage() {
        working("scripted-group");
        String group = "120363000000000042@g.us";
        String bob = "15550000001@s.whatsapp.net";
        try (var ws = WsClient.connect(api(), TestServer.ADMIN_KEY, "events=message.ack")) {
            var sent = sendText("scripted-group", group, "hello group");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            String id = sent.json().path("id").asText();
            assertThat(id).startsWith("true_" + group + "_3EB0");
            String waId = id.substring(id.lastIndexOf('_') + 1);

            script("scripted-group", Map.of("receipt", Map.of("attrs",
                    Map.of("from", group, "participant", bob, "id", waId, "type", "read"))));
            await("READ on our group message").atMost(Duration.ofSeconds(10))
                    .until(() -> stored("scripted-group", group, id).path("ackName").asText(), "READ"::equals);
            var read = ws.await("message.ack READ", f -> f.path("payload").path("ackName").asText().equals("READ"));
            assertThat(read.path("payload").path("id").asText()).isEqualTo(id);
            assertThat(read.path("payload").path("from").asText()).isEqualTo("1999000100@c.us");
            assertThat(read.path("payload").path("to").asText()).isEqualTo(group);
            assertThat(read.path("payload").path("participant").asText()).isEqualTo("15550000001@c.us");

            // Bob's client names our message as it sees it: not from Bob, with us as its participant.
            script("scripted-group", Map.of("message", Map.of(
                    "attrs", Map.of("from", group, "participant", bob, "id", "REACT1", "type", "reaction"),
                    "content", Map.of("react", Map.of("text", "\uD83D\uDC4D", "key", Map.of("remoteJid", group,
                            "fromMe", false, "id", waId, "participant", "1999000100@s.whatsapp.net"))))));
            var reacted = await("Bob's reaction on our group message").atMost(Duration.ofSeconds(10))
                    .until(() -> stored("scripted-group", group, id).path("reactions"), r -> r.size() == 1);
            assertThat(reacted.get(0).path("from").asText()).isEqualTo("15550000001@c.us");
            assertThat(reacted.get(0).path("text").asText()).isEqualTo("\uD83D\uDC4D");
        }
    }

    /** The shape the README gives and the sandbox makes (GroupMessagesTest): from the group, sent by the member. */
    @Test
    void aMembersGroupMessageIsFromTheGroupWithTheMemberAsParticipant() {
        working("scripted-member");
        String group = "120363000000000043@g.us";
        script("scripted-member", Map.of("message", Map.of(
                "attrs", Map.of("from", group, "participant", "15550000001@s.whatsapp.net", "id", "GTEXT1", "notify", "Bob"),
                "content", Map.of("text", "hello group"))));
        var message = stored("scripted-member", group, "false_" + group + "_GTEXT1_15550000001@c.us");
        assertThat(message.path("from").asText()).isEqualTo(group);
        assertThat(message.path("to").asText()).isEqualTo("1999000100@c.us");
        assertThat(message.path("participant").asText()).isEqualTo("15550000001@c.us");
        assertThat(message.path("fromMe").asBoolean()).isFalse();
        assertThat(message.path("body").asText()).isEqualTo("hello group");
        CONTRACT.assertConforms("GET", "/v1/messages",
                api().get("/v1/messages?session=scripted-member&chatId=" + group));
    }

    /**
     * A chat outside wagate's id forms (a broadcast list, as Baileys decodes one) does not become a message of the
     * session: the event is passed on as engine.event only, and the session keeps working.
     */
    @Test
    void aMessageInABroadcastListIsARawEngineEventOnly() {
        working("scripted-broadcast");
        try (var ws = WsClient.connect(api(), TestServer.ADMIN_KEY, "events=engine.event")) {
            script("scripted-broadcast", Map.of("message", Map.of(
                    "attrs", Map.of("from", "1700000000@broadcast", "participant", "15550000001@s.whatsapp.net",
                            "id", "BCAST1", "notify", "Bob"),
                    "content", Map.of("text", "to my list"))));
            var raw = ws.await("the broadcast message as engine.event",
                    f -> f.path("payload").path("type").asText().equals("message"));
            assertThat(raw.path("payload").path("data").path("message").path("key").path("chatId").asText())
                    .isEqualTo("1700000000@broadcast");
        }
        var sent = sendText("scripted-broadcast", "15550000001", "still working");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(api().get("/v1/messages?session=scripted-broadcast&limit=100").json())
                .noneMatch(m -> m.path("id").asText().contains("BCAST1"));
    }

    /** WhatsApp's error ack, as Baileys' real socket reports it (messages.update ERROR with the code). */
    @Test
    void aSendWhatsAppRefusesIsErrorWithTheCodeInHistoryEventsAndMetrics() {
        working("scripted-refused");
        try (var ws = WsClient.connect(api(), TestServer.ADMIN_KEY, "events=message.ack")) {
            var sent = sendText("scripted-refused", "15550000001", "to a contact moved to LIDs");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            String id = sent.json().path("id").asText();
            String waId = id.substring(id.lastIndexOf('_') + 1);
            // Baileys' SERVER ack of the send comes first (the echo): the failure must win over it.
            ws.await("the SERVER ack", f -> f.path("payload").path("id").asText().equals(id));

            script("scripted-refused", Map.of("ack", Map.of("id", waId, "from", "15550000001@s.whatsapp.net",
                    "error", "463")));
            var frame = ws.await("the ERROR ack", f -> f.path("payload").path("ackName").asText().equals("ERROR"));
            assertThat(frame.path("payload").path("id").asText()).isEqualTo(id);
            assertThat(frame.path("payload").path("ack").asInt()).isEqualTo(-1);
            assertThat(frame.path("payload").path("error").path("code").asText()).isEqualTo("463");
            assertThat(frame.path("payload").path("error").path("reason").asText()).contains("reach-out restriction");

            var failed = await("ERROR in the history").atMost(Duration.ofSeconds(10))
                    .until(() -> stored("scripted-refused", "15550000001", id), m -> m.path("ack").asInt() == -1);
            assertThat(failed.path("ackName").asText()).isEqualTo("ERROR");
            assertThat(failed.path("error").path("code").asText()).isEqualTo("463");
            assertThat(failed.path("error").path("reason").asText()).startsWith("Your account has been restricted");
            CONTRACT.assertConforms("GET", "/v1/messages",
                    api().get("/v1/messages?session=scripted-refused&chatId=15550000001"));
            assertThat(api().get("/metrics").text())
                    .containsPattern("wagate_messages_send_errors_total\\{code=\"463\",engine=\"baileys\"\\} [1-9]");
        }
    }

    /** Baileys' own LID mapping store answers which LID a number has (see scripted-socket.js). */
    @Test
    void aSendToAPersonWhatsAppKnowsByLidGoesToTheLidAndKeepsTheNumber() {
        working("scripted-lid-send");
        script("scripted-lid-send", Map.of("lidMapping", java.util.List.of(
                Map.of("lid", "81234567890123@lid", "pn", "15550000004@s.whatsapp.net"))));
        var sent = sendText("scripted-lid-send", "15550000004", "hello by LID");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/v1/sendText", sent);
        assertThat(sent.json().path("id").asText()).startsWith("true_15550000004@c.us_3EB0");
        assertThat(sent.json().path("to").asText()).isEqualTo("15550000004@c.us");
        assertThat(sent.json().path("toLid").asText()).isEqualTo("81234567890123@lid");
        var stored = stored("scripted-lid-send", "15550000004", sent.json().path("id").asText());
        assertThat(stored.path("toLid").asText()).isEqualTo("81234567890123@lid");
    }
}
