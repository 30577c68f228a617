package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each sent message is reported once, whichever comes first: the send's answer or Baileys' echo of it. */
class SentMessagesTest {
    private final SentMessages sent = new SentMessages();

    private static EngineMessage message(String id, boolean fromMe) {
        return new EngineMessage(new MessageKey("15550000001@c.us", fromMe, id, Optional.empty()), Instant.EPOCH,
                "a@c.us", "b@c.us", EngineMessage.Source.API, EngineMessage.Type.TEXT, "hi", Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Ack.PENDING);
    }

    @Test
    void idsLookLikeBaileysOwnAndDiffer() {
        assertThat(sent.begin()).matches("3EB0[0-9A-F]{18}").isNotEqualTo(sent.begin());
    }

    @Test
    void anEchoAfterTheAnswerIsDropped() {
        String id = sent.begin();
        sent.sent(id);
        assertThat(sent.report(message(id, true))).isFalse();
        assertThat(sent.report(message(id, true))).isFalse();
    }

    @Test
    void anEchoBeforeTheAnswerIsDroppedToo() {
        String id = sent.begin();
        assertThat(sent.report(message(id, true))).isFalse();
        sent.sent(id);
        assertThat(sent.failed(id)).isEmpty();
    }

    @Test
    void aSendThatFailedHereAfterItsEchoCameIsReportedByTheEcho() {
        String id = sent.begin();
        var echo = message(id, true);
        assertThat(sent.report(echo)).isFalse();
        assertThat(sent.failed(id)).contains(echo);
        assertThat(sent.report(echo)).as("reported once").isFalse();
    }

    @Test
    void aSendThatFailedBeforeAnyEchoLetsALateEchoThrough() {
        String id = sent.begin();
        assertThat(sent.failed(id)).isEmpty();
        assertThat(sent.report(message(id, true))).isTrue();
    }

    @Test
    void messagesFromOthersAndOwnMessagesFromOtherDevicesAreReported() {
        String id = sent.begin();
        assertThat(sent.report(message(id, false))).isTrue();
        assertThat(sent.report(message("3EB0FROMTHEPHONE", true))).isTrue();
    }
}
