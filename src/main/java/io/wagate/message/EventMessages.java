package io.wagate.message;

import io.wagate.account.Principal;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.OutgoingMessage;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.ids.ChatId;
import io.wagate.session.SessionService;
import io.wagate.store.WriteQueue;
import java.net.URI;
import java.util.Locale;

/**
 * Event messages (WhatsApp's calendar invitations, {@code POST /v1/sendEvent}) and the session's responses to them
 * ({@code POST /v1/respondEvent}). The responses of everyone in the chat, the session's own included, are tallied
 * on the stored event by {@link MessageService} as the engine reports them.
 */
public final class EventMessages {
    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 2048;
    static final int MAX_LOCATION = 256;
    static final int MAX_CALL_LINK = 512;

    private final MessageService messages;
    private final MessageStore store;
    private final SessionService sessions;
    private final WriteQueue writes;

    public EventMessages(MessageService messages, MessageStore store, SessionService sessions, WriteQueue writes) {
        this.messages = messages;
        this.store = store;
        this.sessions = sessions;
        this.writes = writes;
    }

    /** Times in Unix seconds; {@code endTime}, {@code description}, {@code location} and {@code callLink} optional. */
    public record Event(String name, String description, Long startTime, Long endTime, String location,
                        String callLink) {}

    public record SendEvent(String session, String chatId, Event event, String replyTo) {}

    public record RespondEvent(String session, String messageId, String response) {}

    public Message send(Principal principal, SendEvent request) {
        var session = sessions.getOrDefault(principal, request.session());
        ChatId chatId = ChatId.parse(request.chatId(), "chatId");
        var event = request.event();
        if (event == null) {
            throw ApiException.badRequest("event is required ({name, startTime, ...})");
        }
        String name = Fields.requiredText(event.name(), "event.name", MAX_NAME);
        if (event.startTime() == null || event.startTime() <= 0) {
            throw ApiException.badRequest("event.startTime is required (Unix seconds)");
        }
        if (event.endTime() != null && event.endTime() <= event.startTime()) {
            throw ApiException.badRequest("event.endTime must be after event.startTime");
        }
        var engineEvent = new EngineMessage.Event(name,
                Fields.limited(blankToNull(event.description()), "event.description", MAX_DESCRIPTION),
                event.startTime(), event.endTime(),
                Fields.limited(blankToNull(event.location()), "event.location", MAX_LOCATION),
                callLink(event.callLink()));
        return messages.send(session, new OutgoingMessage.Event(chatId, engineEvent,
                messages.replyTo(session, request.replyTo())));
    }

    /** Answers the event; 201 with the event message as it now is, the answer tallied. */
    public Message respond(Principal principal, RespondEvent request) {
        var session = sessions.getOrDefault(principal, request.session());
        var key = MessageIds.parse(request.messageId(), "messageId");
        var answer = answer(request.response());
        var event = store.find(session.id(), key.serialized()).orElseThrow(() -> ApiException.notFound(
                "message '" + request.messageId() + "' not found in session '" + session.name() + "'"));
        if (event.event() == null) {
            throw ApiException.badRequest("messageId names a " + event.type() + " message, not an event");
        }
        // A response enters no chat: nothing is handed over to store (it is reported as an EventResponse).
        writes.awaitingWrites(() -> {
            sessions.runWithEngine(session, engine -> engine.send(
                    new OutgoingMessage.EventResponse(key.chatId(), key, answer), sent -> { }));
            return null;
        });
        return store.find(session.id(), key.serialized()).orElseThrow();
    }

    private static EngineMessage.EventAnswer answer(String raw) {
        return switch (raw == null ? "" : raw.toLowerCase(Locale.ROOT)) {
            case "going" -> EngineMessage.EventAnswer.GOING;
            case "not_going" -> EngineMessage.EventAnswer.NOT_GOING;
            case "maybe" -> EngineMessage.EventAnswer.MAYBE;
            default -> throw ApiException.badRequest("response must be going, not_going or maybe");
        };
    }

    /** A WhatsApp call link (https://call.whatsapp.com/voice/… or /video/…), or none. */
    private static String callLink(String raw) {
        String link = Fields.limited(blankToNull(raw), "event.callLink", MAX_CALL_LINK);
        if (link == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(link.strip());
        } catch (java.net.URISyntaxException e) {
            throw ApiException.badRequest("event.callLink is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || !"call.whatsapp.com".equalsIgnoreCase(uri.getHost())) {
            throw ApiException.badRequest("event.callLink must be a WhatsApp call link (https://call.whatsapp.com/…)");
        }
        return uri.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
