package io.wagate.community;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.Accounts;
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

/** Communities between sandbox sessions, over HTTP: create, link, unlink, the announcement group, and the refusals. */
class CommunitiesTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final CheckedCalls calls = new CheckedCalls(server::api);

    static final String GROUPS = "/v1/sessions/{session}/groups";
    static final String COMMUNITIES = "/v1/sessions/{session}/communities";
    static final String COMMUNITY = COMMUNITIES + "/{id}";
    static final String ANN = "15553440001";
    static final String BEN = "15553440002";
    static final String CAT = "15553440003";
    static final String DAN = "15553440004";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ann", ANN);
        Sessions.linked(server.api(), "ben", BEN);
        Sessions.linked(server.api(), "cat", CAT);
        Sessions.linked(server.api(), "dan", DAN);
    }

    static String group(String owner, String name, String... members) {
        var participants = java.util.Arrays.stream(members).map(m -> Map.of("id", m)).toList();
        return calls.expect(201, "POST", GROUPS, Map.of("name", name, "participants", participants), owner)
                .path("id").asText();
    }

    static JsonNode community(String owner, String name) {
        return calls.expect(201, "POST", COMMUNITIES, Map.of("name", name, "description", "all of us"), owner);
    }

    static List<String> ids(JsonNode list) {
        var ids = new ArrayList<String>();
        list.forEach(g -> ids.add(g.path("id").asText()));
        return ids;
    }

    @Test
    void linkedGroupsMembersJoinTheAnnouncementGroupWhereOnlyAdminsPost() {
        var created = community("ann", "Neighbours");
        String id = created.path("id").asText();
        String announcement = created.path("announcementGroup").asText();
        assertThat(id).matches("120363\\d{12}@g\\.us");
        assertThat(announcement).matches("120363\\d{12}@g\\.us").isNotEqualTo(id);
        assertThat(created.path("name").asText()).isEqualTo("Neighbours");
        assertThat(created.path("description").asText()).isEqualTo("all of us");
        assertThat(created.path("owner").asText()).isEqualTo(ANN + "@c.us");
        var before = calls.expect(200, "GET", COMMUNITY + "/groups", null, "ann", id);
        assertThat(before).hasSize(1);
        assertThat(before.get(0).path("id").asText()).isEqualTo(announcement);
        assertThat(before.get(0).path("announcement").asBoolean()).isTrue();
        assertThat(ids(calls.expect(200, "GET", COMMUNITIES, null, "ben"))).doesNotContain(id);

        String garden = group("ann", "Garden", BEN);
        String parking = group("ann", "Parking", CAT);
        var linked = calls.expect(200, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(garden, parking)),
                "ann", id);
        assertThat(ids(linked)).containsExactly(announcement, garden, parking);
        assertThat(linked.get(1).path("subject").asText()).isEqualTo("Garden");
        assertThat(linked.get(1).path("announcement").asBoolean()).isFalse();

        // Ben and Cat are in the community now, and in its announcement group, where only Ann posts.
        for (String member : List.of("ben", "cat")) {
            assertThat(ids(calls.expect(200, "GET", COMMUNITIES, null, member))).contains(id);
            assertThat(ids(calls.expect(200, "GET", COMMUNITY + "/groups", null, member, id)))
                    .containsExactly(announcement, garden, parking);
        }
        var announcementGroup = calls.expect(200, "GET", GROUPS + "/{id}", null, "ben", announcement);
        assertThat(announcementGroup.path("messagesAdminOnly").asBoolean()).isTrue();
        assertThat(announcementGroup.path("size").asInt()).isEqualTo(3);
        calls.expect(403, "POST", "/v1/sendText", Map.of("session", "ben", "chatId", announcement, "text", "hi all"));
        calls.expect(201, "POST", "/v1/sendText", Map.of("session", "ann", "chatId", announcement, "text", "welcome"));

        // Unlinking Parking takes Cat out of the announcement group and the community; Ben stays through Garden.
        var unlinked = calls.expect(200, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of(parking)),
                "ann", id);
        assertThat(ids(unlinked)).containsExactly(announcement, garden);
        assertThat(ids(calls.expect(200, "GET", COMMUNITIES, null, "cat"))).doesNotContain(id);
        calls.expect(404, "GET", COMMUNITY + "/groups", null, "cat", id);
        calls.expect(404, "GET", GROUPS + "/{id}", null, "cat", announcement);
        assertThat(calls.expect(200, "GET", GROUPS + "/{id}", null, "ben", announcement).path("size").asInt())
                .isEqualTo(2);
        // An unlinked group may go to another community.
        String other = community("ann", "Elsewhere").path("id").asText();
        calls.expect(200, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(parking)), "ann", other);
        assertThat(calls.expect(200, "GET", COMMUNITY, null, "cat", other).path("name").asText())
                .isEqualTo("Elsewhere");
    }

    @Test
    void theAnnouncementGroupFollowsTheLinkedGroupsMembers() {
        var created = community("ann", "Followers");
        String id = created.path("id").asText();
        String announcement = created.path("announcementGroup").asText();
        String group = group("ann", "Linked", BEN);
        calls.expect(200, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(group)), "ann", id);
        calls.expect(404, "GET", GROUPS + "/{id}", null, "dan", announcement);

        calls.expect(200, "POST", GROUPS + "/{id}/participants/add", Map.of("participants", List.of(Map.of("id", DAN))),
                "ann", group);
        assertThat(calls.expect(200, "GET", GROUPS + "/{id}", null, "dan", announcement).path("size").asInt())
                .isEqualTo(3);
        assertThat(ids(calls.expect(200, "GET", COMMUNITIES, null, "dan"))).contains(id);

        calls.expect(200, "POST", GROUPS + "/{id}/leave", null, "ben", group);
        calls.expect(404, "GET", GROUPS + "/{id}", null, "ben", announcement);
        calls.expect(404, "GET", COMMUNITY, null, "ben", id);
        // The community's admin stays in the announcement group whatever the linked groups do.
        calls.expect(200, "POST", GROUPS + "/{id}/leave", null, "ann", group);
        assertThat(calls.expect(200, "GET", GROUPS + "/{id}", null, "ann", announcement).path("size").asInt())
                .isEqualTo(2);
    }

    @Test
    void onlyTheCommunitysAdminsLinkAndOnlyGroupsTheyAdminister() {
        String id = community("ann", "Club").path("id").asText();
        String bens = group("ben", "Bens", ANN);
        String anns = group("ann", "Anns", BEN);
        calls.expect(200, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(anns)), "ann", id);
        // Ben is in the community (through Anns) but not its admin.
        var notAdmin = calls.expect(403, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(bens)), "ben", id);
        assertThat(notAdmin.path("message").asText()).contains("admin");
        calls.expect(403, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of(anns)), "ben", id);
        // Ann is in Bens but not its admin: she cannot link it.
        calls.expect(403, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(bens)), "ann", id);
        // All or nothing: one refused group links none.
        String second = group("ann", "Second", CAT);
        calls.expect(403, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(second, bens)), "ann", id);
        assertThat(ids(calls.expect(200, "GET", COMMUNITY + "/groups", null, "ann", id))).doesNotContain(second);
    }

    @Test
    void aGroupIsInOneCommunityAtATime() {
        String first = community("ann", "First").path("id").asText();
        var secondCommunity = community("ann", "Second");
        String second = secondCommunity.path("id").asText();
        String group = group("ann", "Shared", BEN);
        calls.expect(200, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(group)), "ann", first);
        var again = calls.expect(409, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(group)), "ann", first);
        assertThat(again.path("message").asText()).contains("already in this community");
        var elsewhere = calls.expect(409, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(group)), "ann",
                second);
        assertThat(elsewhere.path("message").asText()).contains("another community");
        // An announcement group belongs to its community.
        String announcement = secondCommunity.path("announcementGroup").asText();
        calls.expect(409, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(announcement)), "ann", first);
        calls.expect(409, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of(announcement)), "ann", second);
        calls.expect(409, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of(group)), "ann", second);
    }

    @Test
    void badRequestsAndMissingThings() {
        String id = community("ann", "Checks").path("id").asText();
        calls.expect(400, "POST", COMMUNITIES, Map.of("description", "no name"), "ann");
        calls.expect(400, "POST", COMMUNITIES, Map.of("name", "x".repeat(101)), "ann");
        calls.expect(400, "POST", COMMUNITIES, Map.of("name", "n", "description", "d".repeat(2049)), "ann");
        calls.expect(400, "POST", COMMUNITIES, "[1]", "ann");
        calls.expect(400, "POST", COMMUNITY + "/groups/link", Map.of(), "ann", id);
        calls.expect(400, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of()), "ann", id);
        calls.expect(400, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(BEN + "@c.us")), "ann", id);
        calls.expect(400, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of("nope")), "ann", id);
        calls.expect(400, "GET", COMMUNITY + "/groups", null, "ann", "not-a-community");
        calls.expect(404, "GET", COMMUNITY, null, "ann", "120363000000000000@g.us");
        calls.expect(404, "GET", COMMUNITY + "/groups", null, "ann", "120363000000000000@g.us");
        // A group is not a community, and a group one is not in cannot be linked.
        String group = group("ann", "Plain", BEN);
        calls.expect(404, "GET", COMMUNITY + "/groups", null, "ann", group);
        String dans = group("dan", "Dans", CAT);
        calls.expect(404, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(dans)), "ann", id);
        calls.expect(404, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of("120363000000000000@g.us")),
                "ann", id);
        // Someone outside the community does not see it.
        calls.expect(404, "GET", COMMUNITY, null, "dan", id);
        calls.expect(404, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(dans)), "dan", id);
        calls.expect(404, "GET", COMMUNITIES, null, "ghost");

        String key = Accounts.createKey(server.api(), "community-other", "unlimited");
        var eve = new CheckedCalls(() -> server.api(key));
        eve.expect(404, "GET", COMMUNITIES, null, "ann");

        Sessions.linked(server.api(), "napping", "15553440008");
        server.api().post("/v1/sessions/napping/stop", null);
        var stopped = calls.expect(409, "GET", COMMUNITIES, null, "napping");
        assertThat(stopped.path("message").asText()).contains("STOPPED");
        calls.expect(409, "POST", COMMUNITIES, Map.of("name", "zzz"), "napping");
    }
}
