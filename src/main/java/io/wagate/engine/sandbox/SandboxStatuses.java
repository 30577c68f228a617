package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.engine.StatusOperations;
import io.wagate.ids.ChatId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Statuses (stories) on the sandbox network. Rules, as WhatsApp's: a status goes to the people its poster lists;
 * one of them sees it when their session is WORKING at that moment and opted in ({@code config.statuses: true}),
 * as a message of {@code status@broadcast} whose participant is the poster (a session offline or not opted in
 * misses it, as a phone that never fetched it). Only its poster deletes a status, and those who got it see it
 * revoked. Recipients not on the network (or the poster) get nothing, and are no error; the virtual contacts take
 * statuses and ignore them. Delivery is on
 * the poster's thread, after the poster's own copy is reported and outside any session's lock. Who got which
 * status is kept in memory for the last {@value #REMEMBERED} statuses; the deletion of one it does not remember
 * goes to the recipients named.
 */
final class SandboxStatuses {
    static final int REMEMBERED = 10_000;

    private record Posted(String poster, Set<String> receivedBy) {}

    private final SandboxNetwork network;
    private final Clock clock;
    /** Status id → who posted it, who got it; oldest first. Guarded by this object's lock. */
    private final Map<String, Posted> posted = new LinkedHashMap<>();

    SandboxStatuses(SandboxNetwork network, Clock clock) {
        this.network = network;
        this.clock = clock;
    }

    StatusOperations actingAs(SandboxSession session) {
        return new Operations(session);
    }

    private final class Operations implements StatusOperations {
        private final SandboxSession session;

        Operations(SandboxSession session) {
            this.session = session;
        }

        @Override
        public EngineMessage post(Post post, List<ChatId> recipients, Consumer<EngineMessage> sent) {
            String me = session.workingNumber();
            var numbers = recipients.stream().flatMap(r -> recipientNumber(me, r).stream()).distinct().toList();
            var key = new MessageKey(ChatId.STATUS, true, network.newMessageId(), Optional.empty());
            var own = compose(post, key, ChatId.ofPhone(me));
            // Each recipient's copy is spooled before the poster's media goes to its own store.
            var copies = new LinkedHashMap<String, EngineMessage>();
            for (String number : numbers) {
                if (network.sessionOf(number).filter(SandboxSession::receivesStatuses).isPresent()) {
                    copies.put(number, network.spool(receivedCopy(me, number, own)));
                }
            }
            synchronized (SandboxStatuses.this) {
                posted.put(key.id(), new Posted(me, new LinkedHashSet<>()));
                while (posted.size() > REMEMBERED) {
                    posted.remove(posted.keySet().iterator().next());
                }
            }
            sent.accept(own);
            session.applyChange(new EngineEvent.MessageAdded(own));
            copies.forEach((number, copy) -> {
                try {
                    network.sessionOf(number).ifPresent(target -> {
                        target.applyChange(new EngineEvent.MessageAdded(copy));
                        synchronized (SandboxStatuses.this) {
                            var known = posted.get(key.id());
                            if (known != null) {
                                known.receivedBy().add(number);
                            }
                        }
                    });
                } finally {
                    SandboxNetwork.discardSpooled(copy);
                }
            });
            return own;
        }

        @Override
        public void delete(MessageKey status, List<ChatId> recipients) {
            String me = session.workingNumber();
            Set<String> receivedBy;
            synchronized (SandboxStatuses.this) {
                var known = posted.get(status.id());
                if (known != null && !known.poster().equals(me)) {
                    throw new EngineException(EngineException.Reason.REFUSED, "only its poster deletes a status");
                }
                posted.remove(status.id());
                // One this network no longer remembers (posted before a restart) goes to whoever may have it.
                receivedBy = known != null ? known.receivedBy() : new LinkedHashSet<>(recipients.stream()
                        .flatMap(r -> recipientNumber(me, r).stream()).toList());
            }
            var at = clock.instant();
            session.applyChange(new EngineEvent.MessageRevoked(status, revoked(status, ChatId.ofPhone(me), at,
                    ChatId.STATUS), Optional.empty()));
            for (String number : receivedBy) {
                var theirs = new MessageKey(ChatId.STATUS, false, status.id(), Optional.of(ChatId.ofPhone(me)));
                network.sessionOf(number).ifPresent(target -> target.applyChange(new EngineEvent.MessageRevoked(
                        theirs, revoked(theirs, ChatId.STATUS, at, ChatId.ofPhone(number)), Optional.empty())));
            }
        }
    }

    /**
     * The number a recipient has on the network; empty for one who is not on it, or the poster: as on WhatsApp,
     * a status list naming someone who cannot get it is no error, nobody gets it there.
     */
    private Optional<String> recipientNumber(String me, ChatId recipient) {
        var number = recipient.isLid() ? network.numberOfLid(recipient) : recipient.phone();
        return number.filter(n -> !n.equals(me) && network.isOnWhatsApp(n));
    }

    private EngineMessage compose(StatusOperations.Post post, MessageKey key, ChatId from) {
        return switch (post) {
            case StatusOperations.Post.Text text -> message(key, from, EngineMessage.Type.TEXT, text.text(),
                    Optional.empty());
            case StatusOperations.Post.Image image -> message(key, from, EngineMessage.Type.IMAGE,
                    caption(image.caption()), media(image.file()));
            case StatusOperations.Post.Video video -> message(key, from, EngineMessage.Type.VIDEO,
                    caption(video.caption()), media(video.file()));
            case StatusOperations.Post.Voice voice -> message(key, from, EngineMessage.Type.VOICE, "",
                    media(voice.file()));
        };
    }

    private static String caption(String caption) {
        return caption == null ? "" : caption;
    }

    private static Optional<EngineMessage.Media> media(OutgoingMessage.MediaFile file) {
        return Optional.of(new EngineMessage.Media(file.path(), file.mimetype(), file.filename(), file.size(), false,
                false));
    }

    private EngineMessage message(MessageKey key, ChatId from, EngineMessage.Type type, String body,
                                  Optional<EngineMessage.Media> media) {
        return new EngineMessage(key, clock.instant(), from, ChatId.STATUS, EngineMessage.Source.API, type, body,
                media, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Ack.SERVER);
    }

    /**
     * The poster's status as a recipient gets it, as WhatsApp reports it: from {@code status@broadcast} to the
     * recipient, the poster as the key's participant (like a group message's sender).
     */
    private static EngineMessage receivedCopy(String posterNumber, String recipientNumber, EngineMessage own) {
        var key = new MessageKey(ChatId.STATUS, false, own.key().id(), Optional.of(ChatId.ofPhone(posterNumber)));
        return new EngineMessage(key, own.timestamp(), ChatId.STATUS, ChatId.ofPhone(recipientNumber),
                EngineMessage.Source.APP, own.type(), own.body(), SandboxContent.asReceived(own), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Ack.DEVICE);
    }

    private static EngineMessage revoked(MessageKey key, ChatId from, java.time.Instant at, ChatId to) {
        return new EngineMessage(key, at, from, to, EngineMessage.Source.APP, EngineMessage.Type.REVOKED, "",
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Ack.SERVER);
    }
}
