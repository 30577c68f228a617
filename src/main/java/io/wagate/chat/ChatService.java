package io.wagate.chat;

import io.wagate.account.Principal;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineSession;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.label.LabelStore;
import io.wagate.message.MessageIds;
import io.wagate.message.MessageStore;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import io.wagate.store.WriteQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A session's chats: the overview list (from its stored messages and the chat states engines report) and the
 * account's own marks on a chat: archived, pinned, muted, marked unread, deleted. Each mark is kept as the engine
 * reports it ({@link EngineEvent.ChatArchived}, {@link EngineEvent.ChatStateChanged}), so marks set on the phone
 * count too; unread counts follow the messages that come in and the reads.
 */
public final class ChatService implements SessionService.SessionEventListener {
    public static final int MAX_PAGE = 1000;
    /** WhatsApp's limit of pinned chats. */
    public static final int MAX_PINNED = 3;
    /** WhatsApp's disappearing-message timers: off, 24 hours, 7 days, 90 days. */
    private static final Set<Integer> TIMERS = Set.of(0, 86_400, 604_800, 7_776_000);

    private final ChatStore store;
    private final LabelStore labels;
    private final MessageStore messages;
    private final SessionService sessions;
    private final WriteQueue writes;
    private final Clock clock;

    public ChatService(ChatStore store, LabelStore labels, MessageStore messages, SessionService sessions,
                       WriteQueue writes, Clock clock) {
        this.store = store;
        this.labels = labels;
        this.messages = messages;
        this.sessions = sessions;
        this.writes = writes;
        this.clock = clock;
    }

    /** The query of a list: {@code archived}, {@code sortBy} and {@code sortOrder} as given (null: not given). */
    public record ListQuery(int limit, int offset, String archived, String sortBy, String sortOrder) {}

