package io.wagate.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as an engine reports it, sent or received: the engine-neutral source of the one
 * message shape of DESIGN §6.
 */
public record EngineMessage(
        MessageKey key,
        Instant timestamp,
        String from,
        String to,
        Source source,
        Type type,
        String body,
        Optional<Media> media,
        Optional<Location> location,
        List<String> vCards,
        Optional<Poll> poll,
        Optional<Quoted> replyTo,
        Ack ack,
        Optional<LinkPreview> linkPreview) {

    public enum Source { API, APP }

    /** A message without a link preview. */
    public EngineMessage(MessageKey key, Instant timestamp, String from, String to, Source source, Type type,
                         String body, Optional<Media> media, Optional<Location> location, List<String> vCards,
                         Optional<Poll> poll, Optional<Quoted> replyTo, Ack ack) {
        this(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo, ack,
                Optional.empty());
    }

    public EngineMessage withAck(Ack newAck) {
        return new EngineMessage(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo,
                newAck, linkPreview);
    }

    public EngineMessage withMedia(Optional<Media> newMedia) {
        return new EngineMessage(key, timestamp, from, to, source, type, body, newMedia, location, vCards, poll,
                replyTo, ack, linkPreview);
    }

    public EngineMessage withBody(String newBody) {
        return new EngineMessage(key, timestamp, from, to, source, type, newBody, media, location, vCards, poll,
                replyTo, ack, linkPreview);
    }

    public EngineMessage withLinkPreview(Optional<LinkPreview> preview) {
        return new EngineMessage(key, timestamp, from, to, source, type, body, media, location, vCards, poll,
                replyTo, ack, preview);
    }

    /** {@code POLL_VOTE} is what {@link OutgoingMessage.PollVote} sends: never stored, it changes the poll's tally. */
    public enum Type { TEXT, IMAGE, VIDEO, AUDIO, VOICE, DOCUMENT, STICKER, LOCATION, VCARD, POLL, POLL_VOTE, REVOKED,
        UNKNOWN }

    /** The card shown under a text with a link; {@code description} may be null. */
    public record LinkPreview(String url, String title, String description, boolean highQuality) {}

    /**
     * Media the engine has stored as a file; {@code path} stays inside the data directory.
     * {@code viewOnce}: the recipient may open it once; {@code gif}: a video that plays looping, like a GIF.
     */
    public record Media(Path path, String mimetype, String filename, long size, boolean viewOnce, boolean gif) {
        public Media at(Path newPath) {
            return new Media(newPath, mimetype, filename, size, viewOnce, gif);
        }
    }

    public record Location(double latitude, double longitude, String title, String address) {}

    public record Poll(String name, List<String> options, int selectableCount) {}

    public record Quoted(MessageKey key, String body) {}
}
