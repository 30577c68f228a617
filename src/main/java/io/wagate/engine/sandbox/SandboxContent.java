package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a sandbox message looks like once sent: the outgoing record as the stored message. */
final class SandboxContent {
    private SandboxContent() {}

    static EngineMessage compose(OutgoingMessage outgoing, MessageKey key, Instant at, String from) {
        return switch (outgoing) {
            case OutgoingMessage.Text text -> message(key, at, from, text.chatId(), EngineMessage.Type.TEXT,
                    text.text(), Optional.empty(), List.of(), Optional.empty(), text.replyTo());
            case OutgoingMessage.Location location -> message(key, at, from, location.chatId(),
                    EngineMessage.Type.LOCATION, "", Optional.of(location.location()), List.of(), Optional.empty(),
                    location.replyTo());
            case OutgoingMessage.Contacts contacts -> message(key, at, from, contacts.chatId(),
                    EngineMessage.Type.VCARD, contacts.contacts().getFirst().displayName(), Optional.empty(),
                    contacts.contacts().stream().map(OutgoingMessage.ContactCard::vcard).toList(), Optional.empty(),
                    contacts.replyTo());
            case OutgoingMessage.Poll poll -> message(key, at, from, poll.chatId(), EngineMessage.Type.POLL,
                    poll.poll().name(), Optional.empty(), List.of(), Optional.of(poll.poll()), poll.replyTo());
            default -> throw EngineException.unsupported(SandboxEngine.NAME,
                    "sending " + outgoing.getClass().getSimpleName().toLowerCase() + " messages");
        };
    }

    private static EngineMessage message(MessageKey key, Instant at, String from, String to, EngineMessage.Type type,
                                         String body, Optional<EngineMessage.Location> location, List<String> vCards,
                                         Optional<EngineMessage.Poll> poll, Optional<EngineMessage.Quoted> replyTo) {
        return new EngineMessage(key, at, from, to, EngineMessage.Source.API, type, body, Optional.empty(), location,
                vCards, poll, replyTo, Ack.SERVER);
    }
}
