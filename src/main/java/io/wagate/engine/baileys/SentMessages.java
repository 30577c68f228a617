package io.wagate.engine.baileys;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.OutgoingMessage;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One session's sends for the API, so that each sent message is reported once. A send reports its
 * message itself, before it is answered (so the message is stored before the 201, as on the sandbox);
 * Baileys reports the same message back afterwards (messages.upsert of our own message), and that
 * echo is dropped. The id is chosen here, before the send, so an echo that overtakes the send's answer
 * is recognised too; if the send then fails on our side (a timeout) the echo is the message after all.
 */
final class SentMessages {
    /** Echoes come within moments of their send; this many ids cover far more than that. */
    private static final int REMEMBERED = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Sends under way: their echo, once it came. */
    private final Map<String, Optional<EngineMessage>> sending = new HashMap<>();
    /** Acks of sends under way, which WhatsApp can give before the send is answered: reported after the message. */
    private final Map<String, List<EngineEvent.MessageAcked>> heldAcks = new HashMap<>();
    private final Map<String, Boolean> reported = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * A new message id of the form Baileys gives its own ({@code generateMessageIDV2}: "3EB0" and 18
     * upper-case hex digits, there the start of a hash, here random), registered as a send under way.
     */
    synchronized String begin() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        String id = "3EB0" + HexFormat.of().withUpperCase().formatHex(bytes);
        sending.put(id, Optional.empty());
        return id;
    }

    /**
     * The send was answered and its message reported: its echo is dropped, whenever it comes. Answers the acks
     * that came before, to report now, after the message.
     */
    synchronized List<EngineEvent.MessageAcked> sent(String id) {
        sending.remove(id);
        reported.put(id, Boolean.TRUE);
        var acks = heldAcks.remove(id);
        return acks == null ? List.of() : acks;
    }

    /**
     * The send failed here; an echo that came meanwhile means Baileys did send it: answers that one to report,
     * with the acks that came before it.
     */
    synchronized List<EngineEvent> failed(String id) {
        var echo = sending.remove(id);
        var acks = heldAcks.remove(id);
        if (echo == null || echo.isEmpty()) {
            return List.of();
        }
        reported.put(id, Boolean.TRUE);
        var events = new ArrayList<EngineEvent>();
        events.add(new EngineEvent.MessageAdded(echo.get()));
        if (acks != null) {
            events.addAll(acks);
        }
        return events;
    }

    /**
     * Whether an event Baileys reported should be reported on now: false for the echo of one of our sends, and for
     * an ack of a send not answered yet (held until {@link #sent}, so the ack does not reach the store before the
     * message it raises).
     */
    synchronized boolean report(EngineEvent event) {
        if (event instanceof EngineEvent.MessageAcked acked && acked.key().fromMe()
                && sending.containsKey(acked.key().id())) {
            heldAcks.computeIfAbsent(acked.key().id(), id -> new ArrayList<>()).add(acked);
            return false;
        }
        return !(event instanceof EngineEvent.MessageAdded added) || reportMessage(added.message());
    }

    /**
     * The ack an echo of our own message carries when Baileys folded a receipt into it (a receipt that
     * arrives within the same event batch as the send updates the buffered upsert instead of being
     * reported on its own), so it is not lost with the echo.
     */
    static Optional<EngineEvent.MessageAcked> ackCarried(EngineEvent event) {
        if (event instanceof EngineEvent.MessageAdded seen && seen.message().key().fromMe()
                && seen.message().ack().compareTo(io.wagate.engine.Ack.SERVER) > 0) {
            var m = seen.message();
            return Optional.of(new EngineEvent.MessageAcked(m.key(), m.from(), m.to(), m.ack()));
        }
        return Optional.empty();
    }

    private boolean reportMessage(EngineMessage message) {
        if (!message.key().fromMe()) {
            return true;
        }
        String id = message.key().id();
        if (reported.containsKey(id)) {
            return false;
        }
        if (sending.containsKey(id)) {
            sending.put(id, Optional.of(message));
            return false;
        }
        return true;
    }

    /**
     * The sent message with the file it was sent from as its media: the bridge answers with what
     * WhatsApp was given (an upload), and wagate keeps its own copy of the file, as for every engine.
     */
    static EngineMessage withOutgoingFile(EngineMessage sent, OutgoingMessage message) {
        record Sent(OutgoingMessage.MediaFile file, boolean viewOnce, boolean gif) {}
        var media = switch (message) {
            case OutgoingMessage.Image i -> new Sent(i.file(), i.viewOnce(), false);
            case OutgoingMessage.Video v -> new Sent(v.file(), v.viewOnce(), v.asGif());
            case OutgoingMessage.Audio a -> new Sent(a.file(), false, false);
            case OutgoingMessage.Document d -> new Sent(d.file(), false, false);
            default -> null;
        };
        return media == null ? sent : sent.withMedia(Optional.of(new EngineMessage.Media(media.file().path(),
                media.file().mimetype(), media.file().filename(), media.file().size(), media.viewOnce(), media.gif())));
    }
}
