package io.wagate.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.SendError;
import io.wagate.ids.ChatId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one message shape, for send responses, history and message events alike.
 * {@code timestamp} is in seconds. {@code fromLid}: the sender's LID, where the engine knows one
 * ({@code from} is then the phone-number id it maps to, when known); absent otherwise. {@code toLid}: likewise the
 * LID of the person a sent message went to ({@code to} stays the phone-number id). {@code forwarded}: true for a
 * message forwarded from another chat, absent otherwise. {@code pushName}: the sender's own name for itself, on
 * received messages where the engine has it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
        String id,
        long timestamp,
        String from,
        String fromLid,
        String pushName,
        String to,
        String toLid,
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
        Event event,
        ReplyTo replyTo,
        LinkPreview linkPreview,
        Boolean forwarded,
        int ack,
        String ackName,
        Boolean starred,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reaction> reactions,
        Failure error,
        Pin pin) {

    /**
     * The message's pin in its chat: {@code pinned} while it lasts, {@code until} when it runs (or ran) out, in
     * seconds; {@code by} who pinned it. Absent when it was never pinned or was unpinned; once it ran out it reads
     * {@code pinned: false} with the {@code until} it ran out at, as WhatsApp's chats drop the pin by themselves.
     */
    public record Pin(boolean pinned, long until, String by) {}

    /** Why WhatsApp refused the message (it then has ack -1 ERROR): its error code and what it means. */
    public record Failure(String code, String reason) {
        /** The engine's error; one without it is "unknown". */
        public static Failure of(Optional<SendError> error) {
            return error.map(e -> new Failure(e.code(), e.reason()))
                    .orElseGet(() -> new Failure("unknown", "the engine reported the message as failed without a reason"));
        }
    }

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

    /**
     * A poll with its tally: one entry per option, in the poll's order, naming who chose it. Each
     * voter's latest vote counts (a new vote replaces the previous one; an empty one takes it back).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Poll(String name, List<String> options, int selectableCount, List<OptionVotes> votes) {
        public Poll {
            // Polls stored before votes were counted have no tally yet.
            if (votes == null) {
                votes = options.stream().map(o -> new OptionVotes(o, List.of())).toList();
            }
        }

        /** The tally after {@code voter}'s new vote; options the poll does not have are not counted. */
        public Poll withVote(String voter, List<String> selected) {
            var tally = new ArrayList<OptionVotes>(votes.size());
            for (var option : votes) {
                var voters = new ArrayList<>(option.voters());
                voters.remove(voter);
                if (selected.contains(option.option())) {
                    voters.add(voter);
                }
                tally.add(new OptionVotes(option.option(), List.copyOf(voters)));
            }
            return new Poll(name, options, selectableCount, List.copyOf(tally));
        }
    }

    public record OptionVotes(String option, List<String> voters) {}

    /**
     * An event message (WhatsApp's calendar invitation), times in Unix seconds, with who answered what: each
     * responder's latest answer counts.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String name, String description, long startTime, Long endTime, String location,
                        String callLink, EventResponses responses) {
        public Event {
            if (responses == null) {
                responses = new EventResponses(List.of(), List.of(), List.of());
            }
        }

        static Event of(EngineMessage.Event e) {
            return new Event(e.name(), e.description(), e.startTime(), e.endTime(), e.location(), e.callLink(), null);
        }

        /** The tally after {@code responder}'s new answer (GOING, NOT_GOING or MAYBE; anything else only takes it back). */
        Event withResponse(String responder, String answer) {
            var going = without(responses.going(), responder);
            var notGoing = without(responses.notGoing(), responder);
            var maybe = without(responses.maybe(), responder);
            switch (answer) {
                case "GOING" -> going.add(responder);
                case "NOT_GOING" -> notGoing.add(responder);
                case "MAYBE" -> maybe.add(responder);
                default -> { }
            }
            return new Event(name, description, startTime, endTime, location, callLink,
                    new EventResponses(List.copyOf(going), List.copyOf(notGoing), List.copyOf(maybe)));
        }

        private static List<String> without(List<String> ids, String id) {
            var out = new ArrayList<>(ids);
            out.remove(id);
            return out;
        }
    }

    /** Who answered an event message what, by chat id. */
    public record EventResponses(List<String> going, List<String> notGoing, List<String> maybe) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplyTo(String id, String body) {}

    /** Built from the text's first link; {@code description} may be absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LinkPreview(String url, String title, String description) {}

    public static Message of(EngineMessage m) {
        return new Message(
                m.key().serialized(),
                m.timestamp().getEpochSecond(),
                m.from().value(),
                m.fromLid().map(ChatId::value).orElse(null),
                m.pushName().orElse(null),
                m.to().value(),
                m.toLid().map(ChatId::value).orElse(null),
                m.key().fromMe(),
                m.key().participant().map(ChatId::value).orElse(null),
                m.source().name().toLowerCase(),
                m.type().name().toLowerCase(),
                m.body(),
                m.media().isPresent(),
                m.media().map(Media::of).orElse(null),
                m.location().map(l -> new Location(l.latitude(), l.longitude(), l.title(), l.address())).orElse(null),
                m.vCards(),
                m.poll().map(p -> new Poll(p.name(), p.options(), p.selectableCount(), null)).orElse(null),
                m.event().map(Event::of).orElse(null),
                m.replyTo().map(q -> new ReplyTo(q.key().serialized(), q.body())).orElse(null),
                m.linkPreview().map(p -> new LinkPreview(p.url(), p.title(), p.description())).orElse(null),
                m.forwarded() ? Boolean.TRUE : null,
                m.ack().value(),
                m.ack().name(),
                null,
                List.of(), null, null);
    }

    /** The stored message after an edit: new text, everything else kept. */
    public Message edited(String newBody) {
        return new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, type, newBody, hasMedia, media,
                location, vCards, poll, event, replyTo, linkPreview, forwarded, ack, ackName, starred, reactions, error, pin);
    }

    /** The stored message after "delete for everyone": its content is gone. */
    public Message revoked() {
        return new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, "revoked", "", false, null, null,
                List.of(), null, null, null, null, forwarded, ack, ackName, starred, List.of(), error, null);
    }

    /** A poll after someone's vote; unchanged for other messages. */
    public Message withVote(String voter, List<String> selected) {
        return poll == null ? this : new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, type, body,
                hasMedia, media, location, vCards, poll.withVote(voter, selected), event, replyTo, linkPreview, forwarded, ack, ackName,
                starred, reactions, error, pin);
    }

    /** An event message after someone's response; unchanged for other messages. */
    public Message withEventResponse(String responder, String answer) {
        return event == null ? this : new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source,
                type, body, hasMedia, media, location, vCards, poll, event.withResponse(responder, answer), replyTo,
                linkPreview, forwarded, ack, ackName, starred, reactions, error, pin);
    }

    /** Shown only while starred ({@code starred: true}); absent otherwise. */
    public Message withStarred(boolean star) {
        return new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, type, body, hasMedia, media, location,
                vCards, poll, event, replyTo, linkPreview, forwarded, ack, ackName, star ? Boolean.TRUE : null, reactions, error, pin);
    }

    /** The message with its media link, which names the session: {@code /v1/files/{session}/{messageId}}. */
    public Message withMediaLinkOf(String sessionName) {
        return withMediaUrl("/v1/files/" + sessionName + "/" + id);
    }

    /** The message with its media where clients fetch it. */
    public Message withMediaUrl(String url) {
        return media == null ? this : new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, type, body,
                hasMedia, new Media(url, media.mimetype(), media.filename(), media.size(), media.viewOnce(), media.gif()),
                location, vCards, poll, event, replyTo, linkPreview, forwarded, ack, ackName, starred, reactions, error, pin);
    }

    /** The same message at a later delivery state. */
    public Message withAck(Ack newAck) {
        return new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, type, body, hasMedia, media, location,
                vCards, poll, event, replyTo, linkPreview, forwarded, newAck.value(), newAck.name(), starred, reactions, error, pin);
    }

    /** The message with the error WhatsApp reported for it; null: none (kept apart from the message in the store). */
    public Message withError(Failure newError) {
        return new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, type, body, hasMedia, media, location,
                vCards, poll, event, replyTo, linkPreview, forwarded, ack, ackName, starred, reactions, newError, pin);
    }

    /** The message with its pin as it is at {@code nowMillis}; {@code untilMillis} null: not pinned (kept apart in the store). */
    public Message withPin(Long untilMillis, String by, long nowMillis) {
        var newPin = untilMillis == null ? null : new Pin(untilMillis > nowMillis, untilMillis / 1000, by);
        return new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, type, body, hasMedia, media, location,
                vCards, poll, event, replyTo, linkPreview, forwarded, ack, ackName, starred, reactions, error, newPin);
    }

    /** The message with the reactions it has now (kept apart from the message in the store). */
    public Message withReactions(List<Reaction> newReactions) {
        return new Message(id, timestamp, from, fromLid, pushName, to, toLid, fromMe, participant, source, type, body, hasMedia, media, location,
                vCards, poll, event, replyTo, linkPreview, forwarded, ack, ackName, starred, List.copyOf(newReactions), error, pin);
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
