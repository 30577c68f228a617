package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.ids.ChatId;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Group messages on the sandbox network: each member gets its own copy (keyed with the sender as
 * {@code participant}), and the sender's copy is acked DEVICE once every member's device has it
 * and READ once every member read it. Members that no session holds (a number logged out since
 * it joined) do not count; {@value SandboxNetwork#ECHO} reads at once and
 * {@value SandboxNetwork#SILENT} never does, so a group with it never reaches READ.
 *
 * <p>Touched only on the network's single delivery thread, so it needs no lock.
 */
final class SandboxGroupDelivery {
    /** Receipts still awaited, for at most this many messages (the oldest are forgotten first). */
    static final int MAX_TRACKED = 10_000;

    private record Pending(String senderNumber, MessageKey senderKey, Set<String> undelivered, Set<String> unread) {}

    private final SandboxNetwork network;
    private final Clock clock;
    private final Map<String, Pending> pending = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    SandboxGroupDelivery(SandboxNetwork network, Clock clock) {
        this.network = network;
        this.clock = clock;
    }

    /**
     * Hands {@code sent} to every member in {@code members} (the sender excluded); the sender hears
     * once that it waits when some member's session is not WORKING. Each member's
     * copy gets its own spooled media, as each may take it at another time; the sender's spooled
     * original is dropped once all copies exist.
     */
    void fanOut(String senderNumber, EngineMessage sent, List<String> members) {
        var counted = members.stream().filter(m -> SandboxNetwork.isVirtual(m) || network.sessionOf(m).isPresent()
                || network.linkedElsewhere(m)).toList();
        if (!counted.isEmpty()) {
            pending.put(sent.key().id(), new Pending(senderNumber, sent.key(), new HashSet<>(counted),
                    new HashSet<>(counted)));
        }
        boolean waits = false;
        for (String member : counted) {
            if (SandboxNetwork.ECHO.equals(member)) {
                delivered(member, sent.key().id());
                read(member, List.of(sent.key().id()));
            } else if (SandboxNetwork.SILENT.equals(member)) {
                delivered(member, sent.key().id());
            } else if (network.sessionOf(member).isEmpty()) {
                // Another node's member: its node picks the copy up from the store and counts it back. Without
                // the file: the spool is this node's disk.
                network.remote().sendAway(member, copyFor(member, senderNumber, sent).withMedia(Optional.empty()));
            } else {
                switch (network.handTo(member, network.spool(copyFor(member, senderNumber, sent)))) {
                    case RECEIVED -> delivered(member, sent.key().id());
                    case WAITING -> waits = true;
                    case NOBODY -> { }
                }
            }
        }
        SandboxNetwork.discardSpooled(sent);
        if (waits) {
            network.reach(senderNumber).ifPresent(sender -> sender.waiting(sent.key()));
        }
    }

    /** {@code member}'s session now has the message. */
    void delivered(String member, String messageId) {
        var entry = pending.get(messageId);
        if (entry != null && entry.undelivered().remove(member) && entry.undelivered().isEmpty()) {
            ack(entry, Ack.DEVICE);
        }
    }

    /** {@code reader} read these messages of a group. */
    void read(String reader, List<String> messageIds) {
        for (String id : messageIds) {
            var entry = pending.get(id);
            if (entry == null || !entry.unread().remove(reader)) {
                continue;
            }
            delivered(reader, id);
            if (entry.unread().isEmpty()) {
                pending.remove(id);
                ack(entry, Ack.READ);
            }
        }
    }

    /** The sender edited a group message: each member's copy changes too. */
    void relayEdit(String senderNumber, EngineMessage edited, List<String> members) {
        for (String member : members) {
            network.reach(member).ifPresent(target -> {
                var copy = copyFor(member, senderNumber, edited);
                target.applyChange(new EngineEvent.MessageEdited(copy.key(), copy));
            });
        }
    }

    /** The sender deleted a group message for everyone: each member's copy is revoked too. */
    void relayRevoke(String senderNumber, MessageKey revoked, List<String> members) {
        for (String member : members) {
            network.reach(member).ifPresent(target -> {
                var after = new EngineMessage(memberKey(revoked, senderNumber), clock.instant(), revoked.chatId(),
                        ChatId.ofPhone(member), EngineMessage.Source.APP, EngineMessage.Type.REVOKED, "", Optional.empty(),
                        Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Ack.DEVICE);
                target.applyChange(new EngineEvent.MessageRevoked(after.key(), after, Optional.empty()));
            });
        }
    }

    /**
     * A member's reaction in a group: each other member sees it from the group, with the reactor as
     * participant, on its own copy of the message (its own message, if it sent the one reacted to).
     */
    void relayReaction(String reactorNumber, EngineEvent.ReactionReceived own, List<String> members) {
        ChatId reactor = ChatId.ofPhone(reactorNumber);
        var target = own.target();
        for (String member : members) {
            network.reach(member).ifPresent(session -> {
                ChatId memberId = ChatId.ofPhone(member);
                MessageKey targetKey = asSeenBy(member, reactorNumber, target);
                session.applyChange(new EngineEvent.ReactionReceived(
                        new MessageKey(target.chatId(), false, own.reactionKey().id(), Optional.of(reactor)),
                        target.chatId(), memberId, targetKey, own.text(), own.timestamp()));
            });
        }
    }

    /** Tells the other members of a pin, each naming the message by its own key. */
    void relayPin(String pinnerNumber, EngineEvent.MessagePinned own, List<String> members) {
        for (String member : members) {
            network.reach(member).ifPresent(session -> session.applyChange(new EngineEvent.MessagePinned(
                    asSeenBy(member, pinnerNumber, own.target()), own.by(), own.pinned(), own.durationSeconds(),
                    own.timestamp())));
        }
    }

    /** A group message {@code actorNumber} named by its key, as {@code member} has it. */
    private MessageKey asSeenBy(String member, String actorNumber, MessageKey target) {
        if (target.fromMe()) {
            return memberKey(target, actorNumber);
        }
        if (target.participant().filter(ChatId.ofPhone(member)::equals).isPresent()) {
            return new MessageKey(target.chatId(), true, target.id(), Optional.empty());
        }
        return target;
    }

    private void ack(Pending entry, Ack ack) {
        network.reach(entry.senderNumber()).ifPresent(sender -> sender.acknowledge(entry.senderKey(), ack));
    }

    /** A member's copy: from the group, sent by {@code participant}, not from me. */
    private EngineMessage copyFor(String member, String senderNumber, EngineMessage sent) {
        var copy = new EngineMessage(memberKey(sent.key(), senderNumber), sent.timestamp(), sent.key().chatId(),
                ChatId.ofPhone(member), EngineMessage.Source.APP, sent.type(), sent.body(), SandboxContent.asReceived(sent),
                sent.location(),
                sent.vCards(), sent.poll(), sent.replyTo(), Ack.DEVICE, sent.linkPreview())
                .withEvent(sent.event())
                .withPushName(network.profiles().carriedName(senderNumber));
        return sent.forwarded() ? copy.asForwarded() : copy;
    }

    private static MessageKey memberKey(MessageKey senderKey, String senderNumber) {
        return new MessageKey(senderKey.chatId(), false, senderKey.id(), Optional.of(ChatId.ofPhone(senderNumber)));
    }
}
