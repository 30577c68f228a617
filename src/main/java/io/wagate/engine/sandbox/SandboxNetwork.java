package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.ids.ChatId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The simulated WhatsApp network: which sandbox session answers for which phone number, and the
 * delivery of messages between them. A number belongs to one session from linking until logout
 * (a stopped session keeps it and receives what waited for it when it starts again).
 *
 * <p>Built-in virtual contacts: {@value #ECHO} reads every text and replies with the same text;
 * {@value #SILENT} receives but never reads (acks stop at DEVICE).
 *
 * <p>Messages go by the kind of chat: to one person here; to a group's other members through
 * {@link SandboxGroupDelivery} (membership and rules in {@link SandboxGroups}); to a channel as a
 * post of {@link SandboxChannels}.
 *
 * <p>In a cluster, a session of another node is reached through {@link SandboxRemote} ({@link #reach}); a
 * single node has no remote part and works as it always did.
 */
final class SandboxNetwork {
    static final String ECHO = "15550000001";
    static final String SILENT = "15550000002";
    private static final String CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int INVITE_CODE_LENGTH = 22;

    private final Map<String, SandboxSession> byNumber = new ConcurrentHashMap<>();
    /**
     * Messages for a linked session that is not WORKING; delivered when it is. Touched only on the (single)
     * delivery thread; what is in transit to a person is also in {@link #transit}, so it survives a crash.
     */
    private final Map<String, List<EngineMessage>> waiting = new ConcurrentHashMap<>();
    /** One thread, off the sender's thread and lock, as the real network is: per-chat order holds. */
    private final Executor delivery;
    private final Clock clock;
    private final SandboxIds.MessageIds messageIds;

    private final SandboxPresence presence;
    private final SandboxGroups groups;
    private final SandboxGroupDelivery groupDelivery;
    private final SandboxChannels channels;
    private final SandboxProfiles profiles = new SandboxProfiles();
    private final SandboxCommunities communities;
    private final SandboxPolls polls;
    private final SandboxEventResponses eventResponses;
    private final SandboxStatuses statuses;
    private final SandboxContacts contacts;

    /** Where media in transit lives: the sender's file may be gone once its send returns. */
    private final Path spool;

    private final InTransit transit;
    /** The sessions of other nodes (cluster mode); unused on a single node. */
    private final SandboxRemote remote;

    SandboxNetwork(Executor delivery, Clock clock, Path spool, InTransit transit, SandboxRemote remote) {
        this.delivery = delivery;
        this.transit = transit;
        this.remote = remote;
        // Cut off by the last stop or crash: delivered when their recipients' sessions are WORKING. In a cluster
        // each node picks up what is for the numbers it takes, when it takes them.
        if (!remote.enabled()) {
            for (var held : transit.all()) {
                waiting.computeIfAbsent(held.recipient(), n -> new ArrayList<>()).add(held.message());
            }
        }
        this.clock = clock;
        this.messageIds = new SandboxIds.MessageIds(clock);
        this.spool = spool;
        this.presence = new SandboxPresence(this, delivery, clock);
        this.groups = new SandboxGroups(this, clock);
        this.groupDelivery = new SandboxGroupDelivery(this, clock);
        this.channels = new SandboxChannels(clock);
        this.communities = new SandboxCommunities(groups, clock);
        this.polls = new SandboxPolls(this, delivery, clock);
        this.eventResponses = new SandboxEventResponses(this, delivery, clock);
        this.statuses = new SandboxStatuses(this, clock);
        this.contacts = new SandboxContacts(this);
        remote.attach(this);
    }

    /** A new id for a message sent on this network. */
    String newMessageId() {
        return messageIds.next();
    }

    SandboxPolls polls() {
        return polls;
    }

    SandboxEventResponses eventResponses() {
        return eventResponses;
    }

    SandboxStatuses statuses() {
        return statuses;
    }

    SandboxPresence presence() {
        return presence;
    }

    SandboxGroups groups() {
        return groups;
    }

    SandboxChannels channels() {
        return channels;
    }

    SandboxProfiles profiles() {
        return profiles;
    }

    SandboxCommunities communities() {
        return communities;
    }

    SandboxContacts contacts() {
        return contacts;
    }

    /**
     * Refuses what {@code senderNumber} may not send to {@code chatId}: a number not on WhatsApp
     * (INVALID), a group it is not in (NOT_FOUND) or may not write to (REFUSED), a channel it
     * does not own (REFUSED).
     */
    void checkSendable(String senderNumber, ChatId chatId) {
        if (chatId.isGroup()) {
            groups.requireCanSend(senderNumber, chatId);
            return;
        }
        if (chatId.isChannel()) {
            channels.requireOwner(senderNumber, chatId);
            return;
        }
        String recipient = chatId.phone().orElse(null);
        if (recipient == null) {
            throw EngineException.unsupported(SandboxEngine.NAME, "messages to " + chatId);
        }
        if (!isOnWhatsApp(recipient)) {
            throw new EngineException(EngineException.Reason.INVALID, recipient + " is not on WhatsApp");
        }
        contacts.requireNotBlocking(senderNumber, recipient);
    }

    /**
     * Refuses what {@code number} may not do in {@code chatId} beyond sending ({@code what}: "reactions"):
     * a group it is not in, a channel (not simulated for this), a number not on WhatsApp. Unlike
     * sending, a group's messages-admin-only setting does not stop it.
     */
    void checkReachable(String number, ChatId chatId, String what) {
        if (chatId.isGroup()) {
            groups.requireMember(number, chatId);
        } else if (chatId.isChannel()) {
            throw EngineException.unsupported(SandboxEngine.NAME, what + " in channels");
        } else {
            checkSendable(number, chatId);
        }
    }

    /** Tells {@code number}'s session (if any) of a change, on the delivery thread. */
    void tell(String number, EngineEvent event) {
        delivery.execute(() -> reach(number).ifPresent(session -> session.applyChange(event)));
    }

    /** Claims {@code number} for {@code session}; false when another session holds it. */
    boolean claim(String number, SandboxSession session) {
        if (isVirtual(number)) {
            return false;
        }
        if (byNumber.putIfAbsent(number, session) == null) {
            if (remote.enabled()) {
                delivery.execute(() -> remote.pickUp(number));
            }
            return true;
        }
        return byNumber.get(number) == session;
    }

    /**
     * Claims {@code preferred} for a session linking by itself, or when another session has it, the next free
     * number after it: two sessions whose ids map to one number both link.
     */
    String claimFrom(String preferred, SandboxSession session) {
        var number = preferred;
        while (!claim(number, session)) {
            number = SandboxIds.numberAfter(number);
            if (number.equals(preferred)) {
                throw new IllegalStateException("every sandbox number is taken");
            }
        }
        return number;
    }

    void release(String number, SandboxSession session) {
        if (!byNumber.remove(number, session)) {
            return;
        }
        delivery.execute(() -> {
            var dropped = waiting.remove(number);
            if (dropped != null) {
                dropped.forEach(SandboxNetwork::discardSpooled);
                if (!remote.enabled()) {
                    dropped.forEach(message -> transit.drop(number, message));
                }
            }
            // Cluster: another node takes the session, and what was not handed over stays in the store for it.
            remote.released(number);
        });
    }

    Optional<SandboxSession> sessionOf(String number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** The session holding {@code number}, this node's or (cluster mode) another's. */
    Optional<SandboxPeer> reach(String number) {
        return sessionOf(number).<SandboxPeer>map(session -> session).or(() -> remote.reach(number));
    }

    /** A number of a session on another node (cluster mode; a group member there is counted like one here). */
    boolean linkedElsewhere(String number) {
        return !isVirtual(number) && remote.linkedElsewhere(number);
    }

    SandboxRemote remote() {
        return remote;
    }

    boolean isOnWhatsApp(String number) {
        return isVirtual(number) || byNumber.containsKey(number) || remote.linkedElsewhere(number);
    }

    /** The number on the network whose LID this is, if any (the sandbox's LIDs are a function of the number). */
    Optional<String> numberOfLid(ChatId lid) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ECHO, SILENT), byNumber.keySet().stream())
                .filter(number -> SandboxIds.lidFor(number).equals(lid.value())).findFirst();
    }

    static boolean isVirtual(String number) {
        return ECHO.equals(number) || SILENT.equals(number);
    }

    int size() {
        return byNumber.size();
    }

    /** The message with its media copied into the network's spool (unchanged without media). */
    EngineMessage spool(EngineMessage message) {
        if (message.media().isEmpty()) {
            return message;
        }
        var media = message.media().get();
        try {
            Files.createDirectories(spool);
            Path copy = spool.resolve(UUID.randomUUID().toString());
            Files.copy(media.path(), copy);
            return message.withMedia(Optional.of(media.at(copy)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool media of " + message.key().serialized(), e);
        }
    }

    /** A delivered message's spooled media is everyone's own copy now. */
    static void discardSpooled(EngineMessage message) {
        message.media().ifPresent(media -> {
            try {
                Files.deleteIfExists(media.path());
            } catch (IOException e) {
                // A leftover spool file costs disk only; the next start clears the spool.
            }
        });
    }

    /**
     * Sends {@code message} (as its sender stored it) on to the recipient, then acks back to the
     * sender: DEVICE once the recipient's session has it; while it waits for a session that is not
     * WORKING, the sender hears that it waits (WhatsApp's "waiting for this message"). {@code stored} writes
     * the sender's copy: a 1:1 message's recipient copy is held in transit in the same commit (see
     * {@link InTransit#hold}); it runs in any case.
     */
    void deliver(SandboxSession sender, String senderNumber, EngineMessage message, Runnable stored) {
        if (message.to().isGroup() || message.to().isChannel()) {
            stored.run();
        }
        if (message.type() == EngineMessage.Type.POLL) {
            polls.remember(message);
        }
        eventResponses.remember(message);
        if (message.to().isGroup()) {
            var members = groups.othersOf(message.to(), senderNumber);
            delivery.execute(() -> groupDelivery.fanOut(senderNumber, message, members));
            return;
        }
        if (message.to().isChannel()) {
            // The owner's session keeps its own copy of the media; the channel keeps the post's text and kind.
            discardSpooled(message);
            channels.post(message.withMedia(Optional.empty()));
            return;
        }
        String recipient = message.to().phone().orElse(null);
        if (contacts.hasBlocked(recipient, senderNumber)) {
            // WhatsApp takes the message and never hands it over: the sender sees one tick for good.
            discardSpooled(message);
            stored.run();
            return;
        }
        // Made here, not on the delivery thread: kept in transit with the sender's copy, before the 201.
        var incoming = asReceivedBy(recipient, senderNumber, message);
        boolean elsewhere = linkedElsewhere(recipient);
        if (elsewhere) {
            if (message.media().isPresent()) {
                // The spool is this node's disk: the other node could not read the file.
                discardSpooled(message);
                throw EngineException.unsupported(SandboxEngine.NAME, "media to a sandbox session of another node");
            }
            // Its node picks it up from the store; the acks come back from there.
            transit.hold(recipient, incoming, stored).thenRun(() -> remote.wake(recipient));
            return;
        }
        if (!isVirtual(recipient) && byNumber.containsKey(recipient)) {
            transit.hold(recipient, incoming, stored);
        } else {
            stored.run();
        }
        delivery.execute(() -> {
            if (ECHO.equals(recipient)) {
                discardSpooled(message);
                sender.acknowledge(message.key(), Ack.DEVICE);
                sender.acknowledge(message.key(), Ack.READ);
                if (message.type() == EngineMessage.Type.VOICE) {
                    sender.acknowledge(message.key(), Ack.PLAYED);
                }
                sender.receive(echoReply(senderNumber, message));
            } else if (SILENT.equals(recipient)) {
                discardSpooled(message);
                sender.acknowledge(message.key(), Ack.DEVICE);
            } else {
                switch (handTo(recipient, incoming)) {
                    case RECEIVED -> sender.acknowledge(message.key(), Ack.DEVICE);
                    case WAITING -> sender.waiting(message.key());
                    case NOBODY -> { }
                }
            }
        });
    }

    enum Handed { RECEIVED, WAITING, NOBODY }

    /**
     * On the delivery thread: gives {@code incoming} to {@code number}'s session, which has it now,
     * or keeps it until that session is WORKING; NOBODY when no session holds the number.
     */
    Handed handTo(String number, EngineMessage incoming) {
        var target = byNumber.get(number);
        if (target != null && !transit.handOver(number, incoming, () -> target.receive(incoming))) {
            waiting.computeIfAbsent(number, n -> new ArrayList<>()).add(incoming);
            return Handed.WAITING;
        }
        // Received (or no session to ever receive it): the spooled media has served.
        discardSpooled(incoming);
        return target != null ? Handed.RECEIVED : Handed.NOBODY;
    }

    /**
     * On the delivery thread: a message another node's session sent to {@code number}'s session here (picked up
     * from the store); its sender hears of it as from a session here.
     */
    void arrived(String number, EngineMessage incoming) {
        if (incoming.type() == EngineMessage.Type.POLL) {
            // Its votes are counted on the voters' nodes.
            polls.remember(incoming);
        }
        switch (handTo(number, incoming)) {
            case RECEIVED -> deliveredTo(number, incoming);
            case WAITING -> {
                if (!incoming.key().chatId().isGroup()) {
                    reach(incoming.key().chatId().phone().orElse(null)).ifPresent(sender -> sender.waiting(
                            new MessageKey(ChatId.ofPhone(number), true, incoming.key().id(), Optional.empty())));
                }
            }
            case NOBODY -> { }
        }
    }

    /** {@code number}'s session has {@code incoming}: DEVICE to its sender (for a group once every member has it). */
    private void deliveredTo(String number, EngineMessage incoming) {
        if (incoming.key().chatId().isGroup()) {
            groupDeliveredHere(number, incoming.key().id());
            if (remote.enabled()) {
                remote.groupDelivered(number, incoming.key().id());
            }
            return;
        }
        String senderNumber = incoming.key().chatId().phone().orElse(null);
        reach(senderNumber).ifPresent(sender -> sender.acknowledge(
                new MessageKey(ChatId.ofPhone(number), true, incoming.key().id(), Optional.empty()), Ack.DEVICE));
    }

    /** On the delivery thread: a group member has a message, counted if its sender's session is here. */
    void groupDeliveredHere(String member, String messageId) {
        groupDelivery.delivered(member, messageId);
    }

    /** On the delivery thread: a group member read messages, counted where their senders' sessions are. */
    void groupReadHere(String reader, List<String> messageIds) {
        groupDelivery.read(reader, messageIds);
    }

    /** Hands a session what waited for it while it was not WORKING, acking DEVICE to each sender. */
    void flushWaiting(String number) {
        delivery.execute(() -> {
            var queued = waiting.remove(number);
            if (queued == null) {
                return;
            }
            for (var incoming : queued) {
                var target = byNumber.get(number);
                if (target == null || !transit.handOver(number, incoming, () -> target.receive(incoming))) {
                    waiting.computeIfAbsent(number, n -> new ArrayList<>()).add(incoming);
                    continue;
                }
                discardSpooled(incoming);
                deliveredTo(number, incoming);
            }
        });
    }

    /**
     * The reader read (or played) these messages of {@code chatId}: the ack goes back to the sender.
     * In groups READ reaches the sender once every member read; PLAYED is not counted there.
     */
    void receipt(String readerNumber, ChatId chatId, List<String> messageIds, Ack ack) {
        if (chatId.isGroup()) {
            if (ack == Ack.READ) {
                delivery.execute(() -> groupDelivery.read(readerNumber, messageIds));
                if (remote.enabled()) {
                    remote.groupRead(readerNumber, messageIds);
                }
            }
            return;
        }
        var sender = reach(chatId.phone().orElse(null)).orElse(null);
        if (sender == null || ack == Ack.READ && !profiles.sendsReadReceipts(readerNumber)) {
            return;
        }
        delivery.execute(() -> messageIds.forEach(id -> sender.acknowledge(
                new MessageKey(ChatId.ofPhone(readerNumber), true, id, Optional.empty()), ack)));
    }

    /** The sender edited a message: the recipient's copy changes too. */
    void relayEdit(String senderNumber, EngineMessage edited) {
        if (edited.to().isGroup()) {
            var members = groups.othersOf(edited.to(), senderNumber);
            delivery.execute(() -> groupDelivery.relayEdit(senderNumber, edited, members));
            return;
        }
        if (edited.to().isChannel()) {
            channels.edit(edited.key(), edited.body());
            return;
        }
        String recipient = edited.to().phone().orElse(null);
        delivery.execute(() -> reach(recipient).ifPresent(target -> {
            var copy = asReceivedBy(recipient, senderNumber, edited);
            target.applyChange(new EngineEvent.MessageEdited(copy.key(), copy));
        }));
    }

    /** The sender deleted a message for everyone: the recipient's copy is revoked too. */
    void relayRevoke(String senderNumber, MessageKey revoked) {
        if (revoked.chatId().isGroup()) {
            var members = groups.othersOf(revoked.chatId(), senderNumber);
            delivery.execute(() -> groupDelivery.relayRevoke(senderNumber, revoked, members));
            return;
        }
        if (revoked.chatId().isChannel()) {
            channels.revoke(revoked);
            return;
        }
        String recipient = revoked.chatId().phone().orElse(null);
        delivery.execute(() -> reach(recipient).ifPresent(target -> {
            var key = new MessageKey(ChatId.ofPhone(senderNumber), false, revoked.id(), Optional.empty());
            var after = new EngineMessage(key, clock.instant(), ChatId.ofPhone(senderNumber), ChatId.ofPhone(recipient),
                    EngineMessage.Source.APP, EngineMessage.Type.REVOKED, "", Optional.empty(), Optional.empty(),
                    List.of(), Optional.empty(), Optional.empty(), Ack.DEVICE);
            target.applyChange(new EngineEvent.MessageRevoked(key, after, Optional.empty()));
        }));
    }

    /**
     * A reaction of {@code reactorNumber} ({@code own}, as its session saw it): the chat partner or
     * every other group member sees it on its own copy of the message. Like edits, it reaches a
     * session whatever its status; virtual contacts ignore it.
     */
    void relayReaction(String reactorNumber, EngineEvent.ReactionReceived own) {
        ChatId chatId = own.target().chatId();
        if (chatId.isGroup()) {
            var members = groups.othersOf(chatId, reactorNumber);
            delivery.execute(() -> groupDelivery.relayReaction(reactorNumber, own, members));
            return;
        }
        String recipient = chatId.phone().orElse(null);
        if (contacts.hasBlocked(recipient, reactorNumber)) {
            return; // like its messages, a blocked contact's reactions do not reach the account
        }
        delivery.execute(() -> reach(recipient).ifPresent(target -> {
            ChatId reactor = ChatId.ofPhone(reactorNumber);
            var targetKey = fromOtherEnd(reactorNumber, own.target());
            target.applyChange(new EngineEvent.ReactionReceived(
                    new MessageKey(reactor, false, own.reactionKey().id(), Optional.empty()), reactor,
                    ChatId.ofPhone(recipient), targetKey, own.text(), own.timestamp()));
        }));
    }

    /** Tells the rest of the chat of a pin ({@code own}: the pinner's), after the pinner heard of it. */
    void relayPin(String pinnerNumber, EngineEvent.MessagePinned own) {
        ChatId chatId = own.target().chatId();
        if (chatId.isGroup()) {
            var members = groups.othersOf(chatId, pinnerNumber);
            delivery.execute(() -> groupDelivery.relayPin(pinnerNumber, own, members));
            return;
        }
        delivery.execute(() -> reach(chatId.phone().orElse(null)).ifPresent(target -> target.applyChange(
                new EngineEvent.MessagePinned(fromOtherEnd(pinnerNumber, own.target()), own.by(), own.pinned(),
                        own.durationSeconds(), own.timestamp()))));
    }

    /** A 1:1 message as the other end of the chat has it: the chat is {@code actorNumber}'s, fromMe flips. */
    private static MessageKey fromOtherEnd(String actorNumber, MessageKey target) {
        return new MessageKey(ChatId.ofPhone(actorNumber), !target.fromMe(), target.id(), Optional.empty());
    }

    /** WhatsApp's shape of server-made ids (groups, channels): 120363 and twelve digits. */
    static String serverId(Random random) {
        return "120363" + String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L));
    }

    /** 22 letters and digits, like WhatsApp's invite codes. */
    static String inviteCode(Random random) {
        var code = new StringBuilder(INVITE_CODE_LENGTH);
        for (int i = 0; i < INVITE_CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** The same message as the recipient sees it: from the sender's chat, not from me. */
    private EngineMessage asReceivedBy(String recipient, String senderNumber, EngineMessage sent) {
        var key = new MessageKey(ChatId.ofPhone(senderNumber), false, sent.key().id(), Optional.empty());
        // The quoted message as the recipient has it: same id, seen from the other end of the chat.
        var replyTo = sent.replyTo().map(q -> new EngineMessage.Quoted(
                new MessageKey(ChatId.ofPhone(senderNumber), !q.key().fromMe(), q.key().id(), Optional.empty()), q.body()));
        var copy = new EngineMessage(key, sent.timestamp(), ChatId.ofPhone(senderNumber), ChatId.ofPhone(recipient),
                EngineMessage.Source.APP, sent.type(), sent.body(), SandboxContent.asReceived(sent), sent.location(),
                sent.vCards(), sent.poll(), replyTo, Ack.DEVICE, sent.linkPreview()).withEvent(sent.event());
        // WhatsApp carries the sender's push name with the messages it delivers.
        copy = copy.withPushName(profiles.carriedName(senderNumber));
        return sent.forwarded() ? copy.asForwarded() : copy;
    }

    private EngineMessage echoReply(String senderNumber, EngineMessage original) {
        var key = new MessageKey(ChatId.ofPhone(ECHO), false, newMessageId(), Optional.empty());
        var quoted = new EngineMessage.Quoted(
                new MessageKey(ChatId.ofPhone(ECHO), true, original.key().id(), Optional.empty()), original.body());
        return new EngineMessage(key, clock.instant(), ChatId.ofPhone(ECHO), ChatId.ofPhone(senderNumber),
                EngineMessage.Source.APP, EngineMessage.Type.TEXT, original.body(), Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), Optional.of(quoted), Ack.DEVICE);
    }
}
