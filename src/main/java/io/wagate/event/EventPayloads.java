package io.wagate.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.GroupInfo;
import io.wagate.engine.MessageKey;
import io.wagate.group.Group;
import io.wagate.ids.ChatId;
import io.wagate.message.Message;
import io.wagate.presence.PresenceService;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payloads of the events, one record per shape. Times inside payloads are in seconds, like the
 * message shape's {@code timestamp}; only the envelope's {@code timestamp} is in milliseconds.
 */
public final class EventPayloads {
    private EventPayloads() {}

    /** One event name with its payload and the chat it belongs to, if any. */
    public record Named(EventName name, Optional<ChatId> chatId, Object payload) {}

    public record StatusAt(String status, long timestamp) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionStatus(String name, String status, List<StatusAt> statuses, String failure) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AckPayload(String id, ChatId from, ChatId to, ChatId participant, boolean fromMe, int ack,
                             String ackName, Message.Failure error) {}

    /** {@code reason}: why a received message could not be decrypted yet; absent when it merely waits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Waiting(String id, ChatId chatId, boolean fromMe, String reason) {}

    public record Reaction(String text, String messageId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReactionPayload(String id, ChatId from, ChatId to, boolean fromMe, ChatId participant,
                                  long timestamp, Reaction reaction) {}

    public record Revoked(String revokedMessageId, Message after, Message before) {}

    public record Edited(@JsonUnwrapped Message message, String editedMessageId) {}

    public record ChatArchive(ChatId id, boolean archived, long timestamp) {}

    /** {@code id}: the pinned message; {@code duration}: seconds (0 when unpinned). */
    public record MessagePin(String id, ChatId chatId, ChatId by, boolean pinned, int duration, long timestamp) {}

    public record Vote(String id, ChatId from, ChatId to, boolean fromMe, List<String> selectedOptions,
                       long timestamp) {}

    public record PollRef(String id, ChatId from, ChatId to, boolean fromMe) {}

    public record PollVote(Vote vote, PollRef poll) {}

    public record VoteRef(String id, ChatId from) {}

    public record PollVoteFailed(VoteRef vote, PollRef poll, String reason) {}

    public record GroupEvent(Group group, long timestamp) {}

    public record GroupRef(ChatId id) {}

    public record GroupParticipants(String type, GroupRef group, List<Group.Participant> participants,
                                    long timestamp) {}

    public record CallPayload(String id, ChatId from, long timestamp, boolean isVideo, boolean isGroup) {}

    /** A label in WAHA's shape (see {@link io.wagate.label.Label}). */
    public record LabelPayload(String id, String name, int color, String colorHex) {}

    public record LabelChat(String labelId, ChatId chatId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventResponse(String id, String eventMessageId, ChatId from, String answer, long timestamp) {}

    public record EngineRaw(String type, Object data) {}

    /** The one message shape ({@link io.wagate.message.Message}), media linked where this session's clients fetch it. */
    public static Message message(EngineMessage message, String sessionName) {
        return Message.of(message).withMediaLinkOf(sessionName);
    }

    static AckPayload ack(EngineEvent.MessageAcked acked) {
        var key = acked.key();
        return new AckPayload(key.serialized(), acked.from(), acked.to(), acked.reader().or(key::participant).orElse(null),
                key.fromMe(), acked.ack().value(), acked.ack().name(),
                acked.ack() == Ack.ERROR ? Message.Failure.of(acked.error()) : null);
    }

    static ReactionPayload reaction(EngineEvent.ReactionReceived reaction) {
        var key = reaction.reactionKey();
        return new ReactionPayload(key.serialized(), reaction.from(), reaction.to(), key.fromMe(),
                key.participant().orElse(null), seconds(reaction.timestamp()),
                new Reaction(reaction.text(), reaction.target().serialized()));
    }

    static Edited edited(EngineEvent.MessageEdited edited, String sessionName) {
        return new Edited(message(edited.message(), sessionName), edited.edited().serialized());
    }

    static Revoked revoked(EngineEvent.MessageRevoked revoked, String sessionName) {
        return new Revoked(revoked.revoked().serialized(), message(revoked.after(), sessionName),
                revoked.before().map(m -> message(m, sessionName)).orElse(null));
    }

    static PollVote pollVote(EngineEvent.PollVoted voted, ChatId meId) {
        var vote = voted.vote();
        return new PollVote(new Vote(vote.serialized(), voted.from(), voted.to(), vote.fromMe(),
                voted.selectedOptions(), seconds(voted.timestamp())), pollRef(voted.poll(), meId));
    }

    static PollVoteFailed pollVoteFailed(EngineEvent.PollVoteFailed failed, ChatId meId) {
        return new PollVoteFailed(new VoteRef(failed.vote().serialized(), failed.from()),
                pollRef(failed.poll(), meId), failed.reason());
    }

    /** Who sent the poll and to whom, seen from this session. */
    private static PollRef pollRef(MessageKey poll, ChatId meId) {
        ChatId author = poll.fromMe() ? meId : poll.participant().orElse(poll.chatId());
        ChatId to = poll.fromMe() ? poll.chatId() : poll.participant().isPresent() ? poll.chatId() : meId;
        return new PollRef(poll.serialized(), author, to, poll.fromMe());
    }

    static GroupEvent group(GroupInfo group, Instant at) {
        return new GroupEvent(Group.of(group), seconds(at));
    }

    static GroupParticipants participants(EngineEvent.GroupParticipantsChanged changed) {
        var participants = changed.participants().stream()
                .map(p -> new Group.Participant(p.id(), p.role().name().toLowerCase())).toList();
        return new GroupParticipants(changed.change().name().toLowerCase(), new GroupRef(changed.groupId()),
                participants, seconds(changed.timestamp()));
    }

    public static CallPayload call(EngineEvent.Call call) {
        return new CallPayload(call.callId(), call.from(), seconds(call.timestamp()), call.video(), call.group());
    }

    static LabelPayload label(EngineEvent.Label label) {
        var shown = io.wagate.label.Label.of(label.id(), label.name(), label.color());
        return new LabelPayload(shown.id(), shown.name(), shown.color(), shown.colorHex());
    }

    static EventResponse eventResponse(EngineEvent.EventResponse response) {
        return new EventResponse(response.response().serialized(), response.event().serialized(), response.from(),
                response.answer(), seconds(response.timestamp()));
    }

    static PresenceService.ChatPresence presence(EngineEvent.PresenceUpdated update) {
        return PresenceService.of(update);
    }

    static long seconds(Instant at) {
        return at.getEpochSecond();
    }
}
