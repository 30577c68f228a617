package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.CheckedCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Communities between two real Baileys sessions through the emulator: Baileys' community IQs, end to end over HTTP. */
class EmulatorCommunitiesTest {
    static final String A = "15550102001";
    static final String B = "15550102002";
    static final String COMMUNITY = "/v1/sessions/{session}/communities/{id}";

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();
    private static final CheckedCalls calls = new CheckedCalls(emu::api);

    @BeforeAll
    static void linkAll() {
        LinkedSessions.linkByQr(emu.api(), emu.control(), "ca", A, Map.of());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "cb", B, Map.of());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(60), emu.server(), "ca", "cb");
    }

    private static String group(String session, String name, String member) {
        return calls.expect(201, "POST", "/v1/sessions/{session}/groups", Map.of("name", name,
                "participants", List.of(Map.of("id", member + "@c.us"))), session).path("id").asText();
    }

    private static List<String> ids(JsonNode list) {
        var ids = new ArrayList<String>();
        list.forEach(g -> ids.add(g.path("id").asText()));
        return ids;
    }

    @Test
    void aCommunityIsCreatedGroupsAreLinkedAndUnlinkedAndWhatsAppsRulesHold() {
        var created = calls.expect(201, "POST", "/v1/sessions/{session}/communities",
                Map.of("name", "Emulated street", "description", "neighbours"), "ca");
        String id = created.path("id").asText();
        String announcement = created.path("announcementGroup").asText();
        assertThat(created.path("name").asText()).isEqualTo("Emulated street");
        assertThat(created.path("description").asText()).isEqualTo("neighbours");
        assertThat(announcement).endsWith("@g.us").isNotEqualTo(id);

        String garden = group("ca", "Garden", B);
        var linked = calls.expect(200, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(garden)), "ca", id);
        assertThat(ids(linked)).containsExactly(announcement, garden);
        // Bob is in the community and its announcement group now, where only admins post.
        assertThat(ids(calls.expect(200, "GET", "/v1/sessions/{session}/communities", null, "cb"))).contains(id);
        var atBob = calls.expect(200, "GET", "/v1/sessions/{session}/groups/{id}", null, "cb", announcement);
        assertThat(atBob.path("messagesAdminOnly").asBoolean()).isTrue();
        assertThat(atBob.path("participants").findValuesAsText("id")).contains(B + "@c.us");

        calls.expect(409, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(garden)), "ca", id);
        String bobs = group("cb", "Bob's", A);
        calls.expect(403, "POST", COMMUNITY + "/groups/link", Map.of("groups", List.of(bobs)), "ca", id);
        calls.expect(404, "GET", COMMUNITY + "/groups", null, "ca", garden);

        assertThat(ids(calls.expect(200, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of(garden)),
                "ca", id))).containsExactly(announcement);
        calls.expect(400, "POST", COMMUNITY + "/groups/unlink", Map.of("groups", List.of(garden)), "ca", id);
    }
}
