package io.wagate.engine.baileys;

import static io.wagate.engine.baileys.ScriptedBridge.MEMBER_GROUP;
import static io.wagate.engine.baileys.ScriptedBridge.ME;
import static io.wagate.engine.baileys.ScriptedBridge.OWNED_GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.CheckedCalls;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Communities on the Baileys engine over HTTP, on the scripted WhatsApp of bridge/scripted (its answers shaped as
 * Baileys' community functions return them, its refusals as Baileys throws them): Java's reading of the bridge's
 * answers and WhatsApp's refusals as statuses.
 */
class BaileysCommunitiesTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c.withBaileys(ScriptedBridge.config())));
    private static final CheckedCalls calls = new CheckedCalls(server::api);
    static final String COMMUNITIES = "/v1/sessions/{session}/communities";
    static final String COMMUNITY = COMMUNITIES + "/{id}";

    @BeforeAll
    static void link() {
        ScriptedBridge.working(server.api(), "bc");
    }

    static List<String> ids(JsonNode list) {
        var ids = new ArrayList<String>();
        list.forEach(g -> ids.add(g.path("id").asText()));
        return ids;
    }

    @Test
    void aCommunityLinksTheSessionsGroupsAndWhatsAppsRefusalsBecomeStatuses() {
        var created = calls.expect(201, "POST", COMMUNITIES, Map.of("name", "Scripted club", "description", "d"), "bc");
        String id = created.path("id").asText();
        String announcement = created.path("announcementGroup").asText();
        assertThat(id).endsWith("@g.us");
        assertThat(announcement).endsWith("@g.us").isNotEqualTo(id);
        assertThat(created.path("owner").asText()).isEqualTo(ME);
        assertThat(created.path("description").asText()).isEqualTo("d");

        var linked = calls.expect(200, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(OWNED_GROUP)), "bc", id);
        assertThat(ids(linked)).containsExactly(announcement, OWNED_GROUP);
        assertThat(linked.get(0).path("announcement").asBoolean()).isTrue();
        assertThat(ids(calls.expect(200, "GET", COMMUNITIES, null, "bc"))).containsExactly(id);
        assertThat(calls.expect(200, "GET", COMMUNITY, null, "bc", id).path("announcementGroup").asText())
                .isEqualTo(announcement);
        // The parent group is no chat: it is not among the groups; the announcement group is.
        var groups = ids(calls.expect(200, "GET", "/v1/sessions/{session}/groups", null, "bc"));
        assertThat(groups).contains(announcement, OWNED_GROUP).doesNotContain(id);

        calls.expect(409, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(OWNED_GROUP)), "bc", id);
        calls.expect(403, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(MEMBER_GROUP)), "bc", id);
        calls.expect(404, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of("120363999999999999@g.us")),
                "bc", id);
        calls.expect(404, "GET", COMMUNITY + "/groups", null, "bc", OWNED_GROUP);
        calls.expect(404, "GET", COMMUNITY, null, "bc", "120363999999999998@g.us");

        assertThat(ids(calls.expect(200, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of(OWNED_GROUP)),
                "bc", id))).containsExactly(announcement);
        calls.expect(400, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of(OWNED_GROUP)), "bc", id);
    }
}
