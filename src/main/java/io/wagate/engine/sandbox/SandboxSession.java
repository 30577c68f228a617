package io.wagate.engine.sandbox;

import io.wagate.config.Config.SandboxConfig;
import io.wagate.engine.Ack;
import io.wagate.engine.ChannelOperations;
import io.wagate.engine.CommunityOperations;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.GroupOperations;
import io.wagate.engine.Me;
import io.wagate.engine.MessageKey;
import io.wagate.engine.NetworkSimulator;
import io.wagate.engine.OutgoingMessage;
import io.wagate.engine.ProfileOperations;
import io.wagate.engine.SessionStatus;
import io.wagate.engine.StatusOperations;
import io.wagate.ids.ChatId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Linking in the sandbox. Rules:
 * <ul>
 *   <li>start with a stored number: STARTING, then WORKING at once (no re-linking);</li>
 *   <li>start without one: STARTING, then SCAN_QR_CODE with a fresh QR every {@code qrInterval};
 *       after {@code qrAttempts} QR codes unscanned, FAILED "QR code not scanned in time";</li>
 *   <li>while waiting, the session links by itself after {@code linkDelay} to a number derived from
 *       the session id (1555 and seven digits), or at once to the number given for a pairing code.</li>
 * </ul>
 * Every event is emitted under {@link #lock} and only by the current run ({@link #run}), so a
 * timer that fires after a stop or restart can never report a stale state.
 */
final class SandboxSession implements EngineSession, NetworkSimulator, SandboxPeer {
    static final String AUTH_NUMBER = "sandbox.number";
    static final String QR_TIMEOUT_REASON = "QR code not scanned in time";

    private final EngineSessionContext context;
    private final SandboxConfig config;
    private final SandboxNetwork network;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** Not a monitor: many senders of one session queue here, and a monitor makes them spin. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Incremented by every start, stop and logout; timers of an older run do nothing. */
    private long run;
    private SessionStatus status = SessionStatus.STOPPED;
    private String linkedNumber;
    private int qrShown;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private final SandboxReceipts receipts = new SandboxReceipts();
    private final SandboxCalls calls;
    private final SandboxAddressBook addressBook = new SandboxAddressBook();

    SandboxSession(EngineSessionContext context, SandboxConfig config, SandboxNetwork network,
                   ScheduledExecutorService timers, Clock clock) {
        this.context = context;
        this.config = config;
        this.network = network;
        this.timers = timers;
        this.clock = clock;
        this.calls = new SandboxCalls(this, network, clock);
    }

    @Override
    public Optional<NetworkSimulator> simulator() {
        return Optional.of(this);
    }

    @Override
    public String engineName() {
        return SandboxEngine.NAME;
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (status == SessionStatus.STARTING || status == SessionStatus.SCAN_QR_CODE
                    || status == SessionStatus.WORKING) {
                return;
            }
            long thisRun = ++run;
            emitStatus(SessionStatus.STARTING, Optional.empty());
            var stored = context.auth().get(AUTH_NUMBER);
            if (stored.isPresent()) {
                schedule(thisRun, 0, () -> link(stored.get()));
                return;
            }
            qrShown = 0;
            schedule(thisRun, 0, this::showNextQr);
            if (config.autoLink()) {
                schedule(thisRun, config.linkDelay().toMillis(),
                        () -> link(network.claimFrom(SandboxIds.numberFor(context.sessionId()), this)));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            halt();
            emitStatus(SessionStatus.STOPPED, Optional.empty());
        } finally {
            lock.unlock();
        }
    }

    /** Its number is free for the next engine side of this session (opened here again, once taken back). */
    @Override
    public void close() {
        lock.lock();
        try {
            haltAndReleaseNumber();
            emitStatus(SessionStatus.STOPPED, Optional.empty());
        } finally {
            lock.unlock();
        }
    }

    private void haltAndReleaseNumber() {
        halt();
        if (linkedNumber != null) {
            network.release(linkedNumber, this);
            linkedNumber = null;
        }
    }

    @Override
    public void logout() {
        lock.lock();
        try {
            haltAndReleaseNumber();
            receipts.clear();
            calls.clear();
            context.auth().clear();
            emitStatus(SessionStatus.STOPPED, Optional.empty());
        } finally {
            lock.unlock();
        }
    }

    /** At open: a session linked before (this run of wagate or an earlier one) owns its number while stopped. */
    void claimStoredNumber() {
        lock.lock();
        try {
            context.auth().get(AUTH_NUMBER).filter(number -> network.claim(number, this))
                    .ifPresent(number -> linkedNumber = number);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public EngineMessage send(OutgoingMessage message, Consumer<EngineMessage> sentTo) {
        return send(message, false, sentTo);
    }

    /** The sandbox keeps no message once delivered: the copy made of the stored one goes out marked forwarded. */
    @Override
    public EngineMessage forward(ChatId chatId, MessageKey original, Supplier<OutgoingMessage> copy,
                                 Consumer<EngineMessage> sentTo) {
        return send(copy.get(), true, sentTo);
    }

    private EngineMessage send(OutgoingMessage message, boolean forwarded, Consumer<EngineMessage> sentTo) {
        lock.lock();
        try {
            requireWorking();
            if (message instanceof OutgoingMessage.PollVote vote) {
                return network.polls().vote(linkedNumber, vote, context.listener());
            }
            if (message instanceof OutgoingMessage.EventResponse response) {
                return network.eventResponses().respond(linkedNumber, response, context.listener());
            }
            network.checkSendable(linkedNumber, message.chatId());
            var key = new MessageKey(message.chatId(), true, network.newMessageId(), Optional.empty());
            var composed = SandboxContent.compose(message, key, clock.instant(), ChatId.ofPhone(linkedNumber));
            var sent = network.spool(forwarded ? composed.asForwarded() : composed);
            // The sender's copy is stored with the recipient's hold; what the delivery reports waits for this
            // session's lock, so MessageAdded still comes first.
            network.deliver(this, linkedNumber, sent, () -> sentTo.accept(sent));
            context.listener().onEvent(new EngineEvent.MessageAdded(sent));
            addressBook.met(message.chatId(), context.listener());
            return sent;
        } finally {
            lock.unlock();
        }
    }

    /** Starring is the account's own mark: nobody else hears of it. */
    @Override
    public void star(MessageKey target, boolean starred) {
        whileWorking(me -> null);
    }

    /** Archiving is the account's own too: reported to this session only. */
    @Override
    public void archiveChat(ChatId chatId, boolean archived, Optional<LastMessage> last) {
        ownChatChange(chatId, "archiving ", () -> new EngineEvent.ChatArchived(chatId, archived, clock.instant()));
    }

    /** Pins, mutes, unread marks and deletes are the account's own as well (WhatsApp syncs them to its devices only). */
    @Override
    public void pinChat(ChatId chatId, boolean pinned) {
        ownChatChange(chatId, "pinning ", () -> new EngineEvent.ChatStateChanged(chatId,
                EngineEvent.ChatState.pinned(pinned), clock.instant()));
    }

    @Override
    public void muteChat(ChatId chatId, long untilMillis) {
        ownChatChange(chatId, "muting ", () -> new EngineEvent.ChatStateChanged(chatId,
                EngineEvent.ChatState.mutedUntil(untilMillis), clock.instant()));
    }

    @Override
    public void markChatUnread(ChatId chatId, Optional<LastMessage> last) {
        ownChatChange(chatId, "marking unread ", () -> new EngineEvent.ChatStateChanged(chatId,
                EngineEvent.ChatState.unread(EngineEvent.ChatState.MARKED_UNREAD), clock.instant()));
    }

    @Override
    public void deleteChat(ChatId chatId, Optional<LastMessage> last) {
        ownChatChange(chatId, "deleting ", () -> {
            receipts.seen(chatId, List.of());
            return new EngineEvent.ChatDeleted(chatId, clock.instant());
        });
    }

    /**
     * Disappearing messages are the chat's, not the account's: everyone in it is told (the other person of a
     * 1:1 chat, every member of a group, where only admins may change it while info-admin-only is on).
     */
    @Override
    public void setDisappearing(ChatId chatId, int seconds) {
        whileWorking(me -> {
            List<String> others;
            if (chatId.isGroup()) {
                others = network.groups().requireCanChangeSettings(me, chatId, "change disappearing messages").stream()
                        .filter(m -> !m.equals(me)).toList();
            } else if (chatId.phone().isPresent()) {
                network.checkSendable(me, chatId);
                others = List.of(chatId.phone().get());
            } else {
                throw EngineException.unsupported(SandboxEngine.NAME, "disappearing messages in " + chatId);
            }
            var at = clock.instant();
            var state = EngineEvent.ChatState.disappearing(seconds);
            emit(new EngineEvent.ChatStateChanged(chatId, state, at));
            ChatId theirs = chatId.isGroup() ? chatId : ChatId.ofPhone(me);
            others.forEach(other -> network.tell(other, new EngineEvent.ChatStateChanged(theirs, state, at)));
            return null;
        });
    }

    /** A group needs membership; channels and LID chats are not simulated for this. */
    private void ownChatChange(ChatId chatId, String operation, java.util.function.Supplier<EngineEvent> change) {
        whileWorking(me -> {
            if (chatId.isGroup()) {
                network.groups().requireMember(me, chatId);
            } else if (chatId.phone().isEmpty()) {
                throw EngineException.unsupported(SandboxEngine.NAME, operation + chatId);
            }
            emit(change.get());
            return null;
        });
    }

    @Override
    public EngineEvent.Call simulateIncomingCall(String fromNumber, boolean video) {
        return calls.ring(fromNumber, video);
    }

    @Override
    public EngineEvent.Call acceptCall(String callId) {
        return calls.end(callId, Optional.empty(), EngineEvent.CallState.ACCEPTED);
    }

    @Override
    public void rejectCall(String callId, ChatId from) {
        calls.end(callId, Optional.ofNullable(from), EngineEvent.CallState.REJECTED);
    }

    /** Runs {@code step} with the session's number under its lock, if it is WORKING (else NOT_READY). */
    <T> T whileWorking(java.util.function.Function<String, T> step) {
        lock.lock();
        try {
            requireWorking();
            return step.apply(linkedNumber);
        } finally {
            lock.unlock();
        }
    }

    /** Reports an event; must be called inside {@link #whileWorking} or otherwise under the lock. */
    void emit(EngineEvent event) {
        context.listener().onEvent(event);
    }

    /** Edits one of this session's own texts, here and on the recipient's side. */
    @Override
    public EngineMessage edit(MessageKey target, String newText) {
        lock.lock();
        try {
            requireWorking();
            requireOwn(target, "edited");
            network.checkSendable(linkedNumber, target.chatId());
            var edited = new EngineMessage(target, clock.instant(), ChatId.ofPhone(linkedNumber), target.chatId(),
                    EngineMessage.Source.API, EngineMessage.Type.TEXT, newText, Optional.empty(), Optional.empty(),
                    List.of(), Optional.empty(), Optional.empty(), Ack.SERVER);
            context.listener().onEvent(new EngineEvent.MessageEdited(target, edited));
            network.relayEdit(linkedNumber, edited);
            return edited;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes one of this session's own messages for everyone. */
    @Override
    public void revoke(MessageKey target) {
        lock.lock();
        try {
            requireWorking();
            requireOwn(target, "deleted for everyone");
            network.checkSendable(linkedNumber, target.chatId());
            var gone = new EngineMessage(target, clock.instant(), ChatId.ofPhone(linkedNumber), target.chatId(),
                    EngineMessage.Source.API, EngineMessage.Type.REVOKED, "", Optional.empty(), Optional.empty(),
                    List.of(), Optional.empty(), Optional.empty(), Ack.SERVER);
            context.listener().onEvent(new EngineEvent.MessageRevoked(target, gone, Optional.empty()));
            network.relayRevoke(linkedNumber, target);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reacts to a message of a chat this session is in ("" removes its reaction). The session sees
     * its own reaction as WhatsApp reports it (from me, under a new message id); the chat partner,
     * or every other group member, sees it on its copy of the message.
     */
    @Override
    public void react(MessageKey target, String emoji) {
        lock.lock();
        try {
            requireWorking();
            network.checkReachable(linkedNumber, target.chatId(), "reactions");
            var own = new EngineEvent.ReactionReceived(
                    new MessageKey(target.chatId(), true, network.newMessageId(), Optional.empty()), ChatId.ofPhone(linkedNumber),
                    target.chatId(), target, emoji, clock.instant());
            context.listener().onEvent(own);
            network.relayReaction(linkedNumber, own);
        } finally {
            lock.unlock();
        }
    }

    /** Every number on the network has a LID; a LID maps back to the number on the network that has it. */
    @Override
    public Optional<ChatId> lidForPhone(String phoneDigits) {
        return whileWorking(me -> network.isOnWhatsApp(phoneDigits)
                ? Optional.of(ChatId.of(SandboxIds.lidFor(phoneDigits))) : Optional.empty());
    }

    @Override
    public Optional<ChatId> phoneForLid(ChatId lid) {
        return whileWorking(me -> network.numberOfLid(lid).map(ChatId::ofPhone));
    }

    /** A pin is the chat's: everyone in it hears; in a group with info-admin-only on, only admins pin. */
    @Override
    public void pinMessage(MessageKey target, boolean pinned, int durationSeconds) {
        lock.lock();
        try {
            requireWorking();
            ChatId chatId = target.chatId();
            if (chatId.isGroup()) {
                network.groups().requireCanChangeSettings(linkedNumber, chatId, "pin messages");
            } else {
                network.checkReachable(linkedNumber, chatId, "pinning messages");
            }
            var own = new EngineEvent.MessagePinned(target, ChatId.ofPhone(linkedNumber), pinned, durationSeconds,
                    clock.instant());
            context.listener().onEvent(own);
            network.relayPin(linkedNumber, own);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setPresence(PresenceState presence, Optional<ChatId> chatId) {
        lock.lock();
        try {
            requireWorking();
            network.presence().set(linkedNumber, presence, chatId.map(this::reachable));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void subscribePresence(ChatId chatId) {
        lock.lock();
        try {
            requireWorking();
            network.presence().subscribe(linkedNumber, reachable(chatId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Existence checkExists(String phoneDigits) {
        lock.lock();
        try {
            requireWorking();
            return new Existence(network.isOnWhatsApp(phoneDigits), ChatId.ofPhone(phoneDigits));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public GroupOperations groups() {
        return network.groups().actingAs(this::workingNumber);
    }

    @Override
    public io.wagate.engine.ContactOperations contacts() {
        return network.contacts().actingAs(this::workingNumber);
    }

    @Override
    public ChannelOperations channels() {
        return network.channels().actingAs(this::workingNumber);
    }

    @Override
    public ProfileOperations profile() {
        return network.profiles().actingAs(this::workingNumber, this::applyChange);
    }

    public io.wagate.engine.LabelOperations labels() {
        return new SandboxLabels(this, context.business());
    }

    public CommunityOperations communities() {
        return network.communities().actingAs(this::workingNumber);
    }

    public StatusOperations statuses() {
        return network.statuses().actingAs(this);
    }

    /** Whether others' statuses reach this session now: WORKING, and opted in with {@code config.statuses}. */
    boolean receivesStatuses() {
        lock.lock();
        try {
            return status == SessionStatus.WORKING && context.statuses().getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    /** The linked number, for group, channel and status operations, which need the session WORKING. */
    String workingNumber() {
        return whileWorking(me -> me);
    }

    /** A change the network relays to this session: an edit, a revoke, a reaction, someone's presence. */
    @Override
    public void applyChange(EngineEvent change) {
        lock.lock();
        try {
            context.listener().onEvent(change);
        } finally {
            lock.unlock();
        }
    }

    /** The number of a personal chat on the network (presence is only between people so far). */
    private String reachable(ChatId chatId) {
        if (chatId.phone().isEmpty()) {
            throw EngineException.unsupported(SandboxEngine.NAME, "presence in groups and channels");
        }
        network.checkSendable(linkedNumber, chatId);
        return chatId.phone().orElseThrow();
    }

    private static void requireOwn(MessageKey target, String what) {
        if (!target.fromMe()) {
            throw new EngineException(EngineException.Reason.REFUSED, "only your own messages can be " + what);
        }
    }

    /**
     * Marks messages of {@code chatId} read (all unread ones when {@code messages} is empty); voice
     * notes named in {@code messages} are played too.
     */
    @Override
    public void markRead(ChatId chatId, List<MessageKey> messages) {
        lock.lock();
        try {
            requireWorking();
            var seen = receipts.seen(chatId, messages);
            emit(new EngineEvent.ChatStateChanged(chatId, EngineEvent.ChatState.unread(receipts.unread(chatId)),
                    clock.instant()));
            if (!seen.read().isEmpty()) {
                network.receipt(linkedNumber, chatId, seen.read(), Ack.READ);
            }
            if (!seen.played().isEmpty()) {
                network.receipt(linkedNumber, chatId, seen.played(), Ack.PLAYED);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A message for this session from the network; false (and kept waiting) while not WORKING. */
    boolean receive(EngineMessage incoming) {
        lock.lock();
        try {
            if (status != SessionStatus.WORKING) {
                return false;
            }
            receipts.received(incoming);
            context.listener().onEvent(new EngineEvent.MessageAdded(incoming));
            addressBook.met(incoming.key().chatId(), context.listener());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The recipient's side reached a new ack for one of this session's messages. */
    @Override
    public void acknowledge(MessageKey key, Ack ack) {
        lock.lock();
        try {
            context.listener().onEvent(new EngineEvent.MessageAcked(key,
                    linkedNumber == null ? null : ChatId.ofPhone(linkedNumber), key.chatId(), ack));
        } finally {
            lock.unlock();
        }
    }

    /** One of this session's messages waits for a recipient whose session is not WORKING. */
    @Override
    public void waiting(MessageKey key) {
        lock.lock();
        try {
            context.listener().onEvent(new EngineEvent.MessageWaiting(key));
        } finally {
            lock.unlock();
        }
    }

    private void requireWorking() {
        if (status != SessionStatus.WORKING) {
            throw new EngineException(EngineException.Reason.NOT_READY, "the session is " + status + ", not WORKING");
        }
    }

    @Override
    public String requestPairingCode(String phoneNumber) {
        lock.lock();
        try {
            if (status != SessionStatus.STARTING && status != SessionStatus.SCAN_QR_CODE) {
                throw new EngineException(EngineException.Reason.NOT_READY,
                        "a pairing code can only be requested while the session waits to be linked (status is "
                                + status + ")");
            }
            if (network.sessionOf(phoneNumber).filter(owner -> owner != this).isPresent()
                    || SandboxNetwork.isVirtual(phoneNumber)) {
                throw new EngineException(EngineException.Reason.CONFLICT,
                        "number " + phoneNumber + " is already linked to another sandbox session");
            }
            link(phoneNumber);
            return SandboxIds.pairingCode(random);
        } finally {
            lock.unlock();
        }
    }

    private void showNextQr() {
        if (qrShown >= config.qrAttempts()) {
            halt();
            emitStatus(SessionStatus.FAILED, Optional.of(QR_TIMEOUT_REASON));
            return;
        }
        qrShown++;
        context.listener().onEvent(new EngineEvent.QrCodeChanged(SandboxIds.qrString(random)));
        emitStatus(SessionStatus.SCAN_QR_CODE, Optional.empty());
        schedule(run, config.qrInterval().toMillis(), this::showNextQr);
    }

    /** Must hold the lock. */
    private void link(String number) {
        if (!network.claim(number, this)) {
            halt();
            emitStatus(SessionStatus.FAILED, Optional.of("number " + number + " is in use by another sandbox session"));
            return;
        }
        // A new run, not just cancelled timers: a QR timer already waiting for the lock must not
        // turn this WORKING session back to SCAN_QR_CODE.
        halt();
        linkedNumber = number;
        context.auth().put(AUTH_NUMBER, number);
        status = SessionStatus.WORKING;
        var me = new Me(ChatId.ofPhone(number), network.profiles().nameOf(number), ChatId.of(SandboxIds.lidFor(number)));
        context.listener().onEvent(new EngineEvent.StatusChanged(SessionStatus.WORKING, Optional.of(me), Optional.empty()));
        addressBook.linked(context.listener());
        network.flushWaiting(number);
    }

    /** Must hold the lock: ends the current run (the number stays this session's until logout). */
    private void halt() {
        run++;
        cancelTimers();
    }

    private void cancelTimers() {
        pending.forEach(task -> task.cancel(false));
        pending.clear();
    }

    private void emitStatus(SessionStatus next, Optional<String> failure) {
        status = next;
        context.listener().onEvent(new EngineEvent.StatusChanged(next, Optional.empty(), failure));
    }

    private void schedule(long forRun, long delayMs, Runnable step) {
        pending.removeIf(ScheduledFuture::isDone);
        pending.add(timers.schedule(() -> {
            lock.lock();
            try {
                if (run == forRun) {
                    step.run();
                }
            } finally {
                lock.unlock();
            }
        }, Math.max(0, delayMs), TimeUnit.MILLISECONDS));
    }
}
