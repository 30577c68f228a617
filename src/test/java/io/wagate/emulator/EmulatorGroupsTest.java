package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three real Baileys sessions in a group through the emulator: w:g2 IQs, w:gp2 notifications, sender keys. */
class EmulatorGroupsTest {
    static final String A = "15550101001";
    static final String B = "15550101002";
    static final String C = "15550101003";
    static final Webhooks webhooks = new Webhooks();

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    @BeforeAll
    static void linkAll() {
        LinkedSessions.linkByQr(emu.api(), emu.control(), "ga", A, webhooks.config());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "gb", B, webhooks.config());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "gc", C, webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(60), emu.server(), "ga", "gb", "gc");
    }

    @AfterAll
    static void stop() {
        webhooks.close();
    }

    private static String createGroup(String name, String... members) {
        var participants = java.util.Arrays.stream(members).map(m -> Map.of("id", m + "@c.us")).toList();
        var created = emu.api().post("/v1/sessions/ga/groups", Map.of("name", name, "participants", participants));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static JsonNode history(String session, String chatId) {
        var list = emu.api().get("/v1/messages?session=" + session + "&chatId=" + chatId);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json();
    }

    private static JsonNode find(String session, String chatId, String id) {
        for (JsonNode message : history(session, chatId)) {
            if (message.path("id").asText().equals(id)) {
                return message;
            }
        }
        return null;
    }

    @Test
    void aGroupOfThreeIsCreatedEveryMemberGetsTheTextAndAcksAndReactionsReachTheSendersCopy() {
        String group = createGroup("emulated trio", B, C);
        assertThat(group).endsWith("@g.us");
        var got = emu.api().get("/v1/sessions/gb/groups/" + group);
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        assertThat(got.json().path("subject").asText()).isEqualTo("emulated trio");
        assertThat(got.json().path("participants").findValuesAsText("id"))
                .containsExactlyInAnyOrder(A + "@c.us", B + "@c.us", C + "@c.us");
        for (String member : List.of("ga", "gb", "gc")) {
            webhooks.await(member, "group.v2.join", p -> p.path("group").path("id").asText().equals(group));
        }

        var sent = emu.api().post("/v1/sendText", Map.of("session", "ga", "chatId", group, "text", "hello trio"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().path("id").asText();
        JsonNode atB = null;
        for (String member : List.of("gb", "gc")) {
            var copy = webhooks.await(member, "message", p -> p.path("body").asText().equals("hello trio"));
            assertThat(copy.path("from").asText()).isEqualTo(group);
            assertThat(copy.path("participant").asText()).isEqualTo(A + "@c.us");
            assertThat(copy.path("fromMe").asBoolean()).isFalse();
            atB = member.equals("gb") ? copy : atB;
        }
        webhooks.await("ga", "message.ack", p -> p.path("id").asText().equals(id) && p.path("ack").asInt() >= 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> find("ga", group, id).path("ack").asInt() >= 2);

        var reacted = emu.api().put("/v1/reaction", Map.of("session", "gb", "messageId", atB.path("id").asText(),
                "reaction", "👍"));
        assertThat(reacted.status()).as(reacted.toString()).isEqualTo(200);
        var reaction = webhooks.await("ga", "message.reaction", p -> p.path("reaction").path("text").asText().equals("👍"));
        assertThat(reaction.path("participant").asText()).isEqualTo(B + "@c.us");
        await().atMost(Duration.ofSeconds(20)).until(() -> find("ga", group, id).path("reactions").size() == 1);
        assertThat(find("ga", group, id).path("reactions").get(0).path("from").asText()).isEqualTo(B + "@c.us");

        var seen = emu.api().post("/v1/sendSeen", Map.of("session", "gc", "chatId", group));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> find("ga", group, id).path("ackName").asText().equals("READ"));
    }

    @Test
    void participantChangesArriveAsGroupV2ParticipantsAndSettingsAsUpdates() {
        String group = createGroup("changing", B);
        webhooks.await("gb", "group.v2.join", p -> p.path("group").path("id").asText().equals(group));

        var added = emu.api().post("/v1/sessions/ga/groups/" + group + "/participants/add",
                Map.of("participants", List.of(Map.of("id", C + "@c.us"))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        var join = webhooks.await("gb", "group.v2.participants", p -> p.path("group").path("id").asText().equals(group)
                && p.path("type").asText().equals("join"));
        assertThat(join.path("participants").findValuesAsText("id")).containsExactly(C + "@c.us");
        webhooks.await("gc", "group.v2.join", p -> p.path("group").path("id").asText().equals(group));
        // The sender's next message carries its sender key to the new member too.
        assertThat(emu.api().post("/v1/sendText", Map.of("session", "ga", "chatId", group, "text", "welcome")).status())
                .isEqualTo(201);
        webhooks.await("gc", "message", p -> p.path("body").asText().equals("welcome") && p.path("from").asText().equals(group));

        // WhatsApp refuses a member who is no admin (401 not-authorized): wagate answers 403, as on the sandbox.
        var refused = emu.api().post("/v1/sessions/gb/groups/" + group + "/admin/promote",
                Map.of("participants", List.of(Map.of("id", B + "@c.us"))));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);

        var promoted = emu.api().post("/v1/sessions/ga/groups/" + group + "/admin/promote",
                Map.of("participants", List.of(Map.of("id", B + "@c.us"))));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        webhooks.await("gc", "group.v2.participants", p -> p.path("group").path("id").asText().equals(group)
                && p.path("type").asText().equals("promote"));
        var roles = emu.api().get("/v1/sessions/gc/groups/" + group + "/participants");
        assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
        assertThat(roles.json().toString()).contains(B + "@c.us");

        var removed = emu.api().post("/v1/sessions/gb/groups/" + group + "/participants/remove",
                Map.of("participants", List.of(Map.of("id", C + "@c.us"))));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        webhooks.await("ga", "group.v2.participants", p -> p.path("group").path("id").asText().equals(group)
                && p.path("type").asText().equals("leave"));
        webhooks.await("gc", "group.v2.leave", p -> p.path("group").path("id").asText().equals(group));
        // WhatsApp answers a non-member's query 403 (whatsmeow's ErrNotInGroup) and an unknown group's 404: wagate
        // answers 404 for both, as on the sandbox.
        var notMember = emu.api().get("/v1/sessions/gc/groups/" + group);
        assertThat(notMember.status()).as(notMember.toString()).isEqualTo(404);
        var unknown = emu.api().get("/v1/sessions/gc/groups/120363999999999999@g.us");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(emu.api().post("/v1/sendText", Map.of("session", "ga", "chatId", group, "text", "members only")).status())
                .isEqualTo(201);
        webhooks.await("gb", "message", p -> p.path("body").asText().equals("members only"));
        // The emulator fans a group message out to every member at once: the removed one got none.
        assertThat(webhooks.event("gc", "message", p -> p.path("body").asText().equals("members only"))).isEmpty();

        var subject = emu.api().put("/v1/sessions/ga/groups/" + group + "/subject", Map.of("subject", "renamed"));
        assertThat(subject.status()).as(subject.toString()).isEqualTo(200);
        webhooks.await("gb", "group.v2.update", p -> p.path("group").path("id").asText().equals(group));
        var description = emu.api().put("/v1/sessions/ga/groups/" + group + "/description",
                Map.of("description", "about us"));
        assertThat(description.status()).as(description.toString()).isEqualTo(200);
        var locked = emu.api().put("/v1/sessions/ga/groups/" + group + "/settings/security/info-admin-only",
                Map.of("adminsOnly", true));
        assertThat(locked.status()).as(locked.toString()).isEqualTo(200);
        var atB = emu.api().get("/v1/sessions/gb/groups/" + group);
        assertThat(atB.json().path("subject").asText()).isEqualTo("renamed");
        assertThat(atB.json().path("description").asText()).isEqualTo("about us");
        assertThat(atB.json().path("infoAdminOnly").asBoolean()).isTrue();

        var code = emu.api().get("/v1/sessions/ga/groups/" + group + "/invite-code");
        assertThat(code.status()).as(code.toString()).isEqualTo(200);
        var revoked = emu.api().post("/v1/sessions/ga/groups/" + group + "/invite-code/revoke", null);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().toString()).isNotEqualTo(code.json().toString());
    }
}
