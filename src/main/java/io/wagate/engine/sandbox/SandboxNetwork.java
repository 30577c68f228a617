package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.ids.ChatIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
final class SandboxNetwork {
    static final String ECHO = "15550000001";
    static final String SILENT = "15550000002";

    private final Map<String, SandboxSession> byNumber = new ConcurrentHashMap<>();
    /**
     * Messages for a linked session that is not WORKING; delivered when it is. In memory only, and
     * touched only on the (single) delivery thread.
     */
    private final Map<String, List<EngineMessage>> waiting = new ConcurrentHashMap<>();
    /** One thread, off the sender's thread and lock, as the real network is: per-chat order holds. */
    private final Executor delivery;
    private final Clock clock;

    private final SandboxPresence presence;

    /** Where media in transit lives: the sender's file may be gone once its send returns. */
    private final Path spool;

    SandboxNetwork(Executor delivery, Clock clock, Path spool) {
        this.delivery = delivery;
        this.clock = clock;
        this.spool = spool;
        this.presence = new SandboxPresence(this, delivery, clock);
    }

    SandboxPresence presence() {
        return presence;
    }

    /** Claims {@code number} for {@code session}; false when another session holds it. */
    boolean claim(String number, SandboxSession session) {
        if (isVirtual(number)) {
            return false;
        }
        return byNumber.putIfAbsent(number, session) == null || byNumber.get(number) == session;
    }

    void release(String number, SandboxSession session) {
        if (byNumber.remove(number, session)) {
            delivery.execute(() -> {
                var dropped = waiting.remove(number);
                if (dropped != null) {
                    dropped.forEach(SandboxNetwork::discardSpooled);
                }
            });
        }
    }

    Optional<SandboxSession> sessionOf(String number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    boolean isOnWhatsApp(String number) {
        return isVirtual(number) || byNumber.containsKey(number);
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
            return message.withMedia(Optional.of(
                    new EngineMessage.Media(copy, media.mimetype(), media.filename(), media.size())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool media of " + message.key().serialized(), e);
        }
    }

    /** A delivered message's spooled media is everyone's own copy now. */
    private static void discardSpooled(EngineMessage message) {
        message.media().ifPresent(media -> {
            try {
                Files.deleteIfExists(media.path());
            } catch (IOException e) {
                // A leftover spool file costs disk only; the next start clears the spool.
            }
        });
    }

    /** Sends {@code message} (as its sender stored it) on to the recipient, then acks back to the sender. */
    void deliver(SandboxSession sender, String senderNumber, EngineMessage message) {
        String recipient = ChatIds.phoneOf(message.to());
        delivery.execute(() -> {
            if (ECHO.equals(recipient)) {
                discardSpooled(message);
                sender.acknowledge(message.key(), Ack.DEVICE);
                sender.acknowledge(message.key(), Ack.READ);
                sender.receive(echoReply(senderNumber, message));
            } else if (SILENT.equals(recipient)) {
                discardSpooled(message);
                sender.acknowledge(message.key(), Ack.DEVICE);
            } else {
                var target = byNumber.get(recipient);
                var incoming = asReceivedBy(recipient, senderNumber, message);
                if (target != null && target.receive(incoming)) {
                    discardSpooled(message);
                    sender.acknowledge(message.key(), Ack.DEVICE);
                } else if (target != null) {
                    waiting.computeIfAbsent(recipient, n -> new ArrayList<>()).add(incoming);
                } else {
                    discardSpooled(message);
                }
            }
        });
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
                if (target == null || !target.receive(incoming)) {
                    waiting.computeIfAbsent(number, n -> new ArrayList<>()).add(incoming);
                    continue;
                }
                discardSpooled(incoming);
                String senderNumber = ChatIds.phoneOf(incoming.key().chatId());
                sessionOf(senderNumber).ifPresent(sender -> sender.acknowledge(
                        new MessageKey(number + "@c.us", true, incoming.key().id(), Optional.empty()), Ack.DEVICE));
            }
        });
    }

    /** The recipient read these messages of {@code senderNumber}: READ goes back to the sender. */
    void read(String readerNumber, String senderNumber, List<String> messageIds) {
        var sender = byNumber.get(senderNumber);
        if (sender == null) {
            return;
        }
        delivery.execute(() -> messageIds.forEach(id -> sender.acknowledge(
                new MessageKey(readerNumber + "@c.us", true, id, Optional.empty()), Ack.READ)));
    }

    /** The sender edited a message: the recipient's copy changes too. */
    void relayEdit(String senderNumber, EngineMessage edited) {
        String recipient = ChatIds.phoneOf(edited.to());
        delivery.execute(() -> sessionOf(recipient).ifPresent(target -> {
            var copy = asReceivedBy(recipient, senderNumber, edited);
            target.applyChange(new EngineEvent.MessageEdited(copy.key(), copy));
        }));
    }

    /** The sender deleted a message for everyone: the recipient's copy is revoked too. */
    void relayRevoke(String senderNumber, MessageKey revoked) {
        String recipient = ChatIds.phoneOf(revoked.chatId());
        delivery.execute(() -> sessionOf(recipient).ifPresent(target -> {
            var key = new MessageKey(senderNumber + "@c.us", false, revoked.id(), Optional.empty());
            var after = new EngineMessage(key, clock.instant(), senderNumber + "@c.us", recipient + "@c.us",
                    EngineMessage.Source.APP, EngineMessage.Type.REVOKED, "", Optional.empty(), Optional.empty(),
                    List.of(), Optional.empty(), Optional.empty(), Ack.DEVICE);
            target.applyChange(new EngineEvent.MessageRevoked(key, after, Optional.empty()));
        }));
    }

    /** The same message as the recipient sees it: from the sender's chat, not from me. */
    private EngineMessage asReceivedBy(String recipient, String senderNumber, EngineMessage sent) {
        var key = new MessageKey(senderNumber + "@c.us", false, sent.key().id(), Optional.empty());
        return new EngineMessage(key, sent.timestamp(), senderNumber + "@c.us", recipient + "@c.us",
                EngineMessage.Source.APP, sent.type(), sent.body(), sent.media(), sent.location(), sent.vCards(),
                sent.poll(), sent.replyTo(), Ack.DEVICE);
    }

    private EngineMessage echoReply(String senderNumber, EngineMessage original) {
        var key = new MessageKey(ECHO + "@c.us", false, SandboxSession.newMessageId(), Optional.empty());
        var quoted = new EngineMessage.Quoted(
                new MessageKey(ECHO + "@c.us", false, original.key().id(), Optional.empty()), original.body());
        return new EngineMessage(key, clock.instant(), ECHO + "@c.us", senderNumber + "@c.us",
                EngineMessage.Source.APP, EngineMessage.Type.TEXT, original.body(), Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), Optional.of(quoted), Ack.DEVICE);
    }
}
