package io.wagate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account's profile and privacy on the sandbox: each phone's own, with the privacy rules it can enforce. */
class ProfileTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String UMA = "15556670001";
    static final String VIC = "15556670002";
    static final String WES = "15556670003";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "uma", UMA);
        Sessions.linked(server.api(), "vic", VIC);
        Sessions.linked(server.api(), "wes", WES);
    }

    private static Api.Response call(String method, String template, String session, Object body) {
        String path = template.replace("{session}", session);
        var response = switch (method) {
            case "GET" -> server.api().get(path);
            case "PUT" -> server.api().put(path, body);
            case "DELETE" -> server.api().delete(path);
            default -> throw new IllegalArgumentException(method);
        };
        CONTRACT.assertConforms(method, template, response);
        return response;
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }

    private static final String PROFILE = "/v1/sessions/{session}/profile";
    private static final String NAME = PROFILE + "/name";
    private static final String ABOUT = PROFILE + "/about";
    private static final String PICTURE = PROFILE + "/picture";
    private static final String PRIVACY = "/v1/sessions/{session}/privacy";

    @Test
    void nameAboutAndPictureAreThePhonesOwn() throws Exception {
        var before = ok(call("GET", PROFILE, "uma", null));
        assertThat(before.path("id").asText()).isEqualTo(UMA + "@c.us");
        assertThat(before.path("name").asText()).isEqualTo("Sandbox 0001");
        assertThat(before.path("about").asText()).isEqualTo("Hey there! I am using WhatsApp.");
        assertThat(before.path("picture").isNull()).isTrue();

        ok(call("PUT", NAME, "uma", Map.of("name", "Uma Ortiz")));
        ok(call("PUT", ABOUT, "uma", Map.of("about", "At the gym")));
        ok(call("PUT", PICTURE, "uma", Map.of("file", Map.of("data", Base64.getEncoder()
                .encodeToString(Fixtures.png())))));
        var after = ok(call("GET", PROFILE, "uma", null));
        assertThat(after.path("name").asText()).isEqualTo("Uma Ortiz");
        assertThat(after.path("about").asText()).isEqualTo("At the gym");
        String url = after.path("picture").asText();
        assertThat(url).startsWith("data:image/jpeg;base64,");
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                url.substring(url.indexOf(',') + 1))));
        assertThat(jpeg.getWidth()).isEqualTo(32);
        // The session shows the new push name, and another phone's profile is untouched.
        assertThat(server.api().get("/v1/sessions/uma").json().path("me").path("pushName").asText())
                .isEqualTo("Uma Ortiz");
        assertThat(ok(call("GET", PROFILE, "vic", null)).path("name").asText()).isEqualTo("Sandbox 0002");
        // Messages the phone sends from now on carry the new name to their recipients, as WhatsApp's do.
        String sent = send("uma", VIC, "it's me");
        assertThat(Sessions.awaitCopy(server.api(), "vic", UMA + "@c.us", sent, m -> true).path("pushName").asText())
                .isEqualTo("Uma Ortiz");

        ok(call("DELETE", PICTURE, "uma", null));
        assertThat(ok(call("GET", PROFILE, "uma", null)).path("picture").isNull()).isTrue();
        ok(call("PUT", ABOUT, "uma", Map.of("about", "")));
        assertThat(ok(call("GET", PROFILE, "uma", null)).path("about").asText()).isEmpty();
    }

    @Test
    void privacyIsReadAndChangedOneSettingAtATime() {
        var defaults = ok(call("GET", PRIVACY, "wes", null));
        for (String field : List.of("lastSeen", "online", "profilePhoto", "about", "groupAdd", "readReceipts")) {
            assertThat(defaults.path(field).asText()).as(field).isEqualTo("all");
        }
        var changed = ok(call("PUT", PRIVACY, "wes", Map.of("lastSeen", "contacts", "online", "match_last_seen",
                "profilePhoto", "none", "about", "contact_blacklist")));
        assertThat(changed.path("lastSeen").asText()).isEqualTo("contacts");
        assertThat(changed.path("online").asText()).isEqualTo("match_last_seen");
        assertThat(changed.path("profilePhoto").asText()).isEqualTo("none");
        assertThat(changed.path("about").asText()).isEqualTo("contact_blacklist");
        assertThat(changed.path("groupAdd").asText()).isEqualTo("all");
        assertThat(ok(call("GET", PRIVACY, "wes", null))).isEqualTo(changed);
    }

    @Test
    void withReadReceiptsOffTheSenderNeverSeesRead() {
        ok(call("PUT", PRIVACY, "vic", Map.of("readReceipts", "none")));
        String first = send("uma", VIC, "read me");
        Sessions.awaitCopy(server.api(), "vic", UMA + "@c.us", first, m -> true);
        ok(server.api().post("/v1/sendSeen", Map.of("session", "vic", "chatId", UMA + "@c.us")));
        // A message Vic sends afterwards reaches Uma after any receipt of that read would have (one delivery order).
        String after = send("vic", UMA, "later");
        Sessions.awaitCopy(server.api(), "uma", VIC + "@c.us", after, m -> true);
        assertThat(ownCopy("uma", VIC, first).path("ackName").asText()).isEqualTo("DEVICE");

        ok(call("PUT", PRIVACY, "vic", Map.of("readReceipts", "all")));
        String second = send("uma", VIC, "and me");
        Sessions.awaitCopy(server.api(), "vic", UMA + "@c.us", second, m -> true);
        ok(server.api().post("/v1/sendSeen", Map.of("session", "vic", "chatId", UMA + "@c.us")));
        await().atMost(Duration.ofSeconds(15)).until(() -> ownCopy("uma", VIC, second).path("ackName").asText(),
                "READ"::equals);
        assertThat(ownCopy("uma", VIC, first).path("ackName").asText()).isEqualTo("DEVICE");
    }

    @Test
    void whoMayNotAddThePhoneToGroupsIsRefusedWith403() {
        String phone = "15556670004";
        Sessions.linked(server.api(), "xia", phone);
        ok(call("PUT", PRIVACY, "xia", Map.of("groupAdd", "contacts")));
        var group = server.api().post("/v1/sessions/wes/groups", Map.of("name", "Privacy",
                "participants", List.of(Map.of("id", phone), Map.of("id", VIC))));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        assertThat(group.json().path("participants").findValuesAsText("id")).doesNotContain(phone + "@c.us")
                .contains(VIC + "@c.us");
        var added = server.api().post("/v1/sessions/wes/groups/" + group.json().path("id").asText()
                + "/participants/add", Map.of("participants", List.of(Map.of("id", phone))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get(0).path("status").asInt()).isEqualTo(403);
        assertThat(added.json().get(0).path("message").asText()).contains("privacy");
    }

    @Test
    void badInputsUnknownSessionsAndStoppedOnes() {
        assertBad(call("PUT", NAME, "uma", Map.of()), 400, "name");
        assertBad(call("PUT", NAME, "uma", Map.of("name", "x".repeat(26))), 400, "name");
        assertBad(call("PUT", ABOUT, "uma", Map.of()), 400, "about");
        assertBad(call("PUT", ABOUT, "uma", Map.of("about", "x".repeat(140))), 400, "about");
        assertBad(call("PUT", PICTURE, "uma", Map.of()), 400, "file is required");
        assertBad(call("PUT", PICTURE, "uma", Map.of("file", Map.of("data", "!!!"))), 400, "base64");
        assertBad(call("PUT", PICTURE, "uma", Map.of("file", Map.of("data",
                Base64.getEncoder().encodeToString(Fixtures.pdf())))), 415, "application/pdf");
        assertBad(call("PUT", PRIVACY, "uma", Map.of()), 400, "at least one");
        assertBad(call("PUT", PRIVACY, "uma", Map.of("lastSeen", "everyone")), 400, "lastSeen");
        assertBad(call("PUT", PRIVACY, "uma", Map.of("online", "none")), 400, "online");
        assertBad(call("PUT", PRIVACY, "uma", Map.of("groupAdd", "none")), 400, "groupAdd");
        assertBad(call("PUT", PRIVACY, "uma", Map.of("readReceipts", "contacts")), 400, "readReceipts");

        for (var response : List.of(call("GET", PROFILE, "ghost", null), call("PUT", NAME, "ghost",
                Map.of("name", "x")), call("GET", PRIVACY, "ghost", null), call("DELETE", PICTURE, "ghost", null))) {
            assertBad(response, 404, "ghost");
        }
        Sessions.linked(server.api(), "asleep", "15556670009");
        server.api().post("/v1/sessions/asleep/stop", null);
        Sessions.awaitStatus(server.api(), "asleep", "STOPPED");
        for (var response : List.of(call("GET", PROFILE, "asleep", null), call("PUT", NAME, "asleep",
                        Map.of("name", "x")), call("PUT", ABOUT, "asleep", Map.of("about", "x")),
                call("PUT", PICTURE, "asleep", Map.of("file", Map.of("data", Base64.getEncoder()
                        .encodeToString(Fixtures.png())))), call("DELETE", PICTURE, "asleep", null),
                call("GET", PRIVACY, "asleep", null), call("PUT", PRIVACY, "asleep", Map.of("about", "none")))) {
            assertBad(response, 409, "STOPPED");
        }
    }

    /** Sends a text and returns its WhatsApp id. */
    private static String send(String session, String to, String text) {
        var sent = server.api().post("/v1/sendText", Map.of("session", session, "chatId", to + "@c.us", "text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().path("id").asText();
        return id.substring(id.lastIndexOf('_') + 1);
    }

    private static JsonNode ownCopy(String session, String to, String waId) {
        return Sessions.awaitCopy(server.api(), session, to + "@c.us", waId, m -> true);
    }
}
