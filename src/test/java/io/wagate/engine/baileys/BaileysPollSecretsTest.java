package io.wagate.engine.baileys;

import static io.wagate.engine.baileys.BaileysScriptedApiTest.voters;
import static io.wagate.engine.baileys.ScriptedBridge.ME;
import static io.wagate.engine.baileys.ScriptedBridge.PEER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the bridge keeps in the wagate store besides auth state, on the scripted WhatsApp: poll
 * secrets survive a wagate restart (a new bridge decrypts votes on an old poll and votes on it),
 * and go with logout and delete; the channels a session met are remembered the same way. Private
 * targets are not allowed here: link previews of private pages are not made.
 */
class BaileysPollSecretsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(
            c -> c.withBaileys(ScriptedBridge.config())));

    private static Api api() {
        return server.api();
    }

    private static String sendPoll(String session) {
        var poll = api().post("/v1/sendPoll", Map.of("session", session, "chatId", PEER,
                "poll", Map.of("name", "Lunch?", "options", List.of("Pizza", "Sushi"), "multipleAnswers", false)));
        assertThat(poll.status()).as(poll.toString()).isEqualTo(201);
        String id = poll.json().path("id").asText();
        stored(session, id);
        return id;
    }

    private static JsonNode stored(String session, String id) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/v1/messages?session=" + session + "&chatId=" + PEER + "&limit=100").json(),
                        list -> list.findValues("id").stream().anyMatch(v -> v.asText().equals(id)))
                .findParents("id").stream().filter(m -> m.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    /** The bridge's items for a session in the store: keys like poll:<id> and channel:<id>. */
    private static List<String> items(String session, String prefix) {
        return server.get().app().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.item_key FROM engine_auth a JOIN sessions s ON s.id = a.session_id
                        WHERE s.name = :name AND a.item_key LIKE :prefix ORDER BY a.item_key""")
                .bind("name", session).bind("prefix", prefix + "%").mapTo(String.class).list());
    }

    private static String waId(String serialized) {
        return serialized.substring(serialized.lastIndexOf('_') + 1);
    }

    @Test
    void aPollsSecretSurvivesAWagateRestart_votesOnItAreDecryptedAndSentByTheNewBridge() {
        ScriptedBridge.working(api(), "px");
        String pollId = sendPoll("px");
        assertThat(items("px", "poll:")).containsExactly("poll:" + waId(pollId));
        // A second poll whose secret the store loses: after the restart nobody has it.
        String lost = sendPoll("px");
        server.get().app().database().jdbi().useHandle(h -> h.createUpdate(
                "DELETE FROM engine_auth WHERE item_key = :key").bind("key", "poll:" + waId(lost)).execute());
        var channel = api().post("/v1/sessions/px/channels", Map.of("name", "Kept"));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        assertThat(items("px", "channel:")).containsExactly("channel:" + channel.json().path("id").asText());

        server.get().restart();
        Sessions.awaitStatus(api(), "px", "WORKING");

        // The contact votes; the new bridge has the poll only in the store.
        var text = api().post("/v1/sendText", Map.of("session", "px", "chatId", PEER,
                "text", "!vote " + waId(pollId) + " Sushi"));
        assertThat(text.status()).as(text.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> voters(stored("px", pollId), "Sushi").contains(PEER));

        var voted = api().post("/v1/sendPollVote",
                Map.of("session", "px", "chatId", PEER, "pollMessageId", pollId, "votes", List.of("Pizza")));
        assertThat(voted.status()).as(voted.toString()).isBetween(200, 201);
        assertThat(voters(voted.json(), "Pizza")).containsExactly(ME);
        assertThat(voters(voted.json(), "Sushi")).containsExactly(PEER);
        var unknown = api().post("/v1/sendPollVote",
                Map.of("session", "px", "chatId", PEER, "pollMessageId", lost, "votes", List.of("Pizza")));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(409);
        assertThat(unknown.json().path("message").asText()).contains("secret is not known");

        var logout = api().post("/v1/sessions/px/logout", Map.of());
        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
        assertThat(items("px", "poll:")).isEmpty();
        assertThat(items("px", "channel:")).isEmpty();
    }

    @Test
    void deletingTheSessionRemovesItsPollSecrets() {
        ScriptedBridge.working(api(), "py");
        sendPoll("py");
        assertThat(items("py", "poll:")).hasSize(1);
        String id = server.get().app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM sessions WHERE name = 'py'").mapTo(String.class).one());
        assertThat(id).isNotBlank();

        var deleted = api().delete("/v1/sessions/py");
        assertThat(deleted.status()).as(deleted.toString()).isBetween(200, 204);
        int left = server.get().app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM engine_auth WHERE session_id = :id").bind("id", id).mapTo(Integer.class).one());
        assertThat(left).isZero();
    }

    @Test
    void withoutTheOperatorsAllowanceAPrivatePageIsNotFetchedForAPreview() throws IOException {
        ScriptedBridge.working(api(), "pz");
        var hits = new AtomicInteger();
        var page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        page.start();
        try {
            var sent = api().post("/v1/sendText", Map.of("session", "pz", "chatId", PEER, "linkPreview", true,
                    "text", "http://127.0.0.1:" + page.getAddress().getPort() + "/inside"));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            assertThat(sent.json().has("linkPreview")).isFalse();
            assertThat(hits.get()).isZero();
        } finally {
            page.stop(0);
        }
    }
}
