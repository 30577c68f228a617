package io.wagate.emulator;

import static io.wagate.emulator.LinkedPair.receivedId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.media.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Baileys sessions of two numbers exchange end-to-end-encrypted messages of every kind through the
 * emulator, sent through wagate's HTTP routes on A and seen as B's webhooks (and the other way for votes).
 */
class EmulatorMessagingTest {
    @RegisterExtension
    static final LinkedPair pair = new LinkedPair("ema", "15550005555", "emb", "15550006666");
    static final LinkedPair.Side A = pair.a;
    static final LinkedPair.Side B = pair.b;

    @TempDir
    static Path fixtures;

    private static JsonNode receivedAtB(JsonNode sent) {
        String id = receivedId(sent.path("id").asText(), A);
        return pair.awaitEvent(B, "message", p -> p.path("id").asText().equals(id));
    }

    @Test
    void aTextFromAReachesBAsAMessageWebhookAndItsAckGoesToDeviceThenRead() {
        var sent = pair.send(A, "/v1/sendText", Map.of("chatId", B.chatId(), "text", "hello through the emulator"));
        String id = sent.path("id").asText();

        var message = pair.awaitEvent(B, "message", p -> p.path("body").asText().equals("hello through the emulator"));
        assertThat(message.path("fromMe").asBoolean()).isFalse();
        assertThat(message.path("from").asText()).isEqualTo(A.chatId());
        assertThat(message.path("to").asText()).isEqualTo(B.chatId());

        pair.awaitEvent(A, "message.ack", p -> p.path("id").asText().equals(id) && p.path("ackName").asText().equals("DEVICE"));
        var seen = pair.api().post("/v1/sendSeen", Map.of("session", B.session(), "chatId", A.chatId(),
                "messageId", message.path("id").asText()));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        pair.awaitEvent(A, "message.ack", p -> p.path("id").asText().equals(id) && p.path("ackName").asText().equals("READ"));
        var stats = pair.control().get("/stats").json();
        assertThat(stats.path("messagesRouted").asLong()).isPositive();
        assertThat(stats.path("receiptsRouted").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTextBCannotDecryptAtFirstIsSentAgainOnItsRetryReceiptAndArrives() {
        assertThat(pair.control().post("/faults", Map.of("type", "undecryptable", "number", B.number())).status()).isEqualTo(201);
        try {
            var sent = pair.send(A, "/v1/sendText", Map.of("chatId", B.chatId(), "text", "damaged on its first way"));
            String id = receivedId(sent.path("id").asText(), A);
            // B could not decrypt the damaged copy and asked for a retry; A's Baileys encrypted it again for B's device.
            pair.awaitEvent(B, "message.waiting", p -> p.path("id").asText().equals(id));
            var message = pair.awaitEvent(B, "message", p -> p.path("id").asText().equals(id));
            assertThat(message.path("body").asText()).isEqualTo("damaged on its first way");
            pair.awaitEvent(A, "message.ack", p -> p.path("id").asText().equals(sent.path("id").asText())
                    && p.path("ackName").asText().equals("DEVICE"));
        } finally {
            assertThat(pair.control().call("DELETE", "/faults", null).status()).isEqualTo(204);
        }
    }

    @Test
    void anImageAVoiceNoteAndADocumentArriveAndDownloadFromBsFilesByteForByte() throws Exception {
        byte[] png = Fixtures.png();
        byte[] opus = Files.readAllBytes(Fixtures.tone(fixtures, "note.opus"));
        byte[] pdf = Fixtures.pdf();
        var image = pair.send(A, "/v1/sendImage", Map.of("chatId", B.chatId(), "caption", "a picture", "file", file(png, "dot.png")));
        var voice = pair.send(A, "/v1/sendVoice", Map.of("chatId", B.chatId(), "file", file(opus, "note.ogg")));
        var document = pair.send(A, "/v1/sendFile", Map.of("chatId", B.chatId(), "file", file(pdf, "report.pdf")));

        var imageAtB = receivedAtB(image);
        assertThat(imageAtB.path("type").asText()).isEqualTo("image");
        assertThat(imageAtB.path("body").asText()).isEqualTo("a picture");
        assertThat(imageAtB.path("media").path("mimetype").asText()).isEqualTo("image/png");
        assertThat(download(imageAtB)).isEqualTo(png);

        var voiceAtB = receivedAtB(voice);
        assertThat(voiceAtB.path("type").asText()).isEqualTo("voice");
        assertThat(voiceAtB.path("media").path("mimetype").asText()).startsWith("audio/ogg");
        assertThat(download(voiceAtB)).isEqualTo(opus);

        var documentAtB = receivedAtB(document);
        assertThat(documentAtB.path("type").asText()).isEqualTo("document");
        assertThat(documentAtB.path("media").path("filename").asText()).isEqualTo("report.pdf");
        assertThat(documentAtB.path("media").path("size").asLong()).isEqualTo(pdf.length);
        assertThat(download(documentAtB)).isEqualTo(pdf);

        assertThat(pair.emulator().media().uploads()).isGreaterThanOrEqualTo(3);
        assertThat(pair.emulator().media().downloads()).isGreaterThanOrEqualTo(3);
    }

    private static Map<String, Object> file(byte[] bytes, String filename) {
        return Map.of("data", Base64.getEncoder().encodeToString(bytes), "filename", filename);
    }

    private static byte[] download(JsonNode message) {
        assertThat(message.path("hasMedia").asBoolean()).as(message.toString()).isTrue();
        String url = message.path("media").path("url").asText();
        assertThat(url).startsWith("/v1/files/" + B.session() + "/");
        var file = pair.api().get(url);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        return file.bytes();
    }

    @Test
    void aLocationAndAContactCardArriveWithTheirContent() {
        var location = pair.send(A, "/v1/sendLocation", Map.of("chatId", B.chatId(), "latitude", 52.52,
                "longitude", 13.405, "title", "Berlin"));
        var card = pair.send(A, "/v1/sendContactVcard", Map.of("chatId", B.chatId(),
                "contacts", List.of(Map.of("fullName", "Jane Doe", "phoneNumber", "+1 555 765 4321", "organization", "Acme"))));

        var locationAtB = receivedAtB(location);
        assertThat(locationAtB.path("type").asText()).isEqualTo("location");
        assertThat(locationAtB.path("location").path("latitude").asDouble()).isEqualTo(52.52);
        assertThat(locationAtB.path("location").path("longitude").asDouble()).isEqualTo(13.405);
        assertThat(locationAtB.path("location").path("title").asText()).isEqualTo("Berlin");

        var cardAtB = receivedAtB(card);
        assertThat(cardAtB.path("type").asText()).isEqualTo("vcard");
        assertThat(cardAtB.path("vCards")).hasSize(1);
        assertThat(cardAtB.path("vCards").get(0).asText()).contains("FN:Jane Doe").contains("15557654321");
    }

    @Test
    void aPollArrivesAndVotesOnItAreDecryptedOnBothSides() {
        var poll = pair.send(A, "/v1/sendPoll", Map.of("chatId", B.chatId(),
                "poll", Map.of("name", "Lunch?", "options", List.of("Pizza", "Sushi"), "multipleAnswers", false)));
        var pollAtB = receivedAtB(poll);
        assertThat(pollAtB.path("type").asText()).isEqualTo("poll");
        assertThat(pollAtB.path("poll").path("name").asText()).isEqualTo("Lunch?");

        String pollId = poll.path("id").asText();
        pair.send(B, "/v1/sendPollVote", Map.of("chatId", A.chatId(), "pollMessageId", pollAtB.path("id").asText(),
                "votes", List.of("Sushi")));
        // Each side also reports its own vote (fromMe); the other's is the one to wait for.
        var voteAtA = pair.awaitEvent(A, "poll.vote", p -> p.path("poll").path("id").asText().equals(pollId)
                && !p.path("vote").path("fromMe").asBoolean());
        assertThat(voteAtA.path("vote").path("selectedOptions")).extracting(JsonNode::asText).containsExactly("Sushi");
        assertThat(voteAtA.path("vote").path("from").asText()).isEqualTo(B.chatId());

        pair.send(A, "/v1/sendPollVote", Map.of("chatId", B.chatId(), "pollMessageId", pollId, "votes", List.of("Pizza")));
        var voteAtB = pair.awaitEvent(B, "poll.vote", p -> p.path("poll").path("id").asText().equals(pollAtB.path("id").asText())
                && !p.path("vote").path("fromMe").asBoolean());
        assertThat(voteAtB.path("vote").path("selectedOptions")).extracting(JsonNode::asText).containsExactly("Pizza");
        assertThat(voteAtB.path("vote").path("from").asText()).isEqualTo(A.chatId());
        var tally = pair.api().get("/v1/messages?session=" + A.session() + "&chatId=" + B.chatId() + "&limit=50").json();
        assertThat(tally).filteredOn(m -> m.path("id").asText().equals(pollId)).singleElement()
                .satisfies(m -> assertThat(m.path("poll").path("votes").toString()).contains(B.chatId()).contains(A.chatId()));
    }

    @Test
    void aReactionAnEditAndADeleteReachB() {
        var sent = pair.send(A, "/v1/sendText", Map.of("chatId", B.chatId(), "text", "first draft"));
        String idAtB = receivedAtB(sent).path("id").asText();

        var reacted = pair.api().put("/v1/reaction", Map.of("session", A.session(), "messageId", sent.path("id").asText(), "reaction", "👍"));
        assertThat(reacted.status()).as(reacted.toString()).isEqualTo(200);
        var reaction = pair.awaitEvent(B, "message.reaction", p -> p.path("reaction").path("messageId").asText().equals(idAtB));
        assertThat(reaction.path("reaction").path("text").asText()).isEqualTo("👍");
        assertThat(reaction.path("from").asText()).isEqualTo(A.chatId());

        String path = "/v1/sessions/" + A.session() + "/chats/" + B.chatId() + "/messages/" + sent.path("id").asText();
        var edited = pair.api().put(path, Map.of("text", "final text"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        var edit = pair.awaitEvent(B, "message.edited", p -> p.path("editedMessageId").asText().equals(idAtB));
        assertThat(edit.path("body").asText()).isEqualTo("final text");

        var deleted = pair.api().delete(path);
        assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);
        var revoked = pair.awaitEvent(B, "message.revoked", p -> p.path("revokedMessageId").asText().equals(idAtB));
        assertThat(revoked.path("after").path("type").asText()).isEqualTo("revoked");
        var history = pair.api().get("/v1/messages?session=" + B.session() + "&chatId=" + A.chatId() + "&limit=50").json();
        assertThat(history).filteredOn(m -> m.path("id").asText().equals(idAtB))
                .singleElement().satisfies(m -> assertThat(m.path("type").asText()).isEqualTo("revoked"));
    }
}
