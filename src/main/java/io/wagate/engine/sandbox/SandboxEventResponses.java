package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineListener;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.ids.ChatId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Responses to event messages (WhatsApp's calendar invitations) on the sandbox network. As on WhatsApp a
 * response is encrypted with the event's secret, which the network keeps for the events it carried: a response
 * goes to the event's chat (the partner, or every other member of a group), and the responder's own session
 * counts it at once. A receiving session that cannot read it — the event is one the network does not know (sent
 * before wagate restarted, or one of more than {@value #MAX_TRACKED} newer events ago) — gets it as failed,
 * as WhatsApp's clients do with a response whose secret they lack.
 */
final class SandboxEventResponses {
    static final int MAX_TRACKED = 10_000;

    private final SandboxNetwork network;
    private final Executor delivery;
    private final Clock clock;
    private final Set<String> events = java.util.Collections.newSetFromMap(new LinkedHashMap<String, Boolean>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_TRACKED;
        }
    });

    SandboxEventResponses(SandboxNetwork network, Executor delivery, Clock clock) {
        this.network = network;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** An event message was sent: responses to it can be read from now on. */
    synchronized void remember(EngineMessage message) {
        if (message.event().isPresent()) {
            events.add(message.key().id());
        }
    }

    private synchronized boolean known(String eventId) {
        return events.contains(eventId);
    }

    /** {@code responderNumber}'s session responds (it holds its lock); returns the response as sent. */
    EngineMessage respond(String responderNumber, OutgoingMessage.EventResponse response, EngineListener own) {
        ChatId chatId = response.chatId();
        if (chatId.isGroup()) {
            network.groups().requireMember(responderNumber, chatId);
        } else if (chatId.phone().isEmpty()) {
            throw EngineException.unsupported(SandboxEngine.NAME, "event responses in " + chatId);
        }
        var key = new MessageKey(chatId, true, network.newMessageId(), Optional.empty());
        var at = clock.instant();
        ChatId responder = ChatId.ofPhone(responderNumber);
        String answer = response.answer().name();
        own.onEvent(new EngineEvent.EventResponse(key, response.eventMessage(), responder, answer, false, at));
        var recipients = chatId.isGroup() ? network.groups().othersOf(chatId, responderNumber)
                : List.of(chatId.phone().orElseThrow());
        delivery.execute(() -> recipients.forEach(recipient -> network.sessionOf(recipient).ifPresent(
                session -> session.applyChange(arriving(recipient, responderNumber, key, response, at)))));
        return new EngineMessage(key, at, responder, chatId, EngineMessage.Source.API,
                EngineMessage.Type.EVENT_RESPONSE, "", Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Ack.SERVER);
    }

    private EngineEvent arriving(String recipient, String responderNumber, MessageKey sentKey,
                                 OutgoingMessage.EventResponse response, Instant at) {
        ChatId responder = ChatId.ofPhone(responderNumber);
        var key = response.chatId().isGroup()
                ? new MessageKey(response.chatId(), false, sentKey.id(), Optional.of(responder))
                : new MessageKey(responder, false, sentKey.id(), Optional.empty());
        var eventKey = SandboxPolls.pollAsSeenBy(recipient, responderNumber, response.eventMessage());
        boolean readable = known(response.eventMessage().id());
        return new EngineEvent.EventResponse(key, eventKey, responder, readable ? response.answer().name() : "UNKNOWN",
                !readable, at);
    }
}
