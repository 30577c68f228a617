package io.wagate.group;

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

/** Group management between sandbox sessions, over HTTP: members, admins, settings, invites, leave, delete. */
class GroupsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final CheckedCalls calls = new CheckedCalls(server::api);

    static final String GROUPS = "/v1/sessions/{session}/groups";
    static final String GROUP = GROUPS + "/{id}";
    static final String ANN = "15553330001";
    static final String BEN = "15553330002";
    static final String CAT = "15553330003";
    static final String DAN = "15553330004";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ann", ANN);
        Sessions.linked(server.api(), "ben", BEN);
        Sessions.linked(server.api(), "cat", CAT);
        Sessions.linked(server.api(), "dan", DAN);
    }

    /** Ann's new group with ben and cat as participants. */
    static String annsGroup(String name) {
        var group = calls.expect(201, "POST", GROUPS, Map.of("name", name, "participants",
                List.of(Map.of("id", BEN + "@c.us"), Map.of("id", "+1 555 333 0003"))), "ann");
        return group.path("id").asText();
    }

    static Map<String, Object> participants(String... ids) {
        return Map.of("participants", java.util.Arrays.stream(ids).map(id -> Map.of("id", id)).toList());
    }

    static List<String> ids(JsonNode groups) {
        var ids = new ArrayList<String>();
        groups.forEach(g -> ids.add(g.path("id").asText()));
        return ids;
    }

    static String roleOf(JsonNode group, String number) {
        for (var p : group.path("participants")) {
            if (p.path("id").asText().equals(number + "@c.us")) {
                return p.path("role").asText();
            }
        }
        return null;
    }

    @Test
    void aGroupCreatedWithMembersIsSeenByEveryMember() {
        var created = calls.expect(201, "POST", GROUPS, Map.of("name", " Team 🚀 ", "description", "our chat",
                "participants", List.of(Map.of("id", BEN), Map.of("id", CAT + "@c.us"), Map.of("id", ANN))), "ann");
        String id = created.path("id").asText();
        assertThat(id).matches("120363\\d{12}@g\\.us");
        assertThat(created.path("subject").asText()).isEqualTo("Team 🚀");
        assertThat(created.path("description").asText()).isEqualTo("our chat");
        assertThat(created.path("owner").asText()).isEqualTo(ANN + "@c.us");
        assertThat(created.path("size").asInt()).isEqualTo(3);
        assertThat(roleOf(created, ANN)).isEqualTo("superadmin");
        assertThat(roleOf(created, BEN)).isEqualTo("participant");
        assertThat(created.path("messagesAdminOnly").asBoolean()).isFalse();
        assertThat(created.path("infoAdminOnly").asBoolean()).isFalse();

        for (String member : List.of("ann", "ben", "cat")) {
            assertThat(ids(calls.expect(200, "GET", GROUPS + "?limit=1000", null, member))).contains(id);
            assertThat(calls.expect(200, "GET", GROUPS + "/count", null, member).path("count").asInt()).isPositive();
        }
        assertThat(ids(calls.expect(200, "GET", GROUPS + "?limit=1000", null, "dan"))).doesNotContain(id);
        // the id with or without @g.us
        String bare = id.substring(0, id.indexOf('@'));
        assertThat(calls.expect(200, "GET", GROUP, null, "ben", bare).path("id").asText()).isEqualTo(id);
        var members = calls.expect(200, "GET", GROUP + "/participants", null, "cat", id);
        assertThat(members).hasSize(3);
        assertThat(members.get(0).path("id").asText()).isEqualTo(ANN + "@c.us");
    }

    @Test
    void subjectDescriptionAndSettingsAreSeenByAllAndGuardedByInfoAdminOnly() {
        String id = annsGroup("Info");
        // anyone may change the info while info-admin-only is off
        var renamed = calls.expect(200, "PUT", GROUP + "/subject", Map.of("subject", "Renamed by ben"), "ben", id);
        assertThat(renamed.path("subject").asText()).isEqualTo("Renamed by ben");
        assertThat(calls.expect(200, "GET", GROUP, null, "cat", id).path("subject").asText()).isEqualTo("Renamed by ben");
        calls.expect(200, "PUT", GROUP + "/description", Map.of("description", "rules: be nice"), "cat", id);
        assertThat(calls.expect(200, "GET", GROUP, null, "ann", id).path("description").asText()).isEqualTo("rules: be nice");

        String infoSetting = GROUP + "/settings/security/info-admin-only";
        assertThat(calls.expect(200, "GET", infoSetting, null, "ben", id).path("adminsOnly").asBoolean()).isFalse();
        calls.expect(403, "PUT", infoSetting, Map.of("adminsOnly", true), "ben", id);
        assertThat(calls.expect(200, "PUT", infoSetting, Map.of("adminsOnly", true), "ann", id)
                .path("adminsOnly").asBoolean()).isTrue();
        assertThat(calls.expect(200, "GET", infoSetting, null, "cat", id).path("adminsOnly").asBoolean()).isTrue();
        var refused = calls.expect(403, "PUT", GROUP + "/subject", Map.of("subject", "nope"), "ben", id);
        assertThat(refused.path("message").asText()).contains("admin");
        calls.expect(403, "PUT", GROUP + "/description", Map.of("description", "nope"), "cat", id);
        calls.expect(200, "PUT", GROUP + "/subject", Map.of("subject", "Admins decide"), "ann", id);
        assertThat(calls.expect(200, "GET", GROUP, null, "ben", id).path("subject").asText()).isEqualTo("Admins decide");

        String messagesSetting = GROUP + "/settings/security/messages-admin-only";
        calls.expect(403, "PUT", messagesSetting, Map.of("adminsOnly", true), "cat", id);
        calls.expect(200, "PUT", messagesSetting, Map.of("adminsOnly", true), "ann", id);
        assertThat(calls.expect(200, "GET", messagesSetting, null, "ben", id).path("adminsOnly").asBoolean()).isTrue();
        assertThat(calls.expect(200, "GET", GROUP, null, "cat", id).path("messagesAdminOnly").asBoolean()).isTrue();
        calls.expect(400, "PUT", messagesSetting, Map.of(), "ann", id);
        calls.expect(400, "PUT", messagesSetting, Map.of("adminsOnly", "yes"), "ann", id);
        calls.expect(400, "PUT", GROUP + "/subject", Map.of("subject", "x".repeat(101)), "ann", id);
        calls.expect(400, "PUT", GROUP + "/subject", Map.of("subject", " "), "ann", id);
        calls.expect(400, "PUT", GROUP + "/description", Map.of("description", "x".repeat(2049)), "ann", id);
    }

    @Test
    void onlyAdminsChangeParticipantsAndSeeTheInviteCode() {
        String id = annsGroup("Admins only");
        for (String path : List.of("/participants/add", "/participants/remove", "/admin/promote", "/admin/demote")) {
            var refused = calls.expect(403, "POST", GROUP + path, participants(CAT), "ben", id);
            assertThat(refused.path("message").asText()).contains("admin");
        }
        calls.expect(403, "GET", GROUP + "/invite-code", null, "ben", id);
        calls.expect(403, "POST", GROUP + "/invite-code/revoke", null, "cat", id);
        assertThat(calls.expect(200, "GET", GROUP, null, "ann", id).path("size").asInt()).isEqualTo(3);
    }

    @Test
    void addingReportsEachParticipant() {
        String id = annsGroup("Adding");
        var outcomes = calls.expect(200, "POST", GROUP + "/participants/add",
                participants("15559999999", BEN + "@c.us", DAN, DAN + "@s.whatsapp.net"), "ann", id);
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0).path("id").asText()).isEqualTo("15559999999@c.us");
        assertThat(outcomes.get(0).path("status").asInt()).isEqualTo(404);
        assertThat(outcomes.get(0).path("message").asText()).isEqualTo("not on WhatsApp");
        assertThat(outcomes.get(1).path("status").asInt()).isEqualTo(409);
        assertThat(outcomes.get(2).path("id").asText()).isEqualTo(DAN + "@c.us");
        assertThat(outcomes.get(2).path("status").asInt()).isEqualTo(200);
        assertThat(ids(calls.expect(200, "GET", GROUPS + "?limit=1000", null, "dan"))).contains(id);
        assertThat(calls.expect(200, "GET", GROUP, null, "ann", id).path("size").asInt()).isEqualTo(4);

        calls.expect(400, "POST", GROUP + "/participants/add", participants("not-a-number"), "ann", id);
        calls.expect(400, "POST", GROUP + "/participants/add", participants(id), "ann", id);
        calls.expect(400, "POST", GROUP + "/participants/add", Map.of("participants", List.of()), "ann", id);
        calls.expect(400, "POST", GROUP + "/participants/add", Map.of(), "ann", id);
    }

    @Test
    void promotedMembersActAsAdminsButTheOwnerStaysOwner() {
        String id = annsGroup("Promotions");
        var promoted = calls.expect(200, "POST", GROUP + "/admin/promote", participants(BEN, CAT), "ann", id);
        assertThat(promoted.findValues("status")).extracting(JsonNode::asInt).containsExactly(200, 200);
        var group = calls.expect(200, "GET", GROUP, null, "cat", id);
        assertThat(roleOf(group, BEN)).isEqualTo("admin");
        assertThat(calls.expect(200, "POST", GROUP + "/admin/promote", participants(BEN), "ann", id)
                .get(0).path("status").asInt()).isEqualTo(409);

        // ben, now an admin, sees the invite code but cannot demote the owner
        calls.expect(200, "GET", GROUP + "/invite-code", null, "ben", id);
        var demoteOwner = calls.expect(200, "POST", GROUP + "/admin/demote", participants(ANN), "ben", id);
        assertThat(demoteOwner.get(0).path("status").asInt()).isEqualTo(403);
        assertThat(calls.expect(200, "POST", GROUP + "/admin/demote", participants(CAT), "ben", id)
                .get(0).path("status").asInt()).isEqualTo(200);
        assertThat(calls.expect(200, "POST", GROUP + "/admin/demote", participants(CAT, DAN), "ann", id))
                .extracting(o -> o.path("status").asInt()).containsExactly(409, 404);
        group = calls.expect(200, "GET", GROUP, null, "ann", id);
        assertThat(roleOf(group, ANN)).isEqualTo("superadmin");
        assertThat(roleOf(group, CAT)).isEqualTo("participant");
        calls.expect(403, "GET", GROUP + "/invite-code", null, "cat", id);
    }

    @Test
    void removedMembersLoseTheGroupAndTheOwnerCannotBeRemoved() {
        String id = annsGroup("Removals");
        calls.expect(200, "POST", GROUP + "/admin/promote", participants(BEN), "ann", id);
        var outcomes = calls.expect(200, "POST", GROUP + "/participants/remove", participants(ANN, BEN, CAT, DAN),
                "ben", id);
        assertThat(outcomes).extracting(o -> o.path("status").asInt()).containsExactly(403, 400, 200, 404);
        assertThat(outcomes.get(0).path("message").asText()).contains("owner");
        calls.expect(404, "GET", GROUP, null, "cat", id);
        assertThat(ids(calls.expect(200, "GET", GROUPS + "?limit=1000", null, "cat"))).doesNotContain(id);
        assertThat(calls.expect(200, "GET", GROUP + "/participants", null, "ann", id)).hasSize(2);
    }

    @Test
    void anInviteCodeJoinsUntilItIsRevoked() {
        String id = annsGroup("Invites");
        var invite = calls.expect(200, "GET", GROUP + "/invite-code", null, "ann", id);
        String code = invite.path("code").asText();
        assertThat(code).matches("[A-Za-z0-9]{22}");
        assertThat(invite.path("link").asText()).isEqualTo("https://chat.whatsapp.com/" + code);

        var joined = calls.expect(200, "POST", GROUPS + "/join", Map.of("code", invite.path("link").asText()), "dan");
        assertThat(joined.path("id").asText()).isEqualTo(id);
        assertThat(roleOf(joined, DAN)).isEqualTo("participant");
        calls.expect(409, "POST", GROUPS + "/join", Map.of("code", code), "dan");
        calls.expect(200, "POST", GROUP + "/participants/remove", participants(DAN), "ann", id);

        var revoked = calls.expect(200, "POST", GROUP + "/invite-code/revoke", null, "ann", id);
        String fresh = revoked.path("code").asText();
        assertThat(fresh).isNotEqualTo(code);
        assertThat(calls.expect(200, "GET", GROUP + "/invite-code", null, "ann", id).path("code").asText())
                .isEqualTo(fresh);
        calls.expect(404, "POST", GROUPS + "/join", Map.of("code", code), "dan");
        calls.expect(200, "POST", GROUPS + "/join", Map.of("code", fresh), "dan");

        calls.expect(400, "POST", GROUPS + "/join", Map.of("code", "https://example.com/" + fresh), "dan");
        calls.expect(400, "POST", GROUPS + "/join", Map.of("code", "no spaces please"), "dan");
        calls.expect(400, "POST", GROUPS + "/join", Map.of(), "dan");
    }

    @Test
    void whenTheLastAdminLeavesTheLongestStandingMemberBecomesAdmin() {
        String id = annsGroup("Leaving");
        calls.expect(200, "POST", GROUP + "/leave", null, "ann", id);
        calls.expect(404, "GET", GROUP, null, "ann", id);
        calls.expect(404, "POST", GROUP + "/leave", null, "ann", id);
        var group = calls.expect(200, "GET", GROUP, null, "cat", id);
        assertThat(group.path("size").asInt()).isEqualTo(2);
        assertThat(roleOf(group, BEN)).isEqualTo("admin");
        assertThat(roleOf(group, CAT)).isEqualTo("participant");
        // ben, the new admin, can run the group
        calls.expect(200, "POST", GROUP + "/participants/add", participants(DAN), "ben", id);
        calls.expect(200, "POST", GROUP + "/leave", null, "cat", id);
        assertThat(roleOf(calls.expect(200, "GET", GROUP, null, "dan", id), DAN)).isEqualTo("participant");
    }

    @Test
    void onlyTheOwnerDeletesAGroupAndItIsGoneForEveryone() {
        String id = annsGroup("Doomed");
        calls.expect(200, "POST", GROUP + "/admin/promote", participants(BEN), "ann", id);
        var refused = calls.expect(403, "DELETE", GROUP, null, "ben", id);
        assertThat(refused.path("message").asText()).contains("owner");
        calls.expect(404, "DELETE", GROUP, null, "dan", id);
        assertThat(calls.expect(204, "DELETE", GROUP, null, "ann", id)).isNull();
        for (String member : List.of("ann", "ben", "cat")) {
            calls.expect(404, "GET", GROUP, null, member, id);
            assertThat(ids(calls.expect(200, "GET", GROUPS + "?limit=1000", null, member))).doesNotContain(id);
        }
    }

    @Test
    void anotherAccountsGroupIsNotFound() {
        String id = annsGroup("Private");
        // unlimited, so the polling while it links never meets a rate limit
        String key = Accounts.createKey(server.api(), "other", "unlimited");
        Sessions.linked(server.api(key), "eve", "15553330009");
        var eve = new CheckedCalls(() -> server.api(key));
        eve.expect(404, "GET", GROUP, null, "eve", id);
        eve.expect(404, "GET", GROUP + "/participants", null, "eve", id);
        eve.expect(404, "PUT", GROUP + "/subject", Map.of("subject", "mine"), "eve", id);
        eve.expect(404, "GET", GROUP, null, "ann", id);
        eve.expect(404, "GET", GROUPS, null, "ann");
        assertThat(eve.expect(200, "GET", GROUPS, null, "eve")).isEmpty();
    }

    @Test
    void badRequestsAndMissingThings() {
        calls.expect(400, "POST", GROUPS, Map.of("participants", List.of()), "ann");
        calls.expect(400, "POST", GROUPS, Map.of("name", "x".repeat(101)), "ann");
        var notOnWhatsApp = calls.expect(400, "POST", GROUPS, Map.of("name", "g",
                "participants", List.of(Map.of("id", "15559999999"))), "ann");
        assertThat(notOnWhatsApp.path("message").asText()).contains("15559999999", "not on WhatsApp");
        calls.expect(400, "POST", GROUPS, Map.of("name", "g", "participants", List.of(Map.of("id", "abc"))), "ann");
        calls.expect(400, "POST", GROUPS, Map.of("name", "g", "members", List.of()), "ann");
        calls.expect(400, "POST", GROUPS, "[1]", "ann");
        calls.expect(400, "GET", GROUP, null, "ann", "not-a-group");
        calls.expect(400, "GET", GROUP, null, "ann", BEN + "@c.us");
        calls.expect(404, "GET", GROUP, null, "ann", "120363000000000000@g.us");
        calls.expect(404, "GET", GROUPS, null, "ghost");
        calls.expect(404, "POST", GROUPS + "/refresh", null, "ghost");
        assertThat(calls.expect(200, "POST", GROUPS + "/refresh", null, "ann").path("success").asBoolean()).isTrue();

        Sessions.linked(server.api(), "napping", "15553330008");
        server.api().post("/v1/sessions/napping/stop", null);
        var stopped = calls.expect(409, "GET", GROUPS, null, "napping");
        assertThat(stopped.path("message").asText()).contains("STOPPED");
        calls.expect(409, "POST", GROUPS, Map.of("name", "zzz"), "napping");
    }
}
