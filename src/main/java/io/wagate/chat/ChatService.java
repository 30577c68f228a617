package io.wagate.chat;

import io.wagate.account.Principal;
import io.wagate.engine.EngineEvent;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.session.SessionService;
import java.util.List;
import java.util.Optional;

/**
 * A session's chats: the list (from its stored messages) and archiving. The archived flag is kept
 * as the engine reports it ({@link EngineEvent.ChatArchived}), so archiving from the phone counts too.
 */
public final class ChatService implements SessionService.SessionEventListener {
    public static final int MAX_PAGE = 1000;

    private final ChatStore store;
    private final SessionService sessions;

    public ChatService(ChatStore store, SessionService sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    public List<Chat> list(Principal principal, String sessionName, int limit, int offset, String archived) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        var filter = Optional.ofNullable(archived).map(ChatService::flag);
        return store.list(sessions.get(principal, sessionName).id(), filter, limit, offset);
    }

    /** Archives or unarchives; answers with the chat as it now is. */
    public Chat archive(Principal principal, String sessionName, String rawChatId, boolean archived) {
        var session = sessions.get(principal, sessionName);
        ChatId chatId = ChatId.parse(rawChatId, "chatId");
        sessions.runWithEngine(session, engine -> engine.archiveChat(chatId, archived));
        return store.find(session.id(), chatId).orElse(new Chat(chatId.value(), archived, null));
    }

    @Override
    public void onEvent(String sessionId, EngineEvent event) {
        if (event instanceof EngineEvent.ChatArchived archived) {
            store.setArchived(sessionId, archived.chatId(), archived.archived(), archived.timestamp().toEpochMilli());
        }
    }

    private static boolean flag(String raw) {
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("archived must be true or false");
        };
    }
}
