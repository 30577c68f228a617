package io.wagate.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.CheckedCalls;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channels between sandbox sessions: create, follow, post by sending, preview, delete, and who may. */
class ChannelsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final CheckedCalls calls = new CheckedCalls(server::api);

    static final String CHANNELS = "/v1/sessions/{session}/channels";
    static final String CHANNEL = CHANNELS + "/{id}";
    static final String PREVIEW = CHANNEL + "/messages/preview";
    static final String RAY = "15555550001";
    static final String SAL = "15555550002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ray", RAY);
        Sessions.linked(server.api(), "sal", SAL);
    }

    static String create(String name) {
        return calls.expect(201, "POST", CHANNELS, Map.of("name", name), "ray").path("id").asText();
    }

    static List<String> ids(JsonNode channels) {
        var ids = new ArrayList<String>();
        channels.forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    static JsonNode post(int status, String session, String channel, String text) {
        return calls.expect(status, "POST", "/v1/sendText", Map.of("session", session, "chatId", channel,
                "text", text));
    }

    @Test
    void aCreatedChannelIsListedByItsOwnerAndByFollowers() {
        var created = calls.expect(201, "POST", CHANNELS, Map.of("name", "Release notes", "description",
                "what is new"), "ray");
        String id = created.path("id").asText();
        assertThat(id).matches("120363\\d{12}@newsletter");
        assertThat(created.path("role").asText()).isEqualTo("OWNER");
        assertThat(created.path("name").asText()).isEqualTo("Release notes");
        assertThat(created.path("description").asText()).isEqualTo("what is new");
        assertThat(created.path("subscribersCount").asLong()).isZero();
        assertThat(created.path("invite").asText()).startsWith("https://whatsapp.com/channel/");
        assertThat(ids(calls.expect(200, "GET", CHANNELS, null, "ray"))).contains(id);
        assertThat(ids(calls.expect(200, "GET", CHANNELS, null, "sal"))).doesNotContain(id);

        // anyone may look at a channel; sal is a guest until it follows
        assertThat(calls.expect(200, "GET", CHANNEL, null, "sal", id).path("role").asText()).isEqualTo("GUEST");
        var followed = calls.expect(200, "POST", CHANNEL + "/follow", null, "sal", id.replace("@newsletter", ""));
        assertThat(followed.path("role").asText()).isEqualTo("SUBSCRIBER");
        assertThat(followed.path("subscribersCount").asLong()).isEqualTo(1);
        calls.expect(200, "POST", CHANNEL + "/follow", null, "sal", id);
        assertThat(ids(calls.expect(200, "GET", CHANNELS, null, "sal"))).contains(id);
        assertThat(calls.expect(200, "GET", CHANNEL, null, "ray", id).path("subscribersCount").asLong()).isEqualTo(1);

        calls.expect(200, "POST", CHANNEL + "/unfollow", null, "sal", id);
        calls.expect(200, "POST", CHANNEL + "/unfollow", null, "sal", id);
        assertThat(ids(calls.expect(200, "GET", CHANNELS, null, "sal"))).doesNotContain(id);
        calls.expect(409, "POST", CHANNEL + "/follow", null, "ray", id);
        calls.expect(409, "POST", CHANNEL + "/unfollow", null, "ray", id);
    }

    @Test
    void theOwnerPostsBySendingAndEveryoneReadsThePreviewNewestFirst() {
        String id = create("News");
        var first = post(201, "ray", id, "first post");
        assertThat(first.path("to").asText()).isEqualTo(id);
        post(201, "ray", id, "second post");
        post(201, "ray", id, "third post");

        var ownView = calls.expect(200, "GET", PREVIEW, null, "ray", id);
        assertThat(ownView).extracting(m -> m.path("body").asText())
                .containsExactly("third post", "second post", "first post");
        assertThat(ownView.get(2).path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(ownView.get(0).path("fromMe").asBoolean()).isTrue();

        var guestView = calls.expect(200, "GET", PREVIEW + "?limit=2", null, "sal", id);
        assertThat(guestView).extracting(m -> m.path("body").asText()).containsExactly("third post", "second post");
        assertThat(guestView.get(0).path("fromMe").asBoolean()).isFalse();
        assertThat(guestView.get(0).path("from").asText()).isEqualTo(id);

        // only the owner posts
        var refused = post(403, "sal", id, "me too");
        assertThat(refused.path("message").asText()).contains("owner");
        assertThat(calls.expect(200, "GET", PREVIEW, null, "sal", id)).hasSize(3);
        post(404, "ray", "120363000000000000@newsletter", "nowhere");

        calls.expect(400, "GET", PREVIEW + "?limit=0", null, "ray", id);
        calls.expect(400, "GET", PREVIEW + "?limit=101", null, "ray", id);
        calls.expect(400, "GET", PREVIEW + "?limit=many", null, "ray", id);
    }

    @Test
    void onlyTheOwnerDeletesAChannel() {
        String id = create("Short-lived");
        calls.expect(200, "POST", CHANNEL + "/follow", null, "sal", id);
        var refused = calls.expect(403, "DELETE", CHANNEL, null, "sal", id);
        assertThat(refused.path("message").asText()).contains("owner");
        assertThat(calls.expect(204, "DELETE", CHANNEL, null, "ray", id)).isNull();
        calls.expect(404, "GET", CHANNEL, null, "ray", id);
        calls.expect(404, "GET", PREVIEW, null, "sal", id);
        calls.expect(404, "DELETE", CHANNEL, null, "ray", id);
        calls.expect(404, "POST", CHANNEL + "/follow", null, "sal", id);
        assertThat(ids(calls.expect(200, "GET", CHANNELS, null, "sal"))).doesNotContain(id);
        assertThat(ids(calls.expect(200, "GET", CHANNELS, null, "ray"))).doesNotContain(id);
    }

    @Test
    void badRequestsAndMissingSessions() {
        calls.expect(400, "POST", CHANNELS, Map.of("description", "no name"), "ray");
        calls.expect(400, "POST", CHANNELS, Map.of("name", " "), "ray");
        calls.expect(400, "POST", CHANNELS, Map.of("name", "x".repeat(101)), "ray");
        calls.expect(400, "POST", CHANNELS, Map.of("name", "ok", "description", "x".repeat(2049)), "ray");
        calls.expect(400, "POST", CHANNELS, Map.of("name", "ok", "picture", "x"), "ray");
        calls.expect(400, "GET", CHANNEL, null, "ray", "120363024802736123@g.us");
        calls.expect(400, "GET", CHANNEL, null, "ray", "news");
        calls.expect(404, "GET", CHANNEL, null, "ray", "120363000000000000");
        calls.expect(404, "GET", CHANNELS, null, "ghost");
        calls.expect(404, "POST", CHANNELS, Map.of("name", "x"), "ghost");
    }
}
