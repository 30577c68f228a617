package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LID addressing through the emulator: LID-only accounts, LID-first sends, the 463 of a send to such a number. */
class EmulatorLidTest {
    static final String A = "15550202001";
    /** WhatsApp names this one by its LID only, and hands out its LID mapping. */
    static final String X = "15550202002";
    /** LID-only too, but the LID lookup before a send misses it: the send goes to the number. */
    static final String Y = "15550202003";
    static final Webhooks webhooks = new Webhooks();

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    @BeforeAll
    static void linkAll() {
        LinkedSessions.linkByQr(emu.api(), emu.control(), "la", A, webhooks.config());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "lx", Map.of("number", X, "lidOnly", true), webhooks.config());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "ly", Map.of("number", Y, "lidOnly", true, "lidLookup", false),
                webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(60), emu.server(), "la", "lx", "ly");
    }

    @AfterAll
    static void stop() {
        webhooks.close();
    }

    private static String lid(String number) {
        return emu.control().get("/phones/" + number).json().path("lid").asText() + "@lid";
    }

    @Test
    void aSendByNumberToALidOnlyContactGoesToItsLidAndItsRepliesShowThePhoneIdWithFromLid() {
        assertThat(emu.control().get("/phones/" + X).json().path("lidOnly").asBoolean()).isTrue();
        var sent = emu.api().post("/v1/sendText", Map.of("session", "la", "chatId", X + "@c.us", "text", "to a lid"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("to").asText()).isEqualTo(X + "@c.us");
        assertThat(sent.json().path("toLid").asText()).isEqualTo(lid(X));
        var arrived = webhooks.await("lx", "message", p -> p.path("body").asText().equals("to a lid"));
        assertThat(arrived.path("from").asText()).isEqualTo(A + "@c.us");
        webhooks.await("la", "message.ack", p -> p.path("id").asText().equals(sent.json().path("id").asText())
                && p.path("ackName").asText().equals("DEVICE"));

        var seen = emu.api().post("/v1/sendSeen", Map.of("session", "lx", "chatId", A + "@c.us"));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        webhooks.await("la", "message.ack", p -> p.path("id").asText().equals(sent.json().path("id").asText())
                && p.path("ackName").asText().equals("READ"));

        var reply = emu.api().post("/v1/sendText", Map.of("session", "lx", "chatId", A + "@c.us", "text", "from a lid"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        var got = webhooks.await("la", "message", p -> p.path("body").asText().equals("from a lid"));
        assertThat(got.path("from").asText()).isEqualTo(X + "@c.us");
        assertThat(got.path("fromLid").asText()).isEqualTo(lid(X));
        assertThat(got.path("fromMe").asBoolean()).isFalse();
    }

    @Test
    void theLidLookUpsBothWaysAnswerFromBaileysMappingStore() {
        var found = emu.api().get("/v1/sessions/la/lids/pn/" + X);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().path("lid").asText()).isEqualTo(lid(X));
        var back = emu.api().get("/v1/sessions/la/lids/" + lid(X));
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().path("pn").asText()).isEqualTo(X + "@c.us");
    }

    @Test
    void theLidFlagsOfANewPhoneAreBooleans() {
        var refused = emu.control().post("/phones", Map.of("number", "15550202009", "lidOnly", "yes"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("lidOnly");
        assertThat(emu.control().get("/phones/15550202009").status()).isEqualTo(404);
    }

    @Test
    void aSendToTheNumberOfALidOnlyContactWhoseLidIsUnknownFailsWith463() {
        var sent = emu.api().post("/v1/sendText", Map.of("session", "la", "chatId", Y + "@c.us", "text", "to a number"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().path("id").asText();
        var failed = webhooks.await("la", "message.ack", p -> p.path("id").asText().equals(id) && p.path("ack").asInt() == -1);
        assertThat(failed.path("ackName").asText()).isEqualTo("ERROR");
        assertThat(failed.path("error").path("code").asInt()).isEqualTo(463);
        var history = emu.api().get("/v1/messages?session=la&chatId=" + Y + "@c.us").json();
        assertThat(history.findValues("id").stream().map(JsonNode::asText)).contains(id);
        for (JsonNode message : history) {
            if (message.path("id").asText().equals(id)) {
                assertThat(message.path("ackName").asText()).isEqualTo("ERROR");
                assertThat(message.path("error").path("code").asInt()).isEqualTo(463);
            }
        }
        assertThat(emu.api().get("/metrics").text()).containsPattern("wagate_messages_send_errors_total\\{[^}]*code=\"463\"");
        assertThat(webhooks.event("ly", "message", p -> p.path("body").asText().equals("to a number"))).isEmpty();

        // The failed send taught Baileys the LID (from the device list): the next send goes there and arrives.
        var again = emu.api().post("/v1/sendText", Map.of("session", "la", "chatId", Y + "@c.us", "text", "again"));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().path("toLid").asText()).isEqualTo(lid(Y));
        webhooks.await("ly", "message", p -> p.path("body").asText().equals("again"));
    }

    @Test
    void aGroupOfALidOnlyCreatorIsLidAddressedAndItsMessagesArriveFromThePhoneIdWithFromLid() {
        var created = emu.api().post("/v1/sessions/lx/groups", Map.of("name", "lid group",
                "participants", List.of(Map.of("id", A + "@c.us"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String group = created.json().path("id").asText();
        assertThat(created.json().path("participants").findValuesAsText("id")).contains(A + "@c.us", X + "@c.us");

        var sent = emu.api().post("/v1/sendText", Map.of("session", "lx", "chatId", group, "text", "lid group hello"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var atA = webhooks.await("la", "message", p -> p.path("body").asText().equals("lid group hello"));
        assertThat(atA.path("from").asText()).isEqualTo(group);
        assertThat(atA.path("participant").asText()).isEqualTo(X + "@c.us");
        assertThat(atA.path("fromLid").asText()).isEqualTo(lid(X));

        var back = emu.api().post("/v1/sendText", Map.of("session", "la", "chatId", group, "text", "lid group reply"));
        assertThat(back.status()).as(back.toString()).isEqualTo(201);
        var atX = webhooks.await("lx", "message", p -> p.path("body").asText().equals("lid group reply"));
        assertThat(atX.path("participant").asText()).isEqualTo(A + "@c.us");
        // The reader of a LID group is named by number: the group's metadata taught the LID mapping. (A receipt
        // Baileys folded into the send's echo comes as an ack without its reader.)
        var read = webhooks.await("lx", "message.ack", p -> p.path("id").asText().equals(sent.json().path("id").asText())
                && p.path("ack").asInt() >= 2);
        if (read.has("participant")) {
            assertThat(read.path("participant").asText()).isEqualTo(A + "@c.us");
        }

        var added = emu.api().post("/v1/sessions/lx/groups/" + group + "/participants/add",
                Map.of("participants", List.of(Map.of("id", Y + "@c.us"))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        var join = webhooks.await("la", "group.v2.participants", p -> p.path("group").path("id").asText().equals(group)
                && p.path("type").asText().equals("join"));
        assertThat(join.path("participants").findValuesAsText("id")).containsExactly(Y + "@c.us");
    }

    @Test
    void votesOnAPollInALidAddressedGroupAreDecryptedOnBothSides() {
        var created = emu.api().post("/v1/sessions/lx/groups", Map.of("name", "lid poll",
                "participants", List.of(Map.of("id", A + "@c.us"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String group = created.json().path("id").asText();
        webhooks.await("la", "group.v2.join", p -> p.path("group").path("id").asText().equals(group));
        var poll = emu.api().post("/v1/sendPoll", Map.of("session", "lx", "chatId", group,
                "poll", Map.of("name", "Where?", "options", List.of("Here", "There"), "multipleAnswers", false)));
        assertThat(poll.status()).as(poll.toString()).isEqualTo(201);
        String pollId = poll.json().path("id").asText();
        var atA = webhooks.await("la", "message", p -> p.path("type").asText().equals("poll")
                && p.path("poll").path("name").asText().equals("Where?"));

        // A votes in the LID chat: the bridge names voter and creator by LID, and X's Baileys decrypts it.
        var voted = emu.api().post("/v1/sendPollVote", Map.of("session", "la", "chatId", group,
                "pollMessageId", atA.path("id").asText(), "votes", List.of("There")));
        assertThat(voted.status()).as(voted.toString()).isEqualTo(201);
        var voteAtX = webhooks.await("lx", "poll.vote", p -> p.path("poll").path("id").asText().equals(pollId)
                && !p.path("vote").path("fromMe").asBoolean());
        assertThat(voteAtX.path("vote").path("selectedOptions")).extracting(JsonNode::asText).containsExactly("There");
        assertThat(voteAtX.path("vote").path("from").asText()).isEqualTo(A + "@c.us");

        var back = emu.api().post("/v1/sendPollVote", Map.of("session", "lx", "chatId", group, "pollMessageId", pollId,
                "votes", List.of("Here")));
        assertThat(back.status()).as(back.toString()).isEqualTo(201);
        var voteAtA = webhooks.await("la", "poll.vote", p -> p.path("poll").path("id").asText().equals(atA.path("id").asText())
                && !p.path("vote").path("fromMe").asBoolean());
        assertThat(voteAtA.path("vote").path("selectedOptions")).extracting(JsonNode::asText).containsExactly("Here");
        assertThat(voteAtA.path("vote").path("from").asText()).isEqualTo(X + "@c.us");
        assertThat(webhooks.events("la", "poll.vote.failed")).isEmpty();
    }
}
