package io.wagate.waha;

import static io.wagate.waha.WahaDocument.assertAnswers;
import static io.wagate.waha.WahaDocument.assertRequest;
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

/** WAHA's Groups operations against WAHA's document, between sandbox sessions. */
class WahaGroupsTest {
    private static final String OWNER = "15556650001";
    private static final String MEMBER = "15556650002";
    private static final String JOINER = "15556650003";
    private static final String GROUPS = "/api/{session}/groups";
    private static final String GROUP = GROUPS + "/{id}";

    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);

    private static Api api() {
        return server.get().api();
    }

    @BeforeAll
    static void link() {
        Sessions.linked(api(), "own", OWNER);
        Sessions.linked(api(), "mem", MEMBER);
        Sessions.linked(api(), "joi", JOINER);
    }

    private static String path(String template, String session, String id) {
        return template.replace("{session}", session).replace("{id}", id);
    }

    @Test
    void aGroupIsCreatedManagedJoinedAndLeft() {
        var created = assertAnswers(api().post("/api/own/groups", assertRequest("post", GROUPS, Map.of("name", "Waha",
                "participants", List.of(Map.of("id", MEMBER + "@c.us"))))), "POST", GROUPS, 201);
        String id = created.path("id").asText();
        String group = path(GROUP, "own", id);
        var listed = assertAnswers(api().get("/api/own/groups?limit=10"), "GET", GROUPS, 200);
        assertThat(listed.path(id).path("subject").asText()).isEqualTo("Waha");
        assertThat(assertAnswers(api().get("/api/own/groups/count"), "GET", GROUPS + "/count", 200)
                .path("count").asInt()).isEqualTo(1);
        assertAnswers(api().post("/api/own/groups/refresh", null), "POST", GROUPS + "/refresh", 200);
        assertAnswers(api().get(group), "GET", GROUP, 200);
        var subject = assertAnswers(api().put(group + "/subject", assertRequest("put", GROUP + "/subject",
                Map.of("subject", "Renamed"))), "PUT", GROUP + "/subject", 200);
        assertThat(subject.path("subject").asText()).isEqualTo("Renamed");
        assertAnswers(api().put(group + "/description", assertRequest("put", GROUP + "/description",
                Map.of("description", "About"))), "PUT", GROUP + "/description", 200);
        for (var setting : List.of("info-admin-only", "messages-admin-only")) {
            String settingPath = GROUP + "/settings/security/" + setting;
            assertAnswers(api().put(group + "/settings/security/" + setting, assertRequest("put", settingPath,
                    Map.of("adminsOnly", true))), "PUT", settingPath, 200);
            assertThat(assertAnswers(api().get(group + "/settings/security/" + setting), "GET", settingPath, 200)
                    .path("adminsOnly").asBoolean()).isTrue();
        }
        assertAnswers(api().get(group + "/participants"), "GET", GROUP + "/participants", 200);
        var v2 = assertAnswers(api().get(group + "/participants/v2"), "GET", GROUP + "/participants/v2", 200);
        assertThat(v2).extracting(p -> p.path("pn").asText()).contains(OWNER + "@c.us", MEMBER + "@c.us");
        var member = assertRequest("post", GROUP + "/admin/promote", Map.of("participants",
                List.of(Map.of("id", MEMBER + "@c.us"))));
        assertAnswers(api().post(group + "/admin/promote", member), "POST", GROUP + "/admin/promote", 200);
        assertAnswers(api().post(group + "/admin/demote", member), "POST", GROUP + "/admin/demote", 200);
        assertAnswers(api().post(group + "/participants/remove", member), "POST", GROUP + "/participants/remove", 200);
        assertAnswers(api().post(group + "/participants/add", member), "POST", GROUP + "/participants/add", 200);

        var picture = Map.of("file", Map.of("mimetype", "image/jpeg", "filename", "g.jpg",
                "data", Base64.getEncoder().encodeToString(Fixtures.jpeg())));
        assertAnswers(api().put(group + "/picture", assertRequest("put", GROUP + "/picture", picture)), "PUT",
                GROUP + "/picture", 200);
        var url = assertAnswers(api().get(group + "/picture"), "GET", GROUP + "/picture", 200);
        assertThat(url.path("url").asText()).startsWith("data:image/jpeg;base64,");
        assertAnswers(api().delete(group + "/picture"), "DELETE", GROUP + "/picture", 200);

        String link = assertAnswers(api().get(group + "/invite-code"), "GET", GROUP + "/invite-code", 200).asText();
        assertThat(link).startsWith("https://chat.whatsapp.com/");
        String fresh = assertAnswers(api().post(group + "/invite-code/revoke", null), "POST",
                GROUP + "/invite-code/revoke", 200).asText();
        assertThat(fresh).isNotEqualTo(link);
        var joined = assertAnswers(api().post("/api/joi/groups/join", assertRequest("post", GROUPS + "/join",
                Map.of("code", fresh))), "POST", GROUPS + "/join", 200);
        assertThat(joined.path("id").asText()).isEqualTo(id);
        assertAnswers(api().post(path(GROUP, "joi", id) + "/leave", null), "POST", GROUP + "/leave", 200);
        assertAnswers(api().delete(group), "DELETE", GROUP, 200);
    }

    @Test
    void refusalsNameWhatIsWrong() {
        var notAGroup = api().get("/api/own/groups/15550000001@c.us");
        assertThat(notAGroup.status()).as(notAGroup.toString()).isEqualTo(400);
        assertThat(notAGroup.json().path("message").asText()).contains("id");
        var nameless = api().post("/api/own/groups", Map.of("participants", List.of()));
        assertThat(nameless.status()).as(nameless.toString()).isEqualTo(400);
        assertThat(nameless.json().path("statusCode").asInt()).isEqualTo(400);
        var unknown = api().get("/api/own/groups/120363000000000000@g.us");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        var joinInfo = api().get("/api/own/groups/join-info?code=abc");
        assertThat(joinInfo.status()).isEqualTo(501);
        assertThat(joinInfo.json().path("message").asText()).contains("Groups", "join-info");
    }
}
