package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as an engine reports it, sent or received: the engine-neutral source of the one
 * message shape clients see. {@code fromLid}: the sender's LID (…@lid) where the engine knows it;
 * {@code from} is then the sender's phone-number id where the engine could map one. {@code toLid}: the chat's LID
 * for a message the session sent to a person WhatsApp names by a LID ({@code to} stays the phone-number id).
 * {@code forwarded}: forwarded from another chat (WhatsApp's contextInfo.isForwarded). {@code pushName}: the name
 * the sender gave itself, as WhatsApp carries it with a received message.
 */
public record EngineMessage(
        MessageKey key,
        Instant timestamp,
        ChatId from,
        ChatId to,
        Source source,
        Type type,
        String body,
        Optional<Media> media,
        Optional<Location> location,
        List<String> vCards,
        Optional<Poll> poll,
        Optional<Quoted> replyTo,
        Ack ack,
        Optional<LinkPreview> linkPreview,
        Optional<ChatId> fromLid,
        Optional<ChatId> toLid,
        boolean forwarded,
        Optional<String> pushName,
        Optional<Event> event) {

    public enum Source { API, APP }

    /** A message that is no event (WhatsApp's calendar invitations). */
    public EngineMessage(MessageKey key, Instant timestamp, ChatId from, ChatId to, Source source, Type type,
                         String body, Optional<Media> media, Optional<Location> location, List<String> vCards,
                         Optional<Poll> poll, Optional<Quoted> replyTo, Ack ack, Optional<LinkPreview> linkPreview,
                         Optional<ChatId> fromLid, Optional<ChatId> toLid, boolean forwarded, Optional<String> pushName) {
        this(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo, ack, linkPreview,
                fromLid, toLid, forwarded, pushName, Optional.empty());
    }

    /** A message not forwarded, without a push name. */
    public EngineMessage(MessageKey key, Instant timestamp, ChatId from, ChatId to, Source source, Type type,
                         String body, Optional<Media> media, Optional<Location> location, List<String> vCards,
                         Optional<Poll> poll, Optional<Quoted> replyTo, Ack ack, Optional<LinkPreview> linkPreview,
                         Optional<ChatId> fromLid, Optional<ChatId> toLid, Optional<Event> event) {
        this(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo, ack, linkPreview,
                fromLid, toLid, false, Optional.empty(), event);
    }

    /** A message not forwarded, without a push name, no event. */
    public EngineMessage(MessageKey key, Instant timestamp, ChatId from, ChatId to, Source source, Type type,
                         String body, Optional<Media> media, Optional<Location> location, List<String> vCards,
                         Optional<Poll> poll, Optional<Quoted> replyTo, Ack ack, Optional<LinkPreview> linkPreview,
                         Optional<ChatId> fromLid, Optional<ChatId> toLid) {
        this(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo, ack, linkPreview,
                fromLid, toLid, false, Optional.empty(), Optional.empty());
    }

    /** A message sent to no LID. */
    public EngineMessage(MessageKey key, Instant timestamp, ChatId from, ChatId to, Source source, Type type,
                         String body, Optional<Media> media, Optional<Location> location, List<String> vCards,
                         Optional<Poll> poll, Optional<Quoted> replyTo, Ack ack, Optional<LinkPreview> linkPreview,
                         Optional<ChatId> fromLid) {
        this(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo, ack, linkPreview,
                fromLid, Optional.empty());
    }

    /** A message without a link preview. */
    public EngineMessage(MessageKey key, Instant timestamp, ChatId from, ChatId to, Source source, Type type,
                         String body, Optional<Media> media, Optional<Location> location, List<String> vCards,
                         Optional<Poll> poll, Optional<Quoted> replyTo, Ack ack) {
        this(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo, ack,
                Optional.empty(), Optional.empty());
    }

    /** A message whose sender has no LID apart from its id. */
    public EngineMessage(MessageKey key, Instant timestamp, ChatId from, ChatId to, Source source, Type type,
                         String body, Optional<Media> media, Optional<Location> location, List<String> vCards,
                         Optional<Poll> poll, Optional<Quoted> replyTo, Ack ack, Optional<LinkPreview> linkPreview) {
        this(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo, ack, linkPreview,
                Optional.empty());
    }

    public EngineMessage withAck(Ack newAck) {
        return new EngineMessage(key, timestamp, from, to, source, type, body, media, location, vCards, poll, replyTo,
                newAck, linkPreview, fromLid, toLid, forwarded, pushName, event);
    }

    public EngineMessage withMedia(Optional<Media> newMedia) {
        return new EngineMessage(key, timestamp, from, to, source, type, body, newMedia, location, vCards, poll,
                replyTo, ack, linkPreview, fromLid, toLid, forwarded, pushName, event);
    }

    public EngineMessage withBody(String newBody) {
        return new EngineMessage(key, timestamp, from, to, source, type, newBody, media, location, vCards, poll,
                replyTo, ack, linkPreview, fromLid, toLid, forwarded, pushName, event);
    }

    public EngineMessage withEvent(Optional<Event> newEvent) {
        return new EngineMessage(key, timestamp, from, to, source, type, body, media, location, vCards, poll,
                replyTo, ack, linkPreview, fromLid, toLid, forwarded, pushName, newEvent);
    }

    public EngineMessage withLinkPreview(Optional<LinkPreview> preview) {
        return new EngineMessage(key, timestamp, from, to, source, type, body, media, location, vCards, poll,
                replyTo, ack, preview, fromLid, toLid, forwarded, pushName, event);
    }

    public EngineMessage withPushName(Optional<String> name) {
        return new EngineMessage(key, timestamp, from, to, source, type, body, media, location, vCards, poll,
                replyTo, ack, linkPreview, fromLid, toLid, forwarded, name, event);
    }

    public EngineMessage asForwarded() {
        return new EngineMessage(key, timestamp, from, to, source, type, body, media, location, vCards, poll,
                replyTo, ack, linkPreview, fromLid, toLid, true, pushName, event);
    }

    /**
     * {@code POLL_VOTE} is what {@link OutgoingMessage.PollVote} sends, {@code EVENT_RESPONSE} what
     * {@link OutgoingMessage.EventResponse} sends: never stored, each changes its message's tally.
     */
    public enum Type { TEXT, IMAGE, VIDEO, AUDIO, VOICE, DOCUMENT, STICKER, LOCATION, VCARD, POLL, POLL_VOTE, REVOKED,
        EVENT, EVENT_RESPONSE, UNKNOWN }

    /**
     * An event message (WhatsApp's calendar invitation): times in Unix seconds; {@code endTime}, {@code description},
     * {@code location} and {@code callLink} may be null.
     */
    public record Event(String name, String description, long startTime, Long endTime, String location,
                        String callLink) {}

    /** The answers to an event message, as WhatsApp names them. */
    public enum EventAnswer { GOING, NOT_GOING, MAYBE }

    /** The card shown under a text with a link; {@code description} may be null. */
    public record LinkPreview(String url, String title, String description, boolean highQuality) {}

    /**
     * A message's media: a file the engine has stored ({@code path}, inside the data directory), or,
     * with {@code path} null, only what the engine needs to fetch it when a client asks
     * ({@code downloadRef}, opaque to wagate; see {@link EngineSession#downloadMedia}).
     * {@code viewOnce}: the recipient may open it once; {@code gif}: a video that plays looping, like a GIF.
     */
    public record Media(Path path, String mimetype, String filename, long size, boolean viewOnce, boolean gif,
                        String downloadRef) {
        public Media(Path path, String mimetype, String filename, long size, boolean viewOnce, boolean gif) {
            this(path, mimetype, filename, size, viewOnce, gif, null);
        }

        public static Media onDemand(String downloadRef, String mimetype, String filename, long size, boolean viewOnce,
                                     boolean gif) {
            return new Media(null, mimetype, filename, size, viewOnce, gif, downloadRef);
        }

        public Media at(Path newPath) {
            return new Media(newPath, mimetype, filename, size, viewOnce, gif, downloadRef);
        }
    }

    public record Location(double latitude, double longitude, String title, String address) {}

    public record Poll(String name, List<String> options, int selectableCount) {}

    public record Quoted(MessageKey key, String body) {}
}
