package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One message shape on both engines: the same script (a text, an image, a reaction, an edit, a delete, acks, a
 * group message of three) runs on three sandbox sessions and on three Baileys sessions linked through the
 * emulator, with the same phone numbers, and every webhook payload and history entry it yields must be the same
 * JSON on both, once what cannot match is set aside: message ids (their random part), group ids, times, the
 * server's address, and the LIDs ({@code fromLid}, {@code toLid}) only Baileys knows (README "The Baileys
 * engine": group acks per member, and the ack events before READ, are compared only in their final state).
 */
class MessageShapeAcrossEnginesTest {
    static final String A = "15550505001";
    static final String B = "15550505002";
    static final String C = "15550505003";

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();
    @RegisterExtension
    static final RunningServer sandbox = new RunningServer(TestServer::startWithoutAutoLink);

    record Engine(String name, Supplier<Api> api, Webhooks hooks) {}

    static Engine baileys;
    static Engine sandboxEngine;

    @BeforeAll
    static void link() {
        baileys = new Engine("baileys", emu::api, new Webhooks());
        sandboxEngine = new Engine("sandbox", sandbox::api, new Webhooks());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "sa", A, baileys.hooks().config());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "sb", B, baileys.hooks().config());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "sc", C, baileys.hooks().config());
        for (var side : List.of(Map.entry("sa", A), Map.entry("sb", B), Map.entry("sc", C))) {
            var created = sandbox.api().post("/v1/sessions", Map.of("name", side.getKey(), "engine", "sandbox",
                    "config", sandboxEngine.hooks().config()));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Sessions.awaitStatus(sandbox.api(), side.getKey(), "SCAN_QR_CODE");
            assertThat(sandbox.api().post("/v1/" + side.getKey() + "/auth/pairing-code",
                    Map.of("phoneNumber", side.getValue())).status()).isEqualTo(200);
            Sessions.awaitStatus(sandbox.api(), side.getKey(), "WORKING");
        }
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(60), emu.server(), "sa", "sb", "sc");
    }

    @AfterAll
    static void close() {
        baileys.hooks().close();
        sandboxEngine.hooks().close();
    }

    @Test
    void everyPayloadAndHistoryEntryOfTheScriptIsTheSameOnBothEngines() {
        var onSandbox = script(sandboxEngine);
        var onBaileys = script(baileys);
        assertThat(onBaileys.keySet()).containsExactlyElementsOf(onSandbox.keySet());
        var differences = new ArrayList<String>();
        onSandbox.forEach((what, expected) -> {
            var got = onBaileys.get(what);
            if (!expected.equals(got)) {
                differences.add(what + ":\n  sandbox " + expected + "\n  baileys " + got);
            }
        });
        assertThat(differences).as(String.join("\n", differences)).isEmpty();

        // And the shape is the README's, not merely the same twice.
        var copy = onSandbox.get("sb message (group text)");
        assertThat(copy.path("from").asText()).isEqualTo("<group>");
        assertThat(copy.path("participant").asText()).isEqualTo(A + "@c.us");
        assertThat(copy.path("to").asText()).isEqualTo(B + "@c.us");
        assertThat(copy.path("fromMe").asBoolean()).isFalse();
        var image = onSandbox.get("sb message (image)");
        assertThat(image.path("hasMedia").asBoolean()).isTrue();
        assertThat(image.path("media").path("mimetype").asText()).isEqualTo("image/png");
        assertThat(onSandbox.get("sa history (text)").path("ackName").asText()).isEqualTo("READ");
        assertThat(onSandbox.get("sb history (image)").path("type").asText()).isEqualTo("revoked");
        assertThat(onSandbox.get("sb history (text)").path("body").asText()).isEqualTo("shape: edited");
    }

    /** What the script yields on one engine, by name: each payload or history entry normalized. */
    private static Map<String, JsonNode> script(Engine e) {
        var seen = new LinkedHashMap<String, JsonNode>();
        var api = e.api().get();
        var hooks = e.hooks();

        var text = sent(api.post("/v1/sendText", Map.of("session", "sa", "chatId", B + "@c.us", "text", "shape: text")));
        String textId = text.path("id").asText();
        seen.put("sa send answer (text)", text);
        var textAtB = hooks.await("sb", "message", p -> p.path("body").asText().equals("shape: text"));
        seen.put("sb message (text)", textAtB);
        seen.put("sa message.any (text)", hooks.await("sa", "message.any", id(textId)));
        seen.put("sa message.ack DEVICE (text)", hooks.await("sa", "message.ack", ack(textId, "DEVICE")));
        assertThat(api.post("/v1/sendSeen", Map.of("session", "sb", "chatId", A + "@c.us")).status()).isEqualTo(200);
        seen.put("sa message.ack READ (text)", hooks.await("sa", "message.ack", ack(textId, "READ")));

        var image = sent(api.post("/v1/sendImage", Map.of("session", "sa", "chatId", B + "@c.us", "caption", "shape: image",
                "file", Map.of("data", Base64.getEncoder().encodeToString(Fixtures.png()), "filename", "dot.png"))));
        String imageId = image.path("id").asText();
        seen.put("sa send answer (image)", image);
        var imageAtB = hooks.await("sb", "message", p -> p.path("body").asText().equals("shape: image"));
        seen.put("sb message (image)", imageAtB);

        var reacted = api.put("/v1/reaction", Map.of("session", "sb", "messageId", textAtB.path("id").asText(), "reaction", "👍"));
        assertThat(reacted.status()).as(reacted.toString()).isEqualTo(200);
        seen.put("sa message.reaction (text)", hooks.await("sa", "message.reaction", p -> p.path("reaction").path("messageId").asText().equals(textId)));

        var edited = api.put("/v1/sessions/sa/chats/" + B + "@c.us/messages/" + textId, Map.of("text", "shape: edited"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        seen.put("sb message.edited (text)", hooks.await("sb", "message.edited",
                p -> p.path("editedMessageId").asText().equals(textAtB.path("id").asText())));
        var deleted = api.delete("/v1/sessions/sa/chats/" + B + "@c.us/messages/" + imageId);
        assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);
        seen.put("sb message.revoked (image)", hooks.await("sb", "message.revoked",
                p -> p.path("revokedMessageId").asText().equals(imageAtB.path("id").asText())));

        seen.put("sa history (text)", entry(api, "sa", B + "@c.us", textId, m -> m.path("reactions").size() == 1
                && m.path("body").asText().equals("shape: edited")));
        seen.put("sa history (image)", entry(api, "sa", B + "@c.us", imageId, m -> m.path("type").asText().equals("revoked")));
        seen.put("sb history (text)", entry(api, "sb", A + "@c.us", textAtB.path("id").asText(),
                m -> m.path("body").asText().equals("shape: edited")));
        seen.put("sb history (image)", entry(api, "sb", A + "@c.us", imageAtB.path("id").asText(),
                m -> m.path("type").asText().equals("revoked")));

        var group = api.post("/v1/sessions/sa/groups", Map.of("name", "shapes", "participants",
                List.of(Map.of("id", B + "@c.us"), Map.of("id", C + "@c.us"))));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String groupId = group.json().path("id").asText();
        for (String member : List.of("sa", "sb", "sc")) {
            seen.put(member + " group.v2.join", hooks.await(member, "group.v2.join",
                    p -> p.path("group").path("id").asText().equals(groupId)));
        }
        var inGroup = sent(api.post("/v1/sendText", Map.of("session", "sa", "chatId", groupId, "text", "shape: group")));
        String groupMessageId = inGroup.path("id").asText();
        seen.put("sa send answer (group text)", inGroup);
        var atB = hooks.await("sb", "message", p -> p.path("body").asText().equals("shape: group"));
        seen.put("sb message (group text)", atB);
        seen.put("sc message (group text)", hooks.await("sc", "message", p -> p.path("body").asText().equals("shape: group")));
        var groupReaction = api.put("/v1/reaction", Map.of("session", "sb", "messageId", atB.path("id").asText(), "reaction", "🎉"));
        assertThat(groupReaction.status()).as(groupReaction.toString()).isEqualTo(200);
        seen.put("sa message.reaction (group text)", hooks.await("sa", "message.reaction",
                p -> p.path("reaction").path("messageId").asText().equals(groupMessageId)));
        for (String member : List.of("sb", "sc")) {
            assertThat(api.post("/v1/sendSeen", Map.of("session", member, "chatId", groupId)).status()).isEqualTo(200);
        }
        seen.put("sa history (group text)", entry(api, "sa", groupId, groupMessageId,
                m -> m.path("ackName").asText().equals("READ") && m.path("reactions").size() == 1));
        seen.put("sb history (group text)", entry(api, "sb", groupId, atB.path("id").asText(), m -> true));

        var poll = sent(api.post("/v1/sendPoll", Map.of("session", "sa", "chatId", B + "@c.us",
                "poll", Map.of("name", "shape: poll", "options", List.of("Yes", "No"), "multipleAnswers", false))));
        seen.put("sa send answer (poll)", poll);
        var pollAtB = hooks.await("sb", "message", p -> p.path("poll").path("name").asText().equals("shape: poll"));
        seen.put("sb message (poll)", pollAtB);
        sent(api.post("/v1/sendPollVote", Map.of("session", "sb", "chatId", A + "@c.us",
                "pollMessageId", pollAtB.path("id").asText(), "votes", List.of("No"))));
        seen.put("sa poll.vote", hooks.await("sa", "poll.vote", p -> p.path("poll").path("id").asText()
                .equals(poll.path("id").asText()) && !p.path("vote").path("fromMe").asBoolean()));
        seen.put("sb poll.vote (own)", hooks.await("sb", "poll.vote", p -> p.path("vote").path("fromMe").asBoolean()));
        seen.put("sa history (poll)", entry(api, "sa", B + "@c.us", poll.path("id").asText(),
                m -> m.path("poll").path("votes").toString().contains(B + "@c.us")));

        var normalized = new LinkedHashMap<String, JsonNode>();
        seen.forEach((what, node) -> normalized.put(what, normalize(node, groupId)));
        return normalized;
    }

    private static JsonNode sent(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static Predicate<JsonNode> id(String id) {
        return p -> p.path("id").asText().equals(id);
    }

    private static Predicate<JsonNode> ack(String id, String ackName) {
        return p -> p.path("id").asText().equals(id) && p.path("ackName").asText().equals(ackName);
    }

    /** The message {@code id} in {@code session}'s history of {@code chatId}, once it {@code is} so. */
    private static JsonNode entry(Api api, String session, String chatId, String id, Predicate<JsonNode> is) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode m : api.get("/v1/messages?session=" + session + "&chatId=" + chatId + "&limit=50").json()) {
                if (m.path("id").asText().equals(id)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null && is.test(m));
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("((?:true|false)_[^_\\s]+?@(?:c\\.us|g\\.us|lid))_[A-Za-z0-9]+");
    /** A received image's name: its message id and the mimetype's subtype. */
    private static final Pattern RECEIVED_FILE = Pattern.compile("^[A-Za-z0-9]{16,}\\.(\\w+)$");
    /** A time as WhatsApp keeps it (seconds); one with a fraction stays, to be told apart. */
    private static final Pattern INSTANT = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
    private static final Pattern BASE = Pattern.compile("https?://[^/\\s]+");

    /** The payload with what cannot match between engines replaced by placeholders (or, for the LIDs, left out). */
    static JsonNode normalize(JsonNode node, String groupId) {
        if (node.isObject()) {
            var out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> {
                String name = field.getKey();
                if (name.equals("fromLid") || name.equals("toLid")) {
                    return;
                }
                if (name.equals("timestamp") && field.getValue().isNumber()) {
                    out.put(name, "<seconds>");
                    return;
                }
                if (name.equals("filename")) {
                    out.put(name, RECEIVED_FILE.matcher(field.getValue().asText()).replaceAll("<id>.$1"));
                    return;
                }
                out.set(name, normalize(field.getValue(), groupId));
            });
            return sorted(out);
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(normalize(item, groupId)));
            return out;
        }
        if (node.isTextual()) {
            String text = MESSAGE_ID.matcher(node.asText()).replaceAll("$1_<id>").replace(groupId, "<group>");
            text = INSTANT.matcher(text).replaceAll("<instant in seconds>");
            text = BASE.matcher(text).replaceAll("<base>");
            return JsonNodeFactory.instance.textNode(text);
        }
        return node;
    }

    private static ObjectNode sorted(ObjectNode node) {
        var out = JsonNodeFactory.instance.objectNode();
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        names.forEach(n -> out.set(n, node.get(n)));
        return out;
    }
}
