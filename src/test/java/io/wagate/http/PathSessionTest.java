package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code session} field in a /v1 body whose path names the session (README "The v1 API"): the same session is
 * accepted, another one is a 400 naming both, and every other unknown field is still a 400.
 */
class PathSessionTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);

    private static final String OTHER_PHONE = "15556640002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "echo", "15556640001");
        Sessions.linked(server.api(), "other", OTHER_PHONE);
    }

    private static Api api() {
        return server.api();
    }

    private static void assertBadRequest(Api.Response response, String... mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }

    private static String group(String session) {
        var group = api().post("/v1/sessions/echo/groups", Map.of("session", session, "name", "Echoes",
                "participants", List.of(Map.of("id", OTHER_PHONE))));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        return group.json().path("id").asText();
    }

    @Test
    void theSameSessionAsThePathIsAcceptedOnRoutesOfEveryKind() {
        var config = api().put("/v1/sessions/echo",
                Map.of("session", "echo", "config", Map.of("metadata", Map.of("team", "same"))));
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        assertThat(config.json().path("config").path("metadata").path("team").asText()).isEqualTo("same");

        var presence = api().post("/v1/sessions/echo/presence", Map.of("session", "echo", "presence", "online"));
        assertThat(presence.status()).as(presence.toString()).isEqualTo(200);

        String groupId = group("echo");
        var subject = api().put("/v1/sessions/echo/groups/" + groupId + "/subject",
                Map.of("session", "echo", "subject", "Renamed"));
        assertThat(subject.status()).as(subject.toString()).isEqualTo(200);
        assertThat(api().get("/v1/sessions/echo/groups/" + groupId).json().path("subject").asText())
                .isEqualTo("Renamed");

        // A body that carries a file is read by the spooling reader: the same rule there.
        var picture = api().put("/v1/sessions/echo/groups/" + groupId + "/picture",
                Map.of("session", "echo", "file", Map.of("data", Base64.getEncoder().encodeToString(Fixtures.png()))));
        assertThat(picture.status()).as(picture.toString()).isEqualTo(200);
    }

    @Test
    void anotherSessionIsA400NamingBothAndChangesNothing() {
        assertThat(api().put("/v1/sessions/echo", Map.of("config", Map.of("metadata", Map.of("team", "before"))))
                .status()).isEqualTo(200);
        assertBadRequest(api().put("/v1/sessions/echo",
                Map.of("session", "other", "config", Map.of("metadata", Map.of("team", "after")))), "'other'", "'echo'");
        assertThat(api().get("/v1/sessions/echo").json().path("config").path("metadata").path("team").asText())
                .isEqualTo("before");

        assertBadRequest(api().post("/v1/sessions/echo/presence", Map.of("session", "other", "presence", "online")),
                "'other'", "'echo'");
        assertBadRequest(api().post("/v1/sessions/echo/groups", Map.of("session", "other", "name", "Nope",
                "participants", List.of(Map.of("id", OTHER_PHONE)))), "'other'", "'echo'");
        String groupId = group("echo");
        assertBadRequest(api().put("/v1/sessions/echo/groups/" + groupId + "/picture",
                        Map.of("session", "other", "file", Map.of("data", "aGVsbG8="))), "'other'", "'echo'");
        assertBadRequest(api().put("/v1/sessions/echo", Map.of("session", 7, "config", Map.of())),
                "field 'session' must be a string", "'echo'");
    }

    @Test
    void everyOtherUnknownFieldIsStillA400() {
        assertBadRequest(api().put("/v1/sessions/echo", Map.of("session", "echo", "sesion", "echo", "config", Map.of())),
                "unknown field 'sesion'");
        // Only at the top of the body: inside it, a session field is as unknown as any other.
        assertBadRequest(api().put("/v1/sessions/echo", Map.of("config", Map.of("session", "echo"))),
                "unknown field 'config.session'");
        // A path without a session: nothing to repeat, so nothing is accepted.
        assertBadRequest(api().post("/v1/sessions", Map.of("name", "fresh", "session", "fresh")),
                "unknown field 'session'");
    }
}
