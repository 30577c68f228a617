package io.wagate.message;

import io.wagate.account.Principal;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.EngineException;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatIds;
import io.wagate.ids.MessageIds;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.List;
import java.util.Optional;

/**
 * Sending, reading and listing messages, and keeping every message a session reports. A sent
 * message is in the store before the send is answered, so an acknowledged send survives a crash.
 */
public final class MessageService implements SessionService.SessionEventListener {
    /** WhatsApp's own limit on a text message. */
    public static final int MAX_TEXT_LENGTH = 65_535;
    public static final int MAX_PAGE = 1000;

    private final MessageStore store;
    private final SessionService sessions;

    public MessageService(MessageStore store, SessionService sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    public record SendText(String session, String chatId, String text, List<String> mentions, String replyTo,
                           boolean linkPreview, boolean linkPreviewHighQuality) {}

    public Message sendText(Principal principal, SendText request) {
        var session = sessions.get(principal, sessionName(request.session()));
        String chatId = ChatIds.normalize(request.chatId(), "chatId");
        if (request.text() == null || request.text().isEmpty()) {
            throw ApiException.badRequest("text is required");
        }
        if (request.text().length() > MAX_TEXT_LENGTH) {
            throw ApiException.badRequest("text is longer than WhatsApp's limit of " + MAX_TEXT_LENGTH + " characters");
        }
        List<String> mentions = request.mentions() == null ? List.of()
                : request.mentions().stream().map(m -> ChatIds.normalize(m, "mentions")).toList();
        Optional<EngineMessage.Quoted> replyTo = Optional.ofNullable(request.replyTo())
                .map(id -> quoted(session, id, "reply_to"));
        var engine = sessions.requireWorking(session);
        try {
            return Message.of(engine.send(new OutgoingMessage.Text(chatId, request.text(), mentions, replyTo,
                    request.linkPreview(), request.linkPreviewHighQuality())));
        } catch (EngineException e) {
            throw SessionService.toApi(e);
        }
    }

    /** Marks messages of a chat read; without ids, everything unread in it. */
    public void sendSeen(Principal principal, String sessionName, String rawChatId, List<String> messageIds) {
        var session = sessions.get(principal, sessionName(sessionName));
        String chatId = ChatIds.normalize(rawChatId, "chatId");
        var keys = messageIds.stream().map(id -> existing(session, id, "messageIds")).toList();
        if (keys.stream().anyMatch(k -> !k.chatId().equals(chatId))) {
            throw ApiException.badRequest("messageIds must be messages of chat " + chatId);
        }
        var engine = sessions.requireWorking(session);
        try {
            engine.markRead(chatId, keys);
        } catch (EngineException e) {
            throw SessionService.toApi(e);
        }
    }

    public List<Message> list(Principal principal, String sessionName, Optional<String> rawChatId, int limit,
                              int offset) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        var session = sessions.get(principal, sessionName(sessionName));
        var chatId = rawChatId.map(raw -> ChatIds.normalize(raw, "chatId"));
        return store.list(session.id(), chatId, limit, offset);
    }

    @Override
    public void onEvent(String sessionId, EngineEvent event) {
        switch (event) {
            case EngineEvent.MessageSeen seen -> store.insert(sessionId, seen.message().key().chatId(),
                    seen.message().timestamp().toEpochMilli(), Message.of(seen.message()));
            case EngineEvent.MessageAcked acked -> store.raiseAck(sessionId, acked.key().serialized(), acked.ack());
            default -> { }
        }
    }

    /** A message id given by a client: well-formed (else 400) and a message of this session (else 404). */
    private MessageKey existing(Session session, String serialized, String field) {
        return quoted(session, serialized, field).key();
    }

    private EngineMessage.Quoted quoted(Session session, String serialized, String field) {
        var key = MessageIds.parse(serialized, field);
        var message = store.find(session.id(), key.serialized()).orElseThrow(() -> ApiException.notFound(
                "message '" + serialized + "' not found in session '" + session.name() + "'"));
        return new EngineMessage.Quoted(key, message.body());
    }

    /** Bodies name their session; like WAHA, "default" when they do not. */
    private static String sessionName(String given) {
        return given == null || given.isBlank() ? "default" : given;
    }
}
