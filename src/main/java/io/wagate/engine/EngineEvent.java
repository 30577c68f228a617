package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an engine reports about a session, one record per kind; the event bus turns each
 * into one or more of the public event names (event.EventName).
 */
public sealed interface EngineEvent {

    /** A lifecycle step. {@code me} is present once linked; {@code failureReason} with FAILED. */
    record StatusChanged(SessionStatus status, Optional<Me> me, Optional<String> failureReason) implements EngineEvent {}

    /** A new QR string to scan; re-announces SCAN_QR_CODE. */
    record QrCodeChanged(String value) implements EngineEvent {}

    /**
     * A message new to one of the session's chats: received, or sent from this or another device of the account
     * (not a read receipt: that is {@link MessageAcked} with READ).
     */
    record MessageAdded(EngineMessage message) implements EngineEvent {}

    /**
     * {@code from} sent the message, {@code to} is its chat. {@code reader}: in a group, the member whose receipt
     * this is, where the engine reports receipts one member at a time (Baileys); empty otherwise. {@code error}:
     * why WhatsApp refused the message, with {@link Ack#ERROR}.
     */
    record MessageAcked(MessageKey key, ChatId from, ChatId to, Ack ack, Optional<ChatId> reader,
                        Optional<SendError> error) implements EngineEvent {
        public MessageAcked(MessageKey key, ChatId from, ChatId to, Ack ack) {
            this(key, from, to, ack, Optional.empty(), Optional.empty());
        }
    }

    /**
     * Delivery is still being confirmed (WhatsApp's "waiting for this message"). {@code undecryptable}: why a
     * received message could not be decrypted yet (Baileys: "Bad MAC", "No session record", ...); the sender's
     * retry, or the phone's copy, follows as a message when it can be read.
     */
    record MessageWaiting(MessageKey key, Optional<String> undecryptable) implements EngineEvent {
        public MessageWaiting(MessageKey key) {
            this(key, Optional.empty());
        }
    }

    record ReactionReceived(MessageKey reactionKey, ChatId from, ChatId to, MessageKey target, String text,
                            Instant timestamp) implements EngineEvent {}

    record MessageRevoked(MessageKey revoked, EngineMessage after, Optional<EngineMessage> before)
            implements EngineEvent {}

    record MessageEdited(MessageKey edited, EngineMessage message) implements EngineEvent {}

    /**
     * A message pinned in its chat (for {@code durationSeconds}) or unpinned, by {@code by}; {@code target} as this
     * session knows the message.
     */
    record MessagePinned(MessageKey target, ChatId by, boolean pinned, int durationSeconds, Instant timestamp)
            implements EngineEvent {}

    record ChatArchived(ChatId chatId, boolean archived, Instant timestamp) implements EngineEvent {}

    /**
     * A chat's state as one of the account's devices changed it, or as WhatsApp's history sync tells it; what is
     * empty did not change. {@code mutedUntil}: epoch milliseconds, {@link #ALWAYS} or {@link #NOT_MUTED};
     * {@code unreadCount}: {@link #MARKED_UNREAD} for a chat marked unread (WhatsApp's own values, all three);
     * {@code disappearing}: the chat's disappearing-messages timer in seconds, 0 for off.
     */
    record ChatState(Optional<String> name, Optional<Boolean> archived, Optional<Boolean> pinned,
                     Optional<Long> mutedUntil, Optional<Integer> unreadCount, Optional<Instant> lastMessageAt,
                     Optional<Integer> disappearing) {
        public static final long ALWAYS = -1;
        public static final long NOT_MUTED = 0;
        public static final int MARKED_UNREAD = -1;
        public static final ChatState NONE = new ChatState(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public static ChatState pinned(boolean pinned) {
            return new ChatState(Optional.empty(), Optional.empty(), Optional.of(pinned), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static ChatState mutedUntil(long untilMillis) {
            return new ChatState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(untilMillis),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static ChatState unread(int count) {
            return new ChatState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(count), Optional.empty(), Optional.empty());
        }

        /** Disappearing messages: their timer in seconds, 0 for off. */
        public static ChatState disappearing(int seconds) {
            return new ChatState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(seconds));
        }

        public static ChatState named(String name) {
            return new ChatState(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    record ChatStateChanged(ChatId chatId, ChatState state, Instant timestamp) implements EngineEvent {}

    /** A chat deleted on one of the account's devices: it leaves the chat list until a new message comes. */
    record ChatDeleted(ChatId chatId, Instant timestamp) implements EngineEvent {}

    record Presence(ChatId participant, String lastKnownPresence, Optional<Instant> lastSeen) {}

    record PresenceUpdated(ChatId chatId, List<Presence> presences) implements EngineEvent {}

    record PollVoted(MessageKey vote, ChatId from, ChatId to, MessageKey poll, List<String> selectedOptions,
                     Instant timestamp) implements EngineEvent {}

    record PollVoteFailed(MessageKey vote, ChatId from, MessageKey poll, String reason) implements EngineEvent {}

    enum GroupChange { JOIN, LEAVE, UPDATE }

    /** The session itself joined, left, or saw a group's settings change. */
    record GroupChanged(GroupChange change, GroupInfo group, Instant timestamp) implements EngineEvent {}

    enum ParticipantChange { JOIN, LEAVE, PROMOTE, DEMOTE }

    record GroupParticipantsChanged(ChatId groupId, ParticipantChange change, List<GroupInfo.Participant> participants,
                                    Instant timestamp) implements EngineEvent {}

    enum CallState { RECEIVED, ACCEPTED, REJECTED }

    record Call(CallState state, String callId, ChatId from, boolean video, boolean group, Instant timestamp)
            implements EngineEvent {}

    record Label(String id, String name, int color) {}

    record LabelUpserted(Label label) implements EngineEvent {}

    record LabelDeleted(Label label) implements EngineEvent {}

    record LabelChat(String labelId, ChatId chatId, boolean added) implements EngineEvent {}

    /** A reply to an event message (WhatsApp's calendar events). */
    record EventResponse(MessageKey response, MessageKey event, ChatId from, String answer, boolean failed,
                         Instant timestamp) implements EngineEvent {}

    /**
     * Someone the account knows, as far as this report tells: {@code name} as saved in the phone's address book,
     * {@code pushName} as they call themselves, {@code lid} their LID. What a report leaves out is kept as it was.
     */
    record Contact(ChatId id, Optional<String> name, Optional<String> pushName, Optional<ChatId> lid) {}

    /** The engine learned of contacts or of changes to them (the address book synced, a push name seen). */
    record ContactsUpdated(List<Contact> contacts) implements EngineEvent {}

    /** Anything the engine saw that has no record of its own; delivered only to those who opt in. */
    /** WhatsApp told what it restricts the account in (see {@link Restrictions}); parts it did not mention are null. */
    record RestrictionsChanged(Restrictions restrictions) implements EngineEvent {}

    /** The account's push name changed (through {@link ProfileOperations#setName}). */
    record PushNameChanged(String pushName) implements EngineEvent {}

    record Raw(String type, Map<String, Object> data) implements EngineEvent {}
}
