package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One session on one engine. Lifecycle calls return at once and report progress through the
 * listener as {@link EngineEvent.StatusChanged}; every other call blocks (callers run on virtual
 * threads) and throws {@link EngineException} when it cannot be done.
 *
 * <p>Operations an engine does not offer keep the default, which refuses with
 * {@link EngineException.Reason#UNSUPPORTED}, so the services can say so plainly.
 */
public interface EngineSession {

    // --- lifecycle -------------------------------------------------------------------------

    /** Connects with the stored auth state, or begins linking (QR) when there is none. */
    void start();

    /** Disconnects; the auth state is kept. Reports STOPPED. */
    void stop();

    /**
     * Disconnects and lets go of what this process holds for the session, because another process runs
     * it now (a cluster node that handed it over); the auth state is kept. The session is not used again.
     */
    default void close() {
        stop();
    }

    /** Unlinks the device where connected and clears the auth state; the session then stops. */
    void logout();

    /** Links the session to {@code phoneNumber} (digits only) and returns the code to type on the phone. */
    String requestPairingCode(String phoneNumber);

    // --- messages --------------------------------------------------------------------------

    /**
     * Sends a message and returns it as sent. The contract every engine keeps, because the caller answers its
     * client only once the message is stored and publishes it only after that:
     * <ol>
     * <li>As soon as the message is sent, and before the engine reports anything about it (an ack, a delivery, the
     *     message itself), the engine hands it to {@code sent}, once, on the calling thread. The caller writes the
     *     message's row there: any ack that follows then finds the row it raises.</li>
     * <li>Next, still on the calling thread and before returning, it reports the message to the session's listener
     *     as {@link EngineEvent.MessageAdded} (for the events, the chat list, …). An ack that came in meanwhile is
     *     reported after it.</li>
     * <li>A message that does not enter a chat (a poll vote: reported as {@link EngineEvent.PollVoted}) is not
     *     handed to {@code sent}.</li>
     * <li>When the send fails it throws and hands nothing over; should the network report the message later anyway
     *     (an answer lost after WhatsApp had it), it comes as an ordinary {@link EngineEvent.MessageAdded}.</li>
     * </ol>
     */
    default EngineMessage send(OutgoingMessage message, Consumer<EngineMessage> sent) {
        throw unsupported("sending " + message.getClass().getSimpleName().toLowerCase() + " messages");
    }

    /**
     * Forwards the session's stored message {@code original} to {@code chatId}, marked forwarded, under
     * {@link #send}'s contract. An engine that can forward the original as WhatsApp keeps it (media by reference, no
     * upload) does; one that cannot sends {@code copy}, made of the stored message, instead.
     */
    default EngineMessage forward(ChatId chatId, MessageKey original, java.util.function.Supplier<OutgoingMessage> copy,
                                  Consumer<EngineMessage> sent) {
        throw unsupported("forwarding messages");
    }

    /**
     * Fetches media the engine reported by a {@code downloadRef} only ({@link EngineMessage.Media}) into a
     * file the caller then owns (moves or deletes). {@code updatedRef}: a new ref to keep when fetching
     * changed where the media lives (e.g. the phone uploaded it again).
     */
    record DownloadedMedia(java.nio.file.Path path, long size, Optional<String> updatedRef) {}

    default DownloadedMedia downloadMedia(MessageKey key, String downloadRef) {
        throw unsupported("downloading media on demand");
    }

    /** An empty {@code emoji} removes the session's reaction. */
    default void react(MessageKey target, String emoji) {
        throw unsupported("reactions");
    }

    default void revoke(MessageKey target) {
        throw unsupported("deleting messages");
    }

    default EngineMessage edit(MessageKey target, String newText) {
        throw unsupported("editing messages");
    }

    default void star(MessageKey target, boolean starred) {
        throw unsupported("starring messages");
    }

    /**
     * Pins a message in its chat for {@code durationSeconds}, or unpins it ({@code pinned} false), for everyone in
     * the chat; reported as {@link EngineEvent.MessagePinned} to each of them.
     */
    default void pinMessage(MessageKey target, boolean pinned, int durationSeconds) {
        throw unsupported("pinning messages");
    }

    /**
     * Marks messages read. Voice notes named in {@code messages} are also marked played (their
     * senders see PLAYED); without ids, every unread message of the chat is read, none played.
     */
    default void markRead(ChatId chatId, List<MessageKey> messages) {
        throw unsupported("read receipts");
    }

    /**
     * A chat's newest message, which WhatsApp's app-state changes of a whole chat (archive, mark unread, delete)
     * name so that the account's other devices apply them to the same messages.
     */
    record LastMessage(MessageKey key, java.time.Instant timestamp) {}

    /** Archives or unarchives a chat on the account's devices; reported as {@link EngineEvent.ChatArchived}. */
    default void archiveChat(ChatId chatId, boolean archived, Optional<LastMessage> last) {
        throw unsupported("archiving chats");
    }

    /** Pins or unpins a chat on the account's devices; reported as {@link EngineEvent.ChatStateChanged}. */
    default void pinChat(ChatId chatId, boolean pinned) {
        throw unsupported("pinning chats");
    }

    /**
     * Mutes a chat until {@code untilMillis} (epoch milliseconds; {@link EngineEvent.ChatState#ALWAYS} for always),
     * or unmutes it ({@link EngineEvent.ChatState#NOT_MUTED}); reported as {@link EngineEvent.ChatStateChanged}.
     */
    default void muteChat(ChatId chatId, long untilMillis) {
        throw unsupported("muting chats");
    }

    /** Marks a chat unread on the account's devices (until it is read); reported as {@link EngineEvent.ChatStateChanged}. */
    default void markChatUnread(ChatId chatId, Optional<LastMessage> last) {
        throw unsupported("marking chats unread");
    }

    /**
     * Turns disappearing messages on in a chat (the timer in seconds) or off (0), for everyone in it; reported as
     * {@link EngineEvent.ChatStateChanged} to each of them.
     */
    default void setDisappearing(ChatId chatId, int seconds) {
        throw unsupported("disappearing messages");
    }

    /** Deletes a chat from the account's devices; reported as {@link EngineEvent.ChatDeleted}. */
    default void deleteChat(ChatId chatId, Optional<LastMessage> last) {
        throw unsupported("deleting chats");
    }

    // --- presence --------------------------------------------------------------------------

    enum PresenceState { ONLINE, OFFLINE, TYPING, RECORDING, PAUSED }

    /** Sets the session's presence, globally or (typing, recording, paused) in one chat. */
    default void setPresence(PresenceState presence, Optional<ChatId> chatId) {
        throw unsupported("presence");
    }

    default void subscribePresence(ChatId chatId) {
        throw unsupported("presence subscriptions");
    }

    // --- contacts --------------------------------------------------------------------------

    record Existence(boolean exists, ChatId chatId) {}

    default Existence checkExists(String phoneDigits) {
        throw unsupported("contact look-ups");
    }

    /** The LID WhatsApp knows a phone number by ({@code <id>@lid}); empty when none is known. */
    default Optional<ChatId> lidForPhone(String phoneDigits) {
        throw unsupported("LID look-ups");
    }

    /** The phone-number id ({@code <number>@c.us}) of a LID; empty when the mapping is not known. */
    default Optional<ChatId> phoneForLid(ChatId lid) {
        throw unsupported("LID look-ups");
    }

    /** Pictures, about texts and blocking of other people. */
    default ContactOperations contacts() {
        throw unsupported("contacts");
    }

    // --- groups and channels ---------------------------------------------------------------

    default GroupOperations groups() {
        throw unsupported("groups");
    }

    default ChannelOperations channels() {
        throw unsupported("channels");
    }

    // --- the account's profile -------------------------------------------------------------

    default ProfileOperations profile() {
        throw unsupported("the account's profile");
    }

    /** WhatsApp Business labels; 501 where the engine has none. */
    default LabelOperations labels() {
        throw unsupported("labels");
    }

    default CommunityOperations communities() {
        throw unsupported("communities");
    }

    default StatusOperations statuses() {
        throw unsupported("statuses");
    }

    // --- calls -----------------------------------------------------------------------------

    /** Rejects a ringing call; {@code from} (the caller) may be null. Unknown call: NOT_FOUND. */
    default void rejectCall(String callId, ChatId from) {
        throw unsupported("calls");
    }

    // --- optional capabilities -------------------------------------------------------------

    /** Present where the engine simulates the network (the sandbox): events a phone or a contact would cause. */
    default Optional<NetworkSimulator> simulator() {
        return Optional.empty();
    }

    /** The engine's name, for messages. */
    String engineName();

    private EngineException unsupported(String operation) {
        return EngineException.unsupported(engineName(), operation);
    }
}
