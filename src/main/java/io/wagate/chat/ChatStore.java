package io.wagate.chat;

import io.wagate.ids.ChatId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The chats table (each chat's archived flag), read together with the messages table, where the
 * chats themselves come from.
 */
public final class ChatStore {
    /**
     * Every chat with stored messages or a stored state, newest message first. Flags become
     * integers so that MAX works alike on SQLite and PostgreSQL.
     */
    private static final String CHATS = """
            SELECT chat_id, MAX(last_at) AS last_at, MAX(archived) AS archived FROM (
                SELECT chat_id, MAX(sent_at) AS last_at, 0 AS archived
                FROM messages WHERE session_id = :sessionId GROUP BY chat_id
                UNION ALL
                SELECT chat_id, NULL AS last_at, CASE WHEN archived THEN 1 ELSE 0 END AS archived
                FROM chats WHERE session_id = :sessionId
            ) AS known""";

    private final Jdbi jdbi;

    public ChatStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void setArchived(String sessionId, ChatId chatId, boolean archived, long atMillis) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO chats (session_id, chat_id, archived, updated_at)
                        VALUES (:sessionId, :chatId, :archived, :at)
                        ON CONFLICT (session_id, chat_id) DO UPDATE SET archived = :archived, updated_at = :at""")
                .bind("sessionId", sessionId)
                .bind("chatId", chatId)
                .bind("archived", archived)
                .bind("at", atMillis)
                .execute());
    }

    /** A page of chats, newest message first (chats without messages last); {@code archived} filters. */
    public List<Chat> list(String sessionId, Optional<Boolean> archived, int limit, int offset) {
        String filter = archived.map(a -> " HAVING MAX(archived) = " + (a ? 1 : 0)).orElse("");
        return jdbi.withHandle(h -> h.createQuery(CHATS + " WHERE chat_id IS NOT NULL GROUP BY chat_id" + filter
                        + " ORDER BY CASE WHEN MAX(last_at) IS NULL THEN 1 ELSE 0 END, MAX(last_at) DESC, chat_id"
                        + " LIMIT :limit OFFSET :offset")
                .bind("sessionId", sessionId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> chat(rs.getString("chat_id"), rs.getInt("archived"), rs.getObject("last_at")))
                .list());
    }

    public Optional<Chat> find(String sessionId, ChatId chatId) {
        return jdbi.withHandle(h -> h.createQuery(CHATS + " WHERE chat_id = :chatId GROUP BY chat_id")
                .bind("sessionId", sessionId)
                .bind("chatId", chatId)
                .map((rs, ctx) -> chat(rs.getString("chat_id"), rs.getInt("archived"), rs.getObject("last_at")))
                .findOne());
    }

    private static Chat chat(String id, int archived, Object lastAtMillis) {
        Long seconds = lastAtMillis == null ? null : ((Number) lastAtMillis).longValue() / 1000;
        return new Chat(id, archived == 1, seconds);
    }
}
