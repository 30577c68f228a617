package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each sent message is reported once, whichever comes first: the send's answer or Baileys' echo of it. */
class SentMessagesTest {
    private final SentMessages sent = new SentMessages();

    private static EngineEvent.MessageAdded added(String id, boolean fromMe) {
        return new EngineEvent.MessageAdded(message(id, fromMe));
    }

    private static EngineEvent.MessageAcked acked(String id, Ack ack) {
        return new EngineEvent.MessageAcked(new MessageKey(ChatId.of("15550000001@c.us"), true, id, Optional.empty()), ChatId.of("15550000011@c.us"),
                ChatId.of("15550000012@c.us"), ack);
    }

    private static EngineMessage message(String id, boolean fromMe) {
        return new EngineMessage(new MessageKey(ChatId.of("15550000001@c.us"), fromMe, id, Optional.empty()), Instant.EPOCH,
                ChatId.of("15550000011@c.us"), ChatId.of("15550000012@c.us"), EngineMessage.Source.API, EngineMessage.Type.TEXT, "hi", Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Ack.PENDING);
    }

    @Test
    void anEchoThatCarriesAReceiptGivesItsAckWhichWaitsForTheAnswer() {
        // Seen with the emulator: a receipt within Baileys' event batch of the send is folded into the echo.
        String id = sent.begin();
        var m = message(id, true);
        var echo = new EngineEvent.MessageAdded(new EngineMessage(m.key(), m.timestamp(), m.from(), m.to(), m.source(),
                m.type(), m.body(), m.media(), m.location(), m.vCards(), m.poll(), m.replyTo(), Ack.DEVICE));
        assertThat(sent.report(echo)).isFalse();
        var carried = SentMessages.ackCarried(echo).orElseThrow();
        assertThat(carried.ack()).isEqualTo(Ack.DEVICE);
        assertThat(sent.report(carried)).isFalse();
        assertThat(sent.sent(id)).containsExactly(carried);
        assertThat(SentMessages.ackCarried(added(id, true))).isEmpty();
    }

    @Test
    void idsLookLikeBaileysOwnAndDiffer() {
        assertThat(sent.begin()).matches("3EB0[0-9A-F]{18}").isNotEqualTo(sent.begin());
    }

    @Test
    void anEchoAfterTheAnswerIsDropped() {
        String id = sent.begin();
        sent.sent(id);
        assertThat(sent.report(added(id, true))).isFalse();
        assertThat(sent.report(added(id, true))).isFalse();
    }

    @Test
    void anEchoBeforeTheAnswerIsDroppedToo() {
        String id = sent.begin();
        assertThat(sent.report(added(id, true))).isFalse();
        sent.sent(id);
        assertThat(sent.failed(id)).isEmpty();
    }

    @Test
    void aSendThatFailedHereAfterItsEchoCameIsReportedByTheEcho() {
        String id = sent.begin();
        var echo = added(id, true);
        assertThat(sent.report(echo)).isFalse();
        assertThat(sent.report(acked(id, Ack.SERVER))).isFalse();
        assertThat(sent.failed(id)).containsExactly(echo, acked(id, Ack.SERVER));
        assertThat(sent.report(echo)).as("reported once").isFalse();
    }

    @Test
    void aSendThatFailedBeforeAnyEchoLetsALateEchoThrough() {
        String id = sent.begin();
        assertThat(sent.failed(id)).isEmpty();
        assertThat(sent.report(added(id, true))).isTrue();
    }

    /** WhatsApp's SERVER ack can overtake the send's answer; it must not reach the store before the message. */
    @Test
    void acksBeforeTheAnswerFollowTheMessage() {
        String id = sent.begin();
        assertThat(sent.report(acked(id, Ack.SERVER))).isFalse();
        assertThat(sent.report(acked(id, Ack.DEVICE))).isFalse();
        assertThat(sent.sent(id)).containsExactly(acked(id, Ack.SERVER), acked(id, Ack.DEVICE));
        assertThat(sent.report(acked(id, Ack.READ))).as("after the answer, at once").isTrue();
        assertThat(sent.sent(id)).as("handed over once").isEmpty();
    }

    @Test
    void messagesFromOthersAndOwnMessagesFromOtherDevicesAreReported() {
        String id = sent.begin();
        assertThat(sent.report(added(id, false))).isTrue();
        assertThat(sent.report(added("3EB0FROMTHEPHONE", true))).isTrue();
    }
}