    public List<Chat> list(Principal principal, String sessionName, ListQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (query.offset() < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        var filter = Optional.ofNullable(query.archived()).map(ChatService::flag);
        var sortBy = sortBy(query.sortBy());
        boolean descending = descending(query.sortOrder(), sortBy);
        var session = sessions.get(principal, sessionName);
        return overviews(session, store.list(session.id(), filter, sortBy, descending, query.limit(), query.offset()));
    }

    /** The chats named that the session knows, as the list shows them (unknown ones left out). */
    public List<Chat> known(Session session, List<String> chatIds) {
        return overviews(session, chatIds.stream()
                .flatMap(id -> store.find(session.id(), ChatId.of(id)).stream()).toList());
    }

    private List<Chat> overviews(Session session, List<Chat> page) {
        var ids = page.stream().map(Chat::id).toList();
        var last = messages.lastOfChats(session.id(), ids);
        var labelled = labels.labelsOf(session.id(), ids);
        return page.stream().map(c -> c.withLastMessage(last.get(c.id()), labelled.get(c.id()))).toList();
    }

    /** Archives or unarchives; answers with the chat as it now is. */
    public Chat archive(Principal principal, String sessionName, String rawChatId, boolean archived) {
        return change(principal, sessionName, rawChatId, (session, chatId) -> engine ->
                engine.archiveChat(chatId, archived, last(session, chatId)));
    }

    /** Pins or unpins; WhatsApp keeps at most {@value #MAX_PINNED} chats pinned (409 for one more). */
    public Chat pin(Principal principal, String sessionName, String rawChatId, boolean pinned) {
        return change(principal, sessionName, rawChatId, (session, chatId) -> {
            boolean already = store.find(session.id(), chatId).map(Chat::pinned).orElse(false);
            if (pinned && !already && store.pinnedCount(session.id()) >= MAX_PINNED) {
                throw ApiException.conflict("at most " + MAX_PINNED + " chats can be pinned; unpin one first");
            }
            return engine -> engine.pinChat(chatId, pinned);
        });
    }

    /** Mutes until {@code untilSeconds} (Unix seconds, in the future), or always when it is null. */
    public Chat mute(Principal principal, String sessionName, String rawChatId, Long untilSeconds) {
        if (untilSeconds != null && untilSeconds * 1000 <= clock.millis()) {
            throw ApiException.badRequest("until must be in the future (Unix seconds)");
        }
        long until = untilSeconds == null ? EngineEvent.ChatState.ALWAYS : untilSeconds * 1000;
        return change(principal, sessionName, rawChatId, (session, chatId) -> engine -> engine.muteChat(chatId, until));
    }

    public Chat unmute(Principal principal, String sessionName, String rawChatId) {
        return change(principal, sessionName, rawChatId, (session, chatId) -> engine ->
                engine.muteChat(chatId, EngineEvent.ChatState.NOT_MUTED));
    }

    /** Marks the chat unread; reading it (or writing in it) clears the mark. */
    public Chat markUnread(Principal principal, String sessionName, String rawChatId) {
        return change(principal, sessionName, rawChatId, (session, chatId) -> engine ->
                engine.markChatUnread(chatId, last(session, chatId)));
    }

    /** Turns disappearing messages on ({@code seconds} one of WhatsApp's timers) or off (0) for everyone in the chat. */
    public Chat disappearing(Principal principal, String sessionName, String rawChatId, Integer seconds) {
        if (seconds == null || !TIMERS.contains(seconds)) {
            throw ApiException.badRequest("duration must be 0 (off), 86400 (24 h), 604800 (7 days) or 7776000 (90 days)");
        }
        return change(principal, sessionName, rawChatId, (session, chatId) -> engine ->
                engine.setDisappearing(chatId, seconds));
    }

    /** Deletes the chat from the account's devices; wagate's stored messages stay (the message history). */
    public void delete(Principal principal, String sessionName, String rawChatId) {
        change(principal, sessionName, rawChatId, (session, chatId) -> engine ->
                engine.deleteChat(chatId, last(session, chatId)));
    }

    /** What a change does, once its session and chat are known (and checked, which may refuse). */
    private interface Change {
        Consumer<EngineSession> command(Session session, ChatId chatId);
    }

    /** Runs the engine command and answers with the chat once what the engine reported is stored. */
    private Chat change(Principal principal, String sessionName, String rawChatId, Change change) {
        var session = sessions.get(principal, sessionName);
        var chatId = ChatId.parse(rawChatId, "chatId");
        var command = change.command(session, chatId);
        writes.awaitingWrites(() -> {
            sessions.runWithEngine(session, command);
            return null;
        });
        return overviews(session, List.of(store.find(session.id(), chatId).orElse(Chat.unknown(chatId.value()))))
                .getFirst();
    }

    private Optional<EngineSession.LastMessage> last(Session session, ChatId chatId) {
        return Optional.ofNullable(messages.lastOfChats(session.id(), List.of(chatId.value())).get(chatId.value()))
                .map(m -> new EngineSession.LastMessage(MessageIds.parse(m.id(), "messageId"),
                        Instant.ofEpochSecond(m.timestamp())));
    }

    @Override
    public void onEvent(String sessionId, EngineEvent event) {
        switch (event) {
            // statuses are no chat: they have their own list
            case EngineEvent.MessageAdded added when added.message().key().chatId().isStatus() -> { }
            case EngineEvent.MessageAdded added -> {
                var key = added.message().key();
                long at = clock.millis();
                if (key.fromMe()) {
                    store.answered(sessionId, key.chatId(), at);
                } else {
                    store.received(sessionId, key.chatId(), at);
                }
            }
            case EngineEvent.ChatArchived archived -> store.setArchived(sessionId, archived.chatId(),
                    archived.archived(), archived.timestamp().toEpochMilli());
            case EngineEvent.ChatStateChanged changed -> store.apply(sessionId, changed.chatId(), changed.state(),
                    changed.timestamp().toEpochMilli());
            case EngineEvent.ChatDeleted deleted -> store.deleted(sessionId, deleted.chatId(),
                    deleted.timestamp().toEpochMilli());
            case EngineEvent.GroupChanged changed when !changed.group().subject().isEmpty() -> store.apply(sessionId,
                    changed.group().id(), EngineEvent.ChatState.named(changed.group().subject()),
                    changed.timestamp().toEpochMilli());
            default -> { }
        }
    }

    private static boolean flag(String raw) {
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("archived must be true or false");
        };
    }

    private static ChatStore.SortBy sortBy(String raw) {
        return switch (raw == null ? "conversationTimestamp" : raw) {
            case "conversationTimestamp" -> ChatStore.SortBy.CONVERSATION_TIMESTAMP;
            case "id" -> ChatStore.SortBy.ID;
            case "name" -> ChatStore.SortBy.NAME;
            default -> throw ApiException.badRequest("sortBy must be conversationTimestamp, id or name");
        };
    }

    /** Newest first by default; names and ids A to Z. */
    private static boolean descending(String raw, ChatStore.SortBy sortBy) {
        if (raw == null) {
            return sortBy == ChatStore.SortBy.CONVERSATION_TIMESTAMP;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw ApiException.badRequest("sortOrder must be asc or desc");
        };
    }
}
