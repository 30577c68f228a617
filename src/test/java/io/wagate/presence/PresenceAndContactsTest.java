package io.wagate.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Typing and presence reach the other sandbox session; check-exists knows who is on the network. */
class PresenceAndContactsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final String ERIN = "15553330001";
    static final String FRANK = "15553330002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "erin", ERIN);
        Sessions.linked(server.api(), "frank", FRANK);
    }

    private static Api api() {
        return server.api();
    }

    private static JsonNode presenceAt(String session, String chatId, String expected) {
        String path = "/v1/sessions/" + session + "/presence/" + chatId;
        return await().atMost(Duration.ofSeconds(10)).until(() -> api().get(path), r -> r.status() == 200
                && expected.equals(r.json().path("presences").path(0).path("lastKnownPresence").asText()))
                .json();
    }

    @Test
    void typingShowsOnTheOtherSide() {
        var start = api().post("/v1/startTyping", Map.of("session", "erin", "chatId", FRANK));
        assertThat(start.status()).as(start.toString()).isEqualTo(200);
        CONTRACT.assertConforms("POST", "/v1/startTyping", start);
        var seen = presenceAt("frank", ERIN + "@c.us", "typing");
        assertThat(seen.path("id").asText()).isEqualTo(ERIN + "@c.us");
        assertThat(seen.path("presences").get(0).path("participant").asText()).isEqualTo(ERIN + "@c.us");

        CONTRACT.assertConforms("POST", "/v1/stopTyping",
                api().post("/v1/stopTyping", Map.of("session", "erin", "chatId", FRANK)));
        presenceAt("frank", ERIN + "@c.us", "paused");
        var all = api().get("/v1/sessions/frank/presence");
        CONTRACT.assertConforms("GET", "/v1/sessions/{session}/presence", all);
        assertThat(all.json().findValuesAsText("id")).contains(ERIN + "@c.us");
    }

    @Test
    void onlineAndOfflineReachSubscribers() {
        var subscribe = api().post("/v1/sessions/erin/presence/" + FRANK + "/subscribe", null);
        assertThat(subscribe.status()).as(subscribe.toString()).isEqualTo(200);
        var offline = api().post("/v1/sessions/frank/presence", Map.of("presence", "offline"));
        assertThat(offline.status()).as(offline.toString()).isEqualTo(200);
        var seen = presenceAt("erin", FRANK + "@c.us", "offline");
        assertThat(seen.path("presences").get(0).path("lastSeen").asLong()).isPositive();
        CONTRACT.assertConforms("GET", "/v1/sessions/{session}/presence/{chatId}",
                api().get("/v1/sessions/erin/presence/" + FRANK));
        api().post("/v1/sessions/frank/presence", Map.of("presence", "online"));
        presenceAt("erin", FRANK + "@c.us", "online");
        // a virtual contact is always online
        api().post("/v1/sessions/erin/presence/15550000001/subscribe", null);
        presenceAt("erin", "15550000001@c.us", "online");
    }

    /** What a session heard of presences goes when it stops: it hears nothing while stopped. */
    @Test
    void aStoppedSessionForgetsThePresencesItHeard() {
        Sessions.linked(server.api(), "gail", "15553330009");
        api().post("/v1/sessions/gail/presence/15550000001/subscribe", null);
        presenceAt("gail", "15550000001@c.us", "online");
        assertThat(api().post("/v1/sessions/gail/stop", null).status()).isEqualTo(200);
        await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api().get("/v1/sessions/gail/presence").json().isEmpty());
        assertThat(api().get("/v1/sessions/gail/presence/15550000001").json().path("presences")).isEmpty();
    }

    @Test
    void badPresenceRequests() {
        assertThat(api().post("/v1/sessions/erin/presence", Map.of("presence", "dancing")).status()).isEqualTo(400);
        assertThat(api().post("/v1/sessions/erin/presence", Map.of("presence", "typing")).status()).isEqualTo(400);
        assertThat(api().post("/v1/sessions/erin/presence", Map.of("presence", "online", "chatId", FRANK)).status())
                .isEqualTo(400);
        assertThat(api().post("/v1/startTyping", Map.of("session", "erin")).status()).isEqualTo(400);
        assertThat(api().post("/v1/startTyping", Map.of("session", "erin", "chatId", "15559999999")).status())
                .isEqualTo(400);
        assertThat(api().get("/v1/sessions/erin/presence/nonsense").status()).isEqualTo(400);
        assertThat(api().get("/v1/sessions/ghost/presence").status()).isEqualTo(404);
        var unknown = api().get("/v1/sessions/erin/presence/15557777777");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("presences")).isEmpty();
    }

    @Test
    void checkExistsKnowsTheNetwork() {
        var frank = api().get("/v1/contacts/check-exists?session=erin&phone=%2B1%20555%20333%200002");
        assertThat(frank.status()).as(frank.toString()).isEqualTo(200);
        CONTRACT.assertConforms("GET", "/v1/contacts/check-exists", frank);
        assertThat(frank.json().path("numberExists").asBoolean()).isTrue();
        assertThat(frank.json().path("chatId").asText()).isEqualTo(FRANK + "@c.us");
        assertThat(api().get("/v1/contacts/check-exists?session=erin&phone=15550000001").json()
                .path("numberExists").asBoolean()).isTrue();
        var nobody = api().get("/v1/contacts/check-exists?session=erin&phone=15559999999");
        assertThat(nobody.json().path("numberExists").asBoolean()).isFalse();
        assertThat(nobody.json().path("chatId").asText()).isEqualTo("15559999999@c.us");
        assertThat(api().get("/v1/contacts/check-exists?session=erin&phone=12").status()).isEqualTo(400);
        assertThat(api().get("/v1/contacts/check-exists?session=erin").status()).isEqualTo(400);
        assertThat(api().get("/v1/contacts/check-exists?phone=15559999999").status()).isEqualTo(404);
        Sessions.linked(api(), "napping", "15553330003");
        api().post("/v1/sessions/napping/stop", null);
        assertThat(api().get("/v1/contacts/check-exists?session=napping&phone=15559999999").status()).isEqualTo(409);
        // a stopped session's number is still on the network
        assertThat(api().get("/v1/contacts/check-exists?session=erin&phone=15553330003").json()
                .path("numberExists").asBoolean()).isTrue();
    }
}
