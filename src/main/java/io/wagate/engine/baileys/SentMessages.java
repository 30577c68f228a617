package io.wagate.engine.baileys;

import io.wagate.engine.EngineMessage;
import io.wagate.engine.OutgoingMessage;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
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

    /** The send was answered and its message reported: its echo is dropped, whenever it comes. */
    synchronized void sent(String id) {
        sending.remove(id);
        reported.put(id, Boolean.TRUE);
    }

    /** The send failed here; an echo that came meanwhile means Baileys did send it: report that one. */
    synchronized Optional<EngineMessage> failed(String id) {
        var echo = sending.remove(id);
        if (echo != null && echo.isPresent()) {
            reported.put(id, Boolean.TRUE);
            return echo;
        }
        return Optional.empty();
    }

    /** Whether a message Baileys reported should be reported on: false for the echo of one of our sends. */
    synchronized boolean report(EngineMessage message) {
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
