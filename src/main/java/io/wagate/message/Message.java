package io.wagate.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineMessage;
import java.util.List;

/**
 * The one message shape of DESIGN §6, for send responses, history and message events alike.
 * {@code timestamp} is in seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
        String id,
        long timestamp,
        String from,
        String to,
        boolean fromMe,
        String participant,
        String source,
        String type,
        String body,
        boolean hasMedia,
        Media media,
        Location location,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> vCards,
        Poll poll,
        ReplyTo replyTo,
        int ack,
        String ackName,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reaction> reactions) {

    /** The latest reaction of one chat member (the session itself included); {@code timestamp} in seconds. */
    public record Reaction(String from, String text, long timestamp) {}

    /** {@code viewOnce} and {@code gif} (a video that plays looping) are there only when true. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String url, String mimetype, String filename, long size, Boolean viewOnce, Boolean gif) {
        static Media of(EngineMessage.Media media) {
            return new Media(null, media.mimetype(), media.filename(), media.size(), media.viewOnce() ? true : null,
                    media.gif() ? true : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(double latitude, double longitude, String title, String address) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Poll(String name, List<String> options, int selectableCount) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplyTo(String id, String body) {}

    public static Message of(EngineMessage m) {
        return new Message(
                m.key().serialized(),
                m.timestamp().getEpochSecond(),
                m.from(),
                m.to(),
                m.key().fromMe(),
                m.key().participant().orElse(null),
                m.source().name().toLowerCase(),
                m.type().name().toLowerCase(),
                m.body(),
                m.media().isPresent(),
                m.media().map(Media::of).orElse(null),
                m.location().map(l -> new Location(l.latitude(), l.longitude(), l.title(), l.address())).orElse(null),
                m.vCards(),
                m.poll().map(p -> new Poll(p.name(), p.options(), p.selectableCount())).orElse(null),
                m.replyTo().map(q -> new ReplyTo(q.key().serialized(), q.body())).orElse(null),
                m.ack().value(),
                m.ack().name(),
                List.of());
    }

    /** The stored message after an edit: new text, everything else kept. */
    public Message edited(String newBody) {
        return new Message(id, timestamp, from, to, fromMe, participant, source, type, newBody, hasMedia, media,
                location, vCards, poll, replyTo, ack, ackName, reactions);
    }

    /** The stored message after "delete for everyone": its content is gone. */
    public Message revoked() {
        return new Message(id, timestamp, from, to, fromMe, participant, source, "revoked", "", false, null, null,
                List.of(), null, null, ack, ackName, List.of());
    }

    /** The message with its media where clients fetch it. */
    public Message withMediaUrl(String url) {
        return media == null ? this : new Message(id, timestamp, from, to, fromMe, participant, source, type, body,
                hasMedia, new Media(url, media.mimetype(), media.filename(), media.size(), media.viewOnce(), media.gif()),
                location, vCards, poll, replyTo, ack, ackName, reactions);
    }

    /** The same message at a later delivery state. */
    public Message withAck(Ack newAck) {
        return new Message(id, timestamp, from, to, fromMe, participant, source, type, body, hasMedia, media, location,
                vCards, poll, replyTo, newAck.value(), newAck.name(), reactions);
    }

    /** The message with the reactions it has now (kept apart from the message in the store). */
    public Message withReactions(List<Reaction> newReactions) {
        return new Message(id, timestamp, from, to, fromMe, participant, source, type, body, hasMedia, media, location,
                vCards, poll, replyTo, ack, ackName, List.copyOf(newReactions));
    }

    public static Ack ackOf(int value) {
        for (var ack : Ack.values()) {
            if (ack.value() == value) {
                return ack;
            }
        }
        throw new IllegalArgumentException("no ack " + value);
    }
}
