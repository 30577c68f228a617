package io.wagate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sandbox sessions, alba (A) and bruno (B), walk through the v1 endpoints in the order the README
 * gives them — sessions, messages, groups, channels, contacts, presence — and
 * then the rest of the v1 API (chats, calls, stars, votes…), each step checked against
 * /openapi.json, and each checked on the other side: what A did, B saw (stored message, ack,
 * membership, tally, edit, revocation, presence, admin change, channel preview).
 *
 * <p>It ends by asserting that every documented operation of the messaging tags succeeded at least
 * once here: a new route under those tags must join the tour.
 *
 * <p>Not walked: the webhooks endpoints (their own tests, under {@code webhook/}, run them with receivers).
 */
class TourTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOURED_TAGS =
            Set.of("Messages", "Presence", "Contacts", "Groups", "Channels", "Chats", "Calls");

    static final String A = "15557770001";
    static final String B = "15557770002";
    static final String C = "15557770003";
    static final String A_ID = A + "@c.us";
    static final String B_ID = B + "@c.us";

    @TempDir
    static Path fixtures;

    private final Set<String> succeeded = new HashSet<>();

    @Test
    void twoSessionsWalkEveryEndpointAndEachSeesWhatTheOtherDid() throws Exception {
        sessions();
        String textId = messages();
        groups();
        channels();
        contactsAndPresence();
        chatsCallsAndStars(textId);
        endOfSessions();

        var missed = new TreeSet<String>();
        for (String operation : CONTRACT.operations()) {
            int space = operation.indexOf(' ');
            var node = CONTRACT.operation(operation.substring(0, space), operation.substring(space + 1));
            boolean toured = false;
            for (var tag : node.path("tags")) {
                toured |= TOURED_TAGS.contains(tag.asText());
            }
            if (toured && !succeeded.contains(operation)) {
                missed.add(operation);
            }
        }
        assertThat(missed).as("operations tagged " + TOURED_TAGS + " the tour never saw succeed; "
                + "add new routes with these tags to the tour").isEmpty();
    }

    /** README "Sessions": list, create, get, start, QR, pairing code; a stop shows that messages wait. */
    private void sessions() {
        call(200, "GET", "/v1/sessions", null);
        call(201, "POST", "/v1/sessions", Map.of("name", "alba", "engine", "sandbox"));
        call(201, "POST", "/v1/sessions", Map.of("name", "bruno", "engine", "sandbox", "start", false));
        assertThat(call(200, "GET", "/v1/sessions/{session}", null, "bruno").json().path("status").asText())
                .isEqualTo("STOPPED");
        call(200, "POST", "/v1/sessions/start", Map.of("name", "bruno"));
        awaitStatus("alba", "SCAN_QR_CODE");
        var qr = call(200, "GET", "/v1/{session}/auth/qr?format=image", null, "alba");
        assertThat(qr.bytes()).startsWith(0x89, 'P', 'N', 'G');
        call(200, "GET", "/v1/{session}/auth/pairing-code?phoneNumber=" + A, null, "alba");
        awaitStatus("bruno", "SCAN_QR_CODE");
        call(200, "POST", "/v1/{session}/auth/pairing-code", Map.of("phoneNumber", B), "bruno");
        awaitStatus("alba", "WORKING");
        awaitStatus("bruno", "WORKING");
        assertThat(call(200, "GET", "/v1/sessions/{session}/me", null, "bruno").json().path("id").asText())
                .isEqualTo(B_ID);

        // While B is stopped, A's message waits (ack SERVER); B gets it when it runs again.
        call(200, "POST", "/v1/sessions/stop", Map.of("name", "bruno"));
        awaitStatus("bruno", "STOPPED");
        var waiting = send("/v1/sendText", Map.of("session", "alba", "chatId", B, "text", "while you were away"));
        assertThat(waiting.path("ack").asInt()).isEqualTo(1);
        call(200, "POST", "/v1/sessions/start", Map.of("name", "bruno"));
        awaitStatus("bruno", "WORKING");
        awaitMessage("bruno", A, m -> m.path("body").asText().equals("while you were away"));
        awaitMessage("alba", B, m -> m.path("id").asText().equals(waiting.path("id").asText())
                && m.path("ackName").asText().equals("DEVICE"));
    }

    /** README "Messages", every kind, each one arriving at B; returns the id of A's first text. */
    private String messages() throws Exception {
        var text = send("/v1/sendText", Map.of("session", "alba", "chatId", "+1 555 777 0002",
                "text", "Hi Bruno, see https://wagate.example/docs", "linkPreview", true,
                "linkPreviewHighQuality", true, "mentions", List.of(B)));
        String textId = text.path("id").asText();
        var bText = awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(textId, A)));
        assertThat(bText.path("body").asText()).isEqualTo("Hi Bruno, see https://wagate.example/docs");
        assertThat(bText.path("linkPreview").path("title").asText()).isEqualTo("wagate.example");
        awaitAck("alba", B, textId, "DEVICE");
        call(200, "POST", "/v1/sendSeen", Map.of("session", "bruno", "chatId", A, "messageId", theirs(textId, A)));
        awaitAck("alba", B, textId, "READ");

        var reply = send("/v1/reply", Map.of("session", "bruno", "chatId", A, "text", "Thanks!",
                "reply_to", theirs(textId, A)));
        var aReply = awaitMessage("alba", B, m -> m.path("id").asText().equals(theirs(reply.path("id").asText(), B)));
        assertThat(aReply.path("replyTo").path("id").asText()).isEqualTo(textId);

        byte[] png = Fixtures.png();
        var image = send("/v1/sendImage", Map.of("session", "alba", "chatId", B, "caption", "a picture",
                "file", Map.of("data", base64(png), "filename", "photo.png")));
        var bImage = awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(image.path("id").asText(), A)));
        var download = call(200, "GET", "/v1/files/{session}/{messageId}", null, "bruno", bImage.path("id").asText());
        assertThat(download.bytes()).isEqualTo(png);

        var file = send("/v1/sendFile", Map.of("session", "alba", "chatId", B,
                "file", Map.of("data", base64(Fixtures.pdf()), "filename", "report.pdf")));
        assertThat(awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(file.path("id").asText(), A)))
                .path("type").asText()).isEqualTo("document");

        byte[] webm = Files.readAllBytes(Fixtures.video(fixtures, "clip.webm", "libvpx"));
        var video = send("/v1/sendVideo", Map.of("session", "alba", "chatId", B, "caption", "clip",
                "file", Map.of("data", base64(webm), "filename", "clip.webm")));
        assertThat(awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(video.path("id").asText(), A)))
                .path("media").path("mimetype").asText()).isEqualTo("video/mp4");

        byte[] mp3 = Files.readAllBytes(Fixtures.tone(fixtures, "note.mp3"));
        var voice = send("/v1/sendVoice", Map.of("session", "alba", "chatId", B, "convert", true,
                "file", Map.of("data", base64(mp3), "filename", "note.mp3")));
        String voiceId = voice.path("id").asText();
        assertThat(awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(voiceId, A)))
                .path("type").asText()).isEqualTo("voice");
        call(200, "POST", "/v1/sendSeen", Map.of("session", "bruno", "chatId", A,
                "messageIds", List.of(theirs(voiceId, A))));
        awaitAck("alba", B, voiceId, "PLAYED");

        var location = send("/v1/sendLocation", Map.of("session", "alba", "chatId", B, "latitude", 52.52,
                "longitude", 13.405, "title", "Berlin"));
        assertThat(awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(location.path("id").asText(), A)))
                .path("location").path("title").asText()).isEqualTo("Berlin");

        var card = send("/v1/sendContactVcard", Map.of("session", "alba", "chatId", B,
                "contacts", List.of(Map.of("fullName", "Jane Doe", "phoneNumber", "+1 555 765 4321"))));
        assertThat(awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(card.path("id").asText(), A)))
                .path("vCards").get(0).asText()).contains("FN:Jane Doe");

        var poll = send("/v1/sendPoll", Map.of("session", "alba", "chatId", B,
                "poll", Map.of("name", "Lunch?", "options", List.of("Pizza", "Sushi"), "multipleAnswers", false)));
        String bPoll = theirs(poll.path("id").asText(), A);
        awaitMessage("bruno", A, m -> m.path("id").asText().equals(bPoll));
        send("/v1/sendPollVote", Map.of("session", "bruno", "chatId", A, "pollMessageId", bPoll,
                "votes", List.of("Sushi")));
        awaitMessage("alba", B, m -> m.path("id").asText().equals(poll.path("id").asText())
                && m.path("poll").path("votes").get(1).path("voters").toString().equals("[\"" + B_ID + "\"]"));

        var event = send("/v1/sendEvent", Map.of("session", "alba", "chatId", B, "event",
                Map.of("name", "Team lunch", "startTime", 2063137000L, "location", "Plaza Mall")));
        String bEvent = theirs(event.path("id").asText(), A);
        awaitMessage("bruno", A, m -> m.path("id").asText().equals(bEvent) && m.path("type").asText().equals("event"));
        send("/v1/respondEvent", Map.of("session", "bruno", "messageId", bEvent, "response", "going"));
        awaitMessage("alba", B, m -> m.path("id").asText().equals(event.path("id").asText())
                && m.path("event").path("responses").path("going").toString().equals("[\"" + B_ID + "\"]"));

        var forwarded = send("/v1/forwardMessage", Map.of("session", "bruno", "chatId", A,
                "messageId", theirs(location.path("id").asText(), A)));
        assertThat(forwarded.path("forwarded").asBoolean()).isTrue();
        assertThat(awaitMessage("alba", B, m -> m.path("id").asText().equals(theirs(forwarded.path("id").asText(), B)))
                .path("forwarded").asBoolean()).isTrue();

        call(200, "POST", "/v1/startTyping", Map.of("session", "alba", "chatId", B));
        awaitPresence("bruno", A, "typing");
        call(200, "POST", "/v1/stopTyping", Map.of("session", "alba", "chatId", B));
        awaitPresence("bruno", A, "paused");

        var edited = call(200, "PUT", "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}",
                Map.of("text", "Hi Bruno (edited)"), "alba", B_ID, textId).json();
        assertThat(edited.path("body").asText()).isEqualTo("Hi Bruno (edited)");
        awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(textId, A))
                && m.path("body").asText().equals("Hi Bruno (edited)"));

        String message = "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}";
        var pinned = call(200, "POST", message + "/pin", Map.of("duration", 604800), "alba", B_ID, textId).json();
        assertThat(pinned.path("pinned").asBoolean()).isTrue();
        assertThat(call(200, "POST", message + "/unpin", null, "alba", B_ID, textId).json().path("pinned")
                .asBoolean()).isFalse();

        var doomed = send("/v1/sendText", Map.of("session", "alba", "chatId", B, "text", "oops"));
        awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(doomed.path("id").asText(), A)));
        call(200, "DELETE", "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}", null, "alba", B_ID,
                doomed.path("id").asText());
        awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(doomed.path("id").asText(), A))
                && m.path("type").asText().equals("revoked"));

        var history = call(200, "GET", "/v1/messages?session=bruno&chatId=" + A + "&limit=5", null).json();
        assertThat(history).hasSize(5);
        return textId;
    }

    /** README "Groups" and the rest of the group routes; B sees each change. */
    private void groups() {
        String groups = "/v1/sessions/{session}/groups";
        String group = groups + "/{id}";
        String id = call(201, "POST", groups, Map.of("name", "Team", "description", "our team",
                "participants", List.of(Map.of("id", B))), "alba").json().path("id").asText();
        assertThat(call(200, "GET", group, null, "bruno", id).json().path("subject").asText()).isEqualTo("Team");
        assertThat(call(200, "GET", groups + "?limit=10&sortBy=subject", null, "bruno").json()).hasSize(1);
        assertThat(call(200, "GET", groups + "/count", null, "bruno").json().path("count").asInt()).isEqualTo(1);
        call(200, "POST", groups + "/refresh", null, "bruno");

        var text = send("/v1/sendText", Map.of("session", "alba", "chatId", id, "text", "hello team"));
        var bCopy = awaitMessage("bruno", id, m -> m.path("body").asText().equals("hello team"));
        assertThat(bCopy.path("participant").asText()).isEqualTo(A_ID);
        awaitAck("alba", id, text.path("id").asText(), "DEVICE");

        call(200, "PUT", group + "/subject", Map.of("subject", "Team A"), "alba", id);
        call(200, "PUT", group + "/description", Map.of("description", "the A team"), "alba", id);
        var seen = call(200, "GET", group, null, "bruno", id).json();
        assertThat(seen.path("subject").asText()).isEqualTo("Team A");
        assertThat(seen.path("description").asText()).isEqualTo("the A team");

        String messagesAdminOnly = group + "/settings/security/messages-admin-only";
        String infoAdminOnly = group + "/settings/security/info-admin-only";
        call(200, "PUT", messagesAdminOnly, Map.of("adminsOnly", true), "alba", id);
        assertThat(call(200, "GET", messagesAdminOnly, null, "bruno", id).json().path("adminsOnly").asBoolean())
                .isTrue();
        call(403, "POST", "/v1/sendText", Map.of("session", "bruno", "chatId", id, "text", "may I?"));
        call(200, "PUT", messagesAdminOnly, Map.of("adminsOnly", false), "alba", id);
        call(200, "PUT", infoAdminOnly, Map.of("adminsOnly", true), "alba", id);
        assertThat(call(200, "GET", infoAdminOnly, null, "bruno", id).json().path("adminsOnly").asBoolean())
                .isTrue();
        call(403, "PUT", group + "/subject", Map.of("subject", "mine now"), "bruno", id);

        call(200, "POST", group + "/participants/add", Map.of("participants", List.of(Map.of("id", "15550000001"))),
                "alba", id);
        awaitParticipants(id, 3);
        call(200, "POST", group + "/participants/remove",
                Map.of("participants", List.of(Map.of("id", "15550000001"))), "alba", id);
        awaitParticipants(id, 2);
        call(200, "POST", group + "/admin/promote", Map.of("participants", List.of(Map.of("id", B))), "alba", id);
        assertThat(role(id, B_ID)).isEqualTo("admin");
        call(200, "PUT", group + "/subject", Map.of("subject", "Team AB"), "bruno", id);
        call(200, "POST", group + "/admin/demote", Map.of("participants", List.of(Map.of("id", B))), "alba", id);
        assertThat(role(id, B_ID)).isEqualTo("participant");

        call(201, "POST", "/v1/sessions", Map.of("name", "carla", "engine", "sandbox"));
        awaitStatus("carla", "SCAN_QR_CODE");
        call(200, "POST", "/v1/{session}/auth/pairing-code", Map.of("phoneNumber", C), "carla");
        awaitStatus("carla", "WORKING");
        String oldCode = call(200, "GET", group + "/invite-code", null, "alba", id).json().path("code").asText();
        String code = call(200, "POST", group + "/invite-code/revoke", null, "alba", id).json().path("code").asText();
        assertThat(code).isNotEqualTo(oldCode);
        call(404, "POST", groups + "/join", Map.of("code", oldCode), "carla");
        call(200, "POST", groups + "/join", Map.of("code", "https://chat.whatsapp.com/" + code), "carla");
        awaitParticipants(id, 3);

        call(200, "PUT", group + "/picture", Map.of("file", Map.of("data", base64(Fixtures.png()))), "alba", id);
        var picture = call(200, "GET", group + "/picture", null, "bruno", id).json();
        assertThat(Base64.getDecoder().decode(picture.path("data").asText())).startsWith(0xFF, 0xD8);
        call(403, "DELETE", group + "/picture", null, "bruno", id);
        call(200, "DELETE", group + "/picture", null, "alba", id);
        call(404, "GET", group + "/picture", null, "bruno", id);

        call(200, "POST", group + "/leave", null, "carla", id);
        awaitParticipants(id, 2);
        assertThat(call(200, "GET", group + "/participants", null, "alba", id).json().toString())
                .doesNotContain(C);
        call(204, "DELETE", group, null, "alba", id);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.api().get("/v1/sessions/bruno/groups/" + id).status() == 404);
    }

    /** README "Channels": A owns one and posts; B follows and reads the preview. */
    private void channels() {
        String channels = "/v1/sessions/{session}/channels";
        String channel = channels + "/{id}";
        String id = call(201, "POST", channels, Map.of("name", "News", "description", "releases"), "alba")
                .json().path("id").asText();
        send("/v1/sendText", Map.of("session", "alba", "chatId", id, "text", "v1.0 is out"));
        call(200, "POST", channel + "/follow", null, "bruno", id);
        assertThat(call(200, "GET", channels, null, "bruno").json().toString()).contains(id);
        assertThat(call(200, "GET", channel, null, "bruno", id).json().path("role").asText()).isEqualTo("SUBSCRIBER");
        var preview = call(200, "GET", channel + "/messages/preview?limit=5", null, "bruno", id).json();
        assertThat(preview.get(0).path("body").asText()).isEqualTo("v1.0 is out");
        call(200, "POST", channel + "/unfollow", null, "bruno", id);
        call(403, "DELETE", channel, null, "bruno", id);
        call(204, "DELETE", channel, null, "alba", id);
        call(404, "GET", channel, null, "bruno", id);
    }

    /** README "Presence, typing, contacts". */
    private void contactsAndPresence() {
        var exists = call(200, "GET", "/v1/contacts/check-exists?phone=" + B + "&session=alba", null).json();
        assertThat(exists.path("numberExists").asBoolean()).isTrue();
        assertThat(exists.path("chatId").asText()).isEqualTo(B_ID);
        assertThat(call(200, "GET", "/v1/contacts/check-exists?phone=15559999999&session=alba", null).json()
                .path("numberExists").asBoolean()).isFalse();

        call(200, "POST", "/v1/sessions/{session}/presence/{chatId}/subscribe", null, "alba", B);
        call(200, "POST", "/v1/sessions/{session}/presence", Map.of("presence", "online"), "bruno");
        awaitPresence("alba", B, "online");
        call(200, "POST", "/v1/sessions/{session}/presence", Map.of("presence", "offline"), "bruno");
        awaitPresence("alba", B, "offline");
        assertThat(call(200, "GET", "/v1/sessions/{session}/presence", null, "alba").json().toString())
                .contains(B_ID);
    }

    /** The rest: chats and their marks, calls, stars. */
    private void chatsCallsAndStars(String textId) {
        String chats = "/v1/sessions/{session}/chats";
        assertThat(call(200, "GET", chats, null, "bruno").json().toString()).contains(A_ID);
        assertThat(call(200, "POST", chats + "/{chatId}/archive", null, "bruno", A).json().path("archived")
                .asBoolean()).isTrue();
        assertThat(call(200, "GET", chats + "?archived=true", null, "bruno").json().get(0).path("id").asText())
                .isEqualTo(A_ID);
        call(200, "POST", chats + "/{chatId}/unarchive", null, "bruno", A);
        assertThat(call(200, "GET", chats + "?archived=true", null, "bruno").json()).isEmpty();
        assertThat(call(200, "POST", chats + "/{chatId}/pin", null, "bruno", A).json().path("pinned").asBoolean())
                .isTrue();
        call(200, "POST", chats + "/{chatId}/unpin", null, "bruno", A);
        assertThat(call(200, "POST", chats + "/{chatId}/mute", null, "bruno", A).json().path("mutedUntil").asLong())
                .isEqualTo(-1);
        call(200, "POST", chats + "/{chatId}/unmute", null, "bruno", A);
        assertThat(call(200, "POST", chats + "/{chatId}/unread", null, "bruno", A).json().path("markedUnread")
                .asBoolean()).isTrue();
        assertThat(call(200, "PUT", chats + "/{chatId}/disappearing", Map.of("duration", 86400), "bruno", A).json()
                .path("disappearing").asInt()).isEqualTo(86400);
        call(200, "PUT", chats + "/{chatId}/disappearing", Map.of("duration", 0), "bruno", A);
        call(204, "DELETE", chats + "/{chatId}", null, "bruno", "15550000002");
        String lid = call(200, "GET", "/v1/sessions/{session}/lids/pn/{phone}", null, "bruno", A).json().path("lid")
                .asText();
        assertThat(call(200, "GET", "/v1/sessions/{session}/lids/{lid}", null, "bruno", lid).json().path("pn").asText())
                .isEqualTo(A_ID);

        // README "Contacts": A wrote to B, so each knows the other; a picture, an about text; a block and back
        String contacts = "/v1/sessions/{session}/contacts";
        assertThat(call(200, "GET", contacts + "?sortBy=name", null, "bruno").json().findValuesAsText("id")).contains(A_ID);
        assertThat(call(200, "GET", contacts + "/{contactId}", null, "bruno", A).json().path("pushname").asText())
                .isEqualTo("Sandbox 0001");
        assertThat(call(200, "GET", contacts + "/{contactId}/picture?format=binary", null, "bruno", A).bytes())
                .startsWith(0x89, 'P', 'N', 'G');
        call(200, "GET", contacts + "/{contactId}/about", null, "bruno", A);
        call(200, "POST", contacts + "/{contactId}/block", null, "bruno", "15550000002");
        assertThat(call(200, "GET", "/v1/sessions/{session}/blocklist", null, "bruno").json().get(0).asText())
                .isEqualTo("15550000002@c.us");
        call(200, "POST", contacts + "/{contactId}/unblock", null, "bruno", "15550000002");

        var ringing = call(201, "POST", "/v1/sessions/{session}/sandbox/calls", Map.of("from", A), "bruno").json();
        assertThat(ringing.path("from").asText()).isEqualTo(A_ID);
        call(200, "POST", "/v1/sessions/{session}/calls/reject",
                Map.of("callId", ringing.path("id").asText(), "from", A), "bruno");
        var video = call(201, "POST", "/v1/sessions/{session}/sandbox/calls", Map.of("from", A, "video", true),
                "bruno").json();
        call(200, "POST", "/v1/sessions/{session}/sandbox/calls/{callId}/accept", null, "bruno",
                video.path("id").asText());
        call(404, "POST", "/v1/sessions/{session}/calls/reject", Map.of("callId", video.path("id").asText()), "bruno");

        var starred = call(200, "PUT", "/v1/star", Map.of("session", "bruno", "messageId", theirs(textId, A),
                "star", true)).json();
        assertThat(starred.path("starred").asBoolean()).isTrue();
        awaitMessage("bruno", A, m -> m.path("id").asText().equals(theirs(textId, A))
                && m.path("starred").asBoolean());

        var reacted = call(200, "PUT", "/v1/reaction", Map.of("session", "bruno", "messageId", theirs(textId, A),
                "reaction", "👍")).json();
        assertThat(reacted.path("reactions").findValuesAsText("text")).contains("👍");
        // Alba sees Bruno's reaction on her own copy of the message.
        awaitMessage("alba", B, m -> m.path("id").asText().equals(textId)
                && m.path("reactions").findValuesAsText("text").contains("👍"));
    }

    /** README "Sessions", the end: log out and delete. */
    private void endOfSessions() {
        call(200, "POST", "/v1/sessions/logout", Map.of("name", "carla"));
        // Logged out, C's number is no longer on the network (carla waits to be linked again).
        await().atMost(Duration.ofSeconds(15)).until(() -> !call(200, "GET",
                "/v1/contacts/check-exists?phone=" + C + "&session=alba", null).json().path("numberExists").asBoolean());
        call(204, "DELETE", "/v1/sessions/{session}", null, "carla");
        call(404, "GET", "/v1/sessions/{session}", null, "carla");
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Calls, checks status and contract, and records the operation when it succeeded. */
    private Api.Response call(int status, String method, String template, Object body, String... params) {
        String path = template;
        for (String param : params) {
            path = path.replaceFirst("\\{[^}/]+}", Matcher.quoteReplacement(param));
        }
        var response = server.api().send(method, path, body == null ? null : json(body),
                body == null ? null : "application/json");
        assertThat(response.status()).as(method + " " + path + " -> " + response).isEqualTo(status);
        String route = template.replaceFirst("\\?.*$", "");
        CONTRACT.assertConforms(method, route, response);
        if (status / 100 == 2) {
            succeeded.add(method.toUpperCase(Locale.ROOT) + " " + route);
        }
        return response;
    }

    private JsonNode send(String endpoint, Map<String, Object> body) {
        return call(201, "POST", endpoint, body).json();
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The id the recipient gives a personal message sent by {@code senderNumber}. */
    private static String theirs(String sentId, String senderNumber) {
        return "false_" + senderNumber + "@c.us_" + sentId.split("_")[2];
    }

    private static void awaitStatus(String session, String status) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).until(() ->
                server.api().get("/v1/sessions/" + session).json().path("status").asText(), status::equals);
    }

    private static JsonNode awaitMessage(String session, String chatId, Predicate<JsonNode> matching) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).until(() -> {
            for (var message : server.api().get("/v1/messages?session=" + session + "&chatId=" + chatId
                    + "&limit=1000").json()) {
                if (matching.test(message)) {
                    return message;
                }
            }
            return null;
        }, found -> found != null);
    }

    private static void awaitAck(String session, String chatId, String id, String ackName) {
        awaitMessage(session, chatId, m -> m.path("id").asText().equals(id)
                && m.path("ackName").asText().equals(ackName));
    }

    private void awaitPresence(String session, String chatId, String presence) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).until(() ->
                call(200, "GET", "/v1/sessions/{session}/presence/{chatId}", null, session, chatId).json()
                        .path("presences").path(0).path("lastKnownPresence").asText(), presence::equals);
    }

    /** B's view of the group has {@code count} participants. */
    private static void awaitParticipants(String groupId, int count) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).until(() ->
                server.api().get("/v1/sessions/bruno/groups/" + groupId + "/participants").json().size() == count);
    }

    private static String role(String groupId, String participant) {
        for (var p : server.api().get("/v1/sessions/bruno/groups/" + groupId + "/participants").json()) {
            if (p.path("id").asText().equals(participant)) {
                return p.path("role").asText();
            }
        }
        return null;
    }
}
