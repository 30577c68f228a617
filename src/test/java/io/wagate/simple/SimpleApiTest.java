package io.wagate.simple;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JSON endpoints of the simple API (/api/whatsapp) between sandbox sessions, with session keys:
 * what the recipient gets, the answers' shape, and every bad input as a {"error": "…"}.
 */
class SimpleApiTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String ANA = "15557770001";
    static final String BEN = "15557770002";
    static final String CAL = "15557770003";
    static String anaKey;
    static String benKey;

    @BeforeAll
    static void link() {
        anaKey = Sessions.linked(server.api(), "ana", ANA).path("apiKey").asText();
        benKey = Sessions.linked(server.api(), "ben", BEN).path("apiKey").asText();
        Sessions.linked(server.api(), "cal", CAL);
    }

    static Api.Response call(String key, String path, Object body) {
        var response = server.api(key).post(path, body);
        CONTRACT.assertConforms("POST", path.replaceFirst("\\?.*$", ""), response);
        return response;
    }

    static JsonNode ok(String key, String path, Object body) {
        var response = call(key, path, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("success").asBoolean()).isTrue();
        return response.json();
    }

    static String error(int status, String key, String path, Object body) {
        var response = call(key, path, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().size()).as("only an error field: " + response).isEqualTo(1);
        return response.json().path("error").asText();
    }

    static Map<String, Object> body(Object... pairs) {
        var map = new HashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static JsonNode history(String session, String chatId) {
        return server.api().get("/v1/messages?session=" + session + "&chatId=" + chatId).json();
    }

    /** Waits for {@code session}'s copy of the message with WhatsApp id {@code waId} to satisfy {@code check}. */
    static JsonNode awaitCopy(String session, String chatId, String waId, java.util.function.Predicate<JsonNode> check) {
        return Sessions.awaitCopy(server.api(), session, chatId, waId, check);
    }

    @Test
    void aTextReachesTheNumberAndTheAnswerCarriesItsKey() {
        var sent = ok(anaKey, "/api/whatsapp/send/text", body("number", "+1 555-777-0002", "message", "hi ben"));
        assertThat(sent.path("message").asText()).isEqualTo("Message sent successfully");
        String waId = sent.path("key").path("id").asText();
        assertThat(sent.path("messageId").asText()).isEqualTo("true_" + BEN + "@c.us_" + waId);
        assertThat(sent.path("key").path("remoteJid").asText()).isEqualTo(BEN + "@s.whatsapp.net");
        assertThat(sent.path("key").path("fromMe").asBoolean()).isTrue();
        assertThat(sent.path("key").has("participant")).isFalse();

        var copy = awaitCopy("ben", ANA, waId, m -> true);
        assertThat(copy.path("body").asText()).isEqualTo("hi ben");
        assertThat(copy.path("fromMe").asBoolean()).isFalse();
        // the simple API's sends are the session's messages like any other
        assertThat(history("ana", BEN).get(0).path("id").asText()).isEqualTo(sent.path("messageId").asText());
    }

    @Test
    void aGroupGetsTextsLocationsAndPollsAndIsListed() {
        var created = server.api().post("/v1/sessions/ana/groups", Map.of("name", "Simple crew",
                "participants", List.of(Map.of("id", BEN), Map.of("id", CAL))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String group = created.json().path("id").asText();
        String digits = group.substring(0, group.indexOf('@'));

        var text = ok(anaKey, "/api/whatsapp/send/text", body("group", digits, "message", "hello crew"));
        assertThat(text.path("key").path("remoteJid").asText()).isEqualTo(group);
        awaitCopy("ben", group, text.path("key").path("id").asText(), m -> m.path("body").asText().equals("hello crew"));

        var location = ok(anaKey, "/api/whatsapp/send/location", body("group", group, "location",
                Map.of("degreesLatitude", 0, "degreesLongitude", 0, "name", "Null Island", "address", "Gulf of Guinea")));
        assertThat(location.path("message").asText()).isEqualTo("Location sent successfully");
        var pin = awaitCopy("cal", group, location.path("key").path("id").asText(), m -> true).path("location");
        assertThat(pin.path("latitude").asDouble()).isZero();
        assertThat(pin.path("longitude").asDouble()).isZero();
        assertThat(pin.path("title").asText()).isEqualTo("Null Island");
        assertThat(pin.path("address").asText()).isEqualTo("Gulf of Guinea");

        var poll = ok(anaKey, "/api/whatsapp/send/poll", body("group", group, "name", "Lunch?",
                "values", List.of("Pizza", "Sushi", "Salad"), "selectableCount", 2, "toAnnouncementGroup", false));
        assertThat(poll.path("message").asText()).isEqualTo("Poll sent successfully");
        var received = awaitCopy("ben", group, poll.path("key").path("id").asText(), m -> true).path("poll");
        assertThat(received.path("name").asText()).isEqualTo("Lunch?");
        assertThat(received.path("options")).hasSize(3);
        assertThat(received.path("selectableCount").asInt()).isEqualTo(2);

        var listed = server.api(anaKey).get("/api/whatsapp/get/groups");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        CONTRACT.assertConforms("GET", "/api/whatsapp/get/groups", listed);
        assertThat(listed.json().path("groups")).anySatisfy(g -> {
            assertThat(g.path("id").asText()).isEqualTo(group);
            assertThat(g.path("name").asText()).isEqualTo("Simple crew");
            assertThat(g.path("participants").asInt()).isEqualTo(3);
        });
    }

    @Test
    void reactionsNameTheMessageByKeyObjectSerializedIdOrBareId() {
        var sent = ok(anaKey, "/api/whatsapp/send/text", body("number", BEN, "message", "react to me"));
        var key = sent.path("key");
        String waId = key.path("id").asText();
        awaitCopy("ben", ANA, waId, m -> true);

        // ben reacts to ana's message with the key ana's answer gave (remoteJid is the chat; for ben it is ana)
        var reacted = ok(benKey, "/api/whatsapp/message/react", body("number", ANA, "emoji", "👍", "messageKey",
                Map.of("remoteJid", ANA + "@s.whatsapp.net", "fromMe", false, "id", waId)));
        assertThat(reacted.path("message").asText()).isEqualTo("Reaction sent successfully");
        assertThat(reacted.path("messageId").asText()).isEqualTo("false_" + ANA + "@c.us_" + waId);
        awaitCopy("ana", BEN, waId, m -> m.path("reactions").toString().contains("👍"));

        ok(benKey, "/api/whatsapp/message/react", body("number", ANA, "emoji", "❤️", "messageKey", waId));
        awaitCopy("ana", BEN, waId, m -> m.path("reactions").toString().contains("❤️")
                && m.path("reactions").size() == 1);
        ok(anaKey, "/api/whatsapp/message/react", body("number", BEN, "emoji", "😂",
                "messageKey", sent.path("messageId").asText()));
        awaitCopy("ben", ANA, waId, m -> m.path("reactions").size() == 2);

        var removed = ok(benKey, "/api/whatsapp/message/react", body("number", ANA, "emoji", "", "messageKey", waId));
        assertThat(removed.path("message").asText()).isEqualTo("Reaction removed successfully");
        awaitCopy("ana", BEN, waId, m -> m.path("reactions").size() == 1
                && m.path("reactions").get(0).path("from").asText().equals(ANA + "@c.us"));
    }

    @Test
    void deleteRemovesTheMessageForEveryone() {
        var sent = ok(anaKey, "/api/whatsapp/send/text", body("number", BEN, "message", "oops"));
        String waId = sent.path("key").path("id").asText();
        awaitCopy("ben", ANA, waId, m -> m.path("body").asText().equals("oops"));
        var deleted = ok(anaKey, "/api/whatsapp/message/delete", body("number", BEN, "messageKey", sent.path("key")));
        assertThat(deleted.path("message").asText()).isEqualTo("Message deleted successfully");
        assertThat(deleted.path("messageId").asText()).isEqualTo(sent.path("messageId").asText());
        awaitCopy("ben", ANA, waId, m -> m.path("type").asText().equals("revoked"));

        // another's message cannot be deleted for everyone: WhatsApp refuses (403)
        var his = ok(benKey, "/api/whatsapp/send/text", body("number", ANA, "message", "mine"));
        String hisId = his.path("key").path("id").asText();
        awaitCopy("ana", BEN, hisId, m -> true);
        assertThat(error(403, anaKey, "/api/whatsapp/message/delete", body("number", BEN, "messageKey", hisId)))
                .contains("own messages");
    }

    @Test
    void messageKeysThatNameNothingOrAnotherChatAreRefused() {
        var sent = ok(anaKey, "/api/whatsapp/send/text", body("number", BEN, "message", "key tests"));
        String waId = sent.path("key").path("id").asText();
        for (String path : List.of("/api/whatsapp/message/react", "/api/whatsapp/message/delete")) {
            var base = new HashMap<String, Object>(Map.of("number", BEN, "emoji", "👍"));
            if (path.endsWith("delete")) {
                base.remove("emoji");
            }
            base.put("messageKey", "3EB0FFFFFFFFFFFFFFFF");
            assertThat(error(404, anaKey, path, base)).contains("not found");
            base.put("messageKey", "true_" + BEN + "@c.us_3EB0FFFFFFFFFFFFFFFF");
            assertThat(error(404, anaKey, path, base)).contains("not found");
            base.put("messageKey", Map.of("remoteJid", BEN + "@s.whatsapp.net", "fromMe", true, "id", "3EB0FFFFFFFF"));
            assertThat(error(404, anaKey, path, base)).contains("not found");
            base.put("messageKey", Map.of("remoteJid", CAL + "@s.whatsapp.net", "fromMe", true, "id", waId));
            assertThat(error(400, anaKey, path, base)).contains("messageKey.remoteJid");
            base.put("messageKey", "true_" + CAL + "@c.us_" + waId);
            assertThat(error(400, anaKey, path, base)).contains("messageKey");
            base.put("messageKey", "not an id!");
            assertThat(error(400, anaKey, path, base)).contains("messageKey");
            base.put("messageKey", Map.of("remoteJid", BEN + "@c.us", "id", waId, "extra", 1));
            assertThat(error(400, anaKey, path, base)).contains("messageKey.extra");
            base.put("messageKey", Map.of("remoteJid", BEN + "@c.us", "id", waId, "fromMe", "yes"));
            assertThat(error(400, anaKey, path, base)).contains("messageKey.fromMe");
            base.put("messageKey", 42);
            assertThat(error(400, anaKey, path, base)).contains("messageKey");
            base.remove("messageKey");
            assertThat(error(400, anaKey, path, base)).contains("messageKey is required");
        }
        // ben's id for it names ben's chat with ana, which is not the chat number names here
        assertThat(error(400, anaKey, "/api/whatsapp/message/react", body("number", BEN, "emoji", "👍",
                "messageKey", "false_" + ANA + "@c.us_" + waId))).contains("but number/group names chat");
        assertThat(error(400, anaKey, "/api/whatsapp/message/react", body("number", BEN, "messageKey", waId)))
                .contains("emoji");
        assertThat(error(400, anaKey, "/api/whatsapp/message/react", body("number", BEN, "messageKey", waId,
                "emoji", "ok"))).contains("emoji must be a single emoji");
    }

    @Test
    void recipientsAreExactlyOneOfNumberAndGroup() {
        String path = "/api/whatsapp/send/text";
        assertThat(error(400, anaKey, path, body("number", BEN, "group", "120363000000000001", "message", "x")))
                .contains("not both");
        assertThat(error(400, anaKey, path, body("message", "x"))).contains("number or group is required");
        assertThat(error(400, anaKey, path, body("number", "", "message", "x"))).contains("number or group");
        assertThat(error(400, anaKey, path, body("number", "123", "message", "x"))).contains("number");
        assertThat(error(400, anaKey, path, body("number", "12345678901234567", "message", "x"))).contains("number");
        assertThat(error(400, anaKey, path, body("number", "555 CALL NOW", "message", "x"))).contains("number");
        assertThat(error(400, anaKey, path, body("group", "family", "message", "x"))).contains("group");
        assertThat(error(400, anaKey, path, body("number", "15559999999", "message", "x"))).contains("not on WhatsApp");
        assertThat(error(404, anaKey, path, body("group", "120363000000000001@g.us", "message", "x")))
                .contains("not found");
        assertThat(error(400, anaKey, path, body("number", 15557770002L, "message", "x"))).contains("number");
    }

    @Test
    void badJsonBodies() {
        String text = "/api/whatsapp/send/text";
        assertThat(error(400, anaKey, text, body("number", BEN))).contains("message is required");
        assertThat(error(400, anaKey, text, body("number", BEN, "message", ""))).contains("message");
        assertThat(error(400, anaKey, text, body("number", BEN, "message", "x".repeat(65_536)))).contains("message");
        assertThat(error(400, anaKey, text, body("number", BEN, "message", "x", "chatId", BEN))).contains("chatId");
        assertThat(error(400, anaKey, text, "{\"number\":")).contains("malformed JSON");
        assertThat(error(400, anaKey, text, "[1,2]")).contains("JSON object");
        assertThat(error(400, anaKey, text, "")).contains("body is required");
        assertThat(error(413, anaKey, text, "{\"message\":\"" + "x".repeat(1024 * 1024) + "\"}")).contains("limit");

        String location = "/api/whatsapp/send/location";
        assertThat(error(400, anaKey, location, body("number", BEN))).contains("location is required");
        assertThat(error(400, anaKey, location, body("number", BEN, "location", Map.of("degreesLongitude", 1))))
                .contains("location.degreesLatitude");
        assertThat(error(400, anaKey, location, body("number", BEN, "location",
                Map.of("degreesLatitude", 91, "degreesLongitude", 0)))).contains("location.degreesLatitude");
        assertThat(error(400, anaKey, location, body("number", BEN, "location",
                Map.of("degreesLatitude", 0, "degreesLongitude", -180.5)))).contains("location.degreesLongitude");
        assertThat(error(400, anaKey, location, body("number", BEN, "location",
                Map.of("degreesLatitude", "40.7", "degreesLongitude", 0)))).contains("location.degreesLatitude");
        ok(anaKey, location, body("number", BEN, "location", Map.of("degreesLatitude", -90, "degreesLongitude", 180)));

        String poll = "/api/whatsapp/send/poll";
        assertThat(error(400, anaKey, poll, body("number", BEN, "values", List.of("a", "b")))).contains("name");
        assertThat(error(400, anaKey, poll, body("number", BEN, "name", "Q", "values", List.of("a")))).contains("values");
        var thirteen = java.util.stream.IntStream.range(0, 13).mapToObj(i -> "o" + i).toList();
        assertThat(error(400, anaKey, poll, body("number", BEN, "name", "Q", "values", thirteen))).contains("values");
        assertThat(error(400, anaKey, poll, body("number", BEN, "name", "Q", "values", List.of("a", "a"))))
                .contains("distinct");
        assertThat(error(400, anaKey, poll, body("number", BEN, "name", "Q", "values", List.of("a", "b"),
                "selectableCount", 3))).contains("selectableCount");
        assertThat(error(400, anaKey, poll, body("number", BEN, "name", "Q", "values", List.of("a", "b"),
                "selectableCount", 0))).contains("selectableCount");
        assertThat(error(400, anaKey, poll, body("number", BEN, "name", "Q", "values", List.of("a", "b"),
                "toAnnouncementGroup", "no"))).contains("toAnnouncementGroup");
        ok(anaKey, poll, body("number", BEN, "name", "Q", "values", thirteen.subList(0, 12), "selectableCount", 12));
    }

    @Test
    void keysAndSessions() {
        String path = "/api/whatsapp/send/text";
        var message = body("number", BEN, "message", "who am I?");
        // no key, an unknown key: the one message of the original
        var anonymous = server.api().anonymous().post(path, message);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.text()).isEqualTo("{\"error\":\"Invalid or missing X-API-Key header\"}");
        CONTRACT.assertConforms("POST", path, anonymous);
        assertThat(error(401, "wag_not_a_key_at_all", path, message)).isEqualTo("Invalid or missing X-API-Key header");
        // the other header names work too
        var rapid = server.api().anonymous().withHeader("x-rapidapi-key", anaKey).post(path, message);
        assertThat(rapid.status()).as(rapid.toString()).isEqualTo(200);
        var bearer = server.api().anonymous().withHeader("Authorization", "Bearer " + anaKey).post(path, message);
        assertThat(bearer.status()).as(bearer.toString()).isEqualTo(200);

        // an account key must name its session; the admin's sessions are the admin account's
        assertThat(error(401, TestServer.ADMIN_KEY, path, message)).contains("?session=");
        assertThat(ok(TestServer.ADMIN_KEY, path + "?session=ana", message).path("messageId").asText())
                .startsWith("true_" + BEN);
        assertThat(error(404, TestServer.ADMIN_KEY, path + "?session=nobody", message)).contains("nobody");
        // a session key reaches its own session only
        ok(anaKey, path + "?session=ana", message);
        assertThat(error(404, anaKey, path + "?session=ben", message)).contains("ben");

        // a session that is not WORKING: 409 naming its status, before the body is looked at
        String dozyKey = Sessions.linked(server.api(), "dozy", "15557770004").path("apiKey").asText();
        server.api().post("/v1/sessions/dozy/stop", null);
        Sessions.awaitStatus(server.api(), "dozy", "STOPPED");
        assertThat(error(409, dozyKey, path, message)).contains("STOPPED");
        assertThat(error(409, dozyKey, path, "{not json")).contains("STOPPED");
        var groups = server.api(dozyKey).get("/api/whatsapp/get/groups");
        assertThat(groups.status()).isEqualTo(409);
        CONTRACT.assertConforms("GET", "/api/whatsapp/get/groups", groups);

        // a deleted session's key is still recognised: 404, not 401
        assertThat(server.api().delete("/v1/sessions/dozy").status()).isEqualTo(204);
        assertThat(error(404, dozyKey, path, message)).isEqualTo("Session not found with provided API key");
        var gone = server.api(dozyKey).get("/api/whatsapp/get/groups");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("error").asText()).isEqualTo("Session not found with provided API key");

        // a rotated key is revoked at once
        String old = Sessions.linked(server.api(), "rotated", "15557770005").path("apiKey").asText();
        server.api().post("/v1/sessions/rotated/api-key", null);
        assertThat(error(401, old, path, message)).isEqualTo("Invalid or missing X-API-Key header");
    }

    @Test
    void unknownRoutesAndMethodsAnswerInThisSurfacesShape() {
        var missing = server.api(anaKey).post("/api/whatsapp/send/sticker", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().has("error")).isTrue();
        assertThat(missing.json().has("statusCode")).isFalse();
        var wrongMethod = server.api(anaKey).get("/api/whatsapp/send/text");
        assertThat(wrongMethod.status()).isIn(404, 405);
        assertThat(wrongMethod.json().has("error")).isTrue();
        // the v1 shape stays the v1 shape
        assertThat(server.api().get("/v1/nothing").json().path("statusCode").asInt()).isEqualTo(404);
    }
}
