package io.wagate.chat;

import io.wagate.engine.EngineEvent;
import io.wagate.ids.ChatId;
import io.wagate.store.WriteQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The chats table (each chat's state as WhatsApp syncs it), read together with the messages table, where most
 * chats come from. Writes go through the {@link WriteQueue}, in order with the messages they follow (an unread
 * count must not be raised after the read that cleared it).
 */
public final class ChatStore {
    /** How the list can be ordered; the default is the phone's (pinned first, newest first). */
    public enum SortBy { CONVERSATION_TIMESTAMP, ID, NAME }

    /**
     * Every chat with stored messages or a stored state, one row each (statuses are no chat). Flags become integers so that MAX works
     * alike on SQLite and PostgreSQL.
     */
    private static final String CHATS = """
            SELECT * FROM (
                SELECT chat_id, MAX(last_at) AS last_at, MAX(archived) AS archived, MAX(pinned) AS pinned,
                       MAX(muted_until) AS muted_until, MAX(name) AS name, MAX(unread_count) AS unread_count,
                       MAX(marked_unread) AS marked_unread, MAX(deleted_at) AS deleted_at,
                       MAX(disappearing) AS disappearing FROM (
                    SELECT chat_id, MAX(sent_at) AS last_at, 0 AS archived, 0 AS pinned, NULL AS muted_until,
                           NULL AS name, 0 AS unread_count, 0 AS marked_unread, NULL AS deleted_at, 0 AS disappearing
                    FROM messages WHERE session_id = :sessionId AND chat_id <> 'status@broadcast' GROUP BY chat_id
                    UNION ALL
                    SELECT chat_id, last_at, CASE WHEN archived THEN 1 ELSE 0 END, CASE WHEN pinned THEN 1 ELSE 0 END,
                           muted_until, name, unread_count, CASE WHEN marked_unread THEN 1 ELSE 0 END, deleted_at,
                           disappearing
                    FROM chats WHERE session_id = :sessionId
                ) AS known GROUP BY chat_id
            ) AS c WHERE (c.deleted_at IS NULL OR c.last_at > c.deleted_at)""";

    private static final String RECEIVED = """
            INSERT INTO chats (session_id, chat_id, archived, unread_count, updated_at) VALUES (?, ?, FALSE, 1, ?)
            ON CONFLICT (session_id, chat_id) DO UPDATE SET unread_count = chats.unread_count + 1,
                updated_at = EXCLUDED.updated_at""";

    private static final String ANSWERED = """
            UPDATE chats SET unread_count = 0, marked_unread = FALSE, updated_at = ?
            WHERE session_id = ? AND chat_id = ? AND (unread_count <> 0 OR marked_unread)""";

    private final Jdbi jdbi;
    private final WriteQueue writes;
    private final Clock clock;

    public ChatStore(Jdbi jdbi, WriteQueue writes, Clock clock) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.clock = clock;
    }

    /** A message from someone else came into the chat: one more unread. */
    public void received(String sessionId, ChatId chatId, long atMillis) {
        writes.submitStatement(RECEIVED, st -> {
            st.setString(1, sessionId);
            st.setString(2, chatId.value());
            st.setLong(3, atMillis);
        });
    }

    /** The account wrote in the chat, which reads it (as on WhatsApp's phones). */
    public void answered(String sessionId, ChatId chatId, long atMillis) {
        writes.submitStatement(ANSWERED, st -> {
            st.setLong(1, atMillis);
            st.setString(2, sessionId);
            st.setString(3, chatId.value());
        });
    }

    public void setArchived(String sessionId, ChatId chatId, boolean archived, long atMillis) {
        var state = new EngineEvent.ChatState(Optional.empty(), Optional.of(archived), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        apply(sessionId, chatId, state, atMillis);
    }

    /** Sets what the state names, creating the chat's row (nothing set) if needed. */
    public void apply(String sessionId, ChatId chatId, EngineEvent.ChatState state, long atMillis) {
        var sets = new ArrayList<String>();
        state.name().ifPresent(n -> sets.add("name = :name"));
        state.archived().ifPresent(a -> sets.add("archived = :archived"));
        state.pinned().ifPresent(p -> sets.add("pinned = :pinned"));
        state.mutedUntil().ifPresent(m -> sets.add("muted_until = :mutedUntil"));
        state.unreadCount().ifPresent(count -> sets.add(count == EngineEvent.ChatState.MARKED_UNREAD
                ? "marked_unread = TRUE" : "unread_count = :unread, marked_unread = FALSE"));
        state.lastMessageAt().ifPresent(at -> sets.add("last_at = :lastAt"));
        state.disappearing().ifPresent(d -> sets.add("disappearing = :disappearing"));
        if (sets.isEmpty()) {
            return;
        }
        int unread = state.unreadCount().orElse(0);
        Long muted = state.mutedUntil().filter(m -> m != EngineEvent.ChatState.NOT_MUTED).orElse(null);
        writes.submit(h -> h.createUpdate("""
                        INSERT INTO chats (session_id, chat_id, archived, name, pinned, muted_until, unread_count,
                            marked_unread, last_at, disappearing, updated_at)
                        VALUES (:sessionId, :chatId, :archived, :name, :pinned, :mutedUntil, :unread, :marked, :lastAt,
                            :disappearing, :at)
                        ON CONFLICT (session_id, chat_id) DO UPDATE SET\s""" + String.join(", ", sets)
                        + ", updated_at = :at")
                .bind("sessionId", sessionId)
                .bind("chatId", chatId.value())
                .bind("archived", state.archived().orElse(false))
                .bind("name", state.name().orElse(null))
                .bind("pinned", state.pinned().orElse(false))
                .bind("mutedUntil", muted)
                .bind("unread", Math.max(unread, 0))
                .bind("marked", unread == EngineEvent.ChatState.MARKED_UNREAD)
                .bind("lastAt", state.lastMessageAt().map(java.time.Instant::toEpochMilli).orElse(null))
                .bind("disappearing", state.disappearing().orElse(0))
                .bind("at", atMillis)
                .execute());
    }

    /** The chat was deleted: its state is gone, and it is listed again once a newer message comes. */
    public void deleted(String sessionId, ChatId chatId, long atMillis) {
        writes.submit(h -> h.createUpdate("""
                        INSERT INTO chats (session_id, chat_id, archived, deleted_at, updated_at)
                        VALUES (:sessionId, :chatId, FALSE, :at, :at)
                        ON CONFLICT (session_id, chat_id) DO UPDATE SET archived = FALSE, pinned = FALSE,
                            muted_until = NULL, unread_count = 0, marked_unread = FALSE, last_at = NULL,
                            deleted_at = :at, updated_at = :at""")
                .bind("sessionId", sessionId)
                .bind("chatId", chatId.value())
                .bind("at", atMillis)
                .execute());
    }

    /** How many of the session's chats are pinned. */
    public int pinnedCount(String sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM chats WHERE session_id = :sessionId AND pinned")
                .bind("sessionId", sessionId)
                .mapTo(Integer.class)
                .one());
    }

    /** A page of chats; {@code archived} filters. */
    public List<Chat> list(String sessionId, Optional<Boolean> archived, SortBy sortBy, boolean descending,
                           int limit, int offset) {
        String filter = archived.map(a -> " AND c.archived = " + (a ? 1 : 0)).orElse("");
        String direction = descending ? " DESC" : " ASC";
        String order = switch (sortBy) {
            case CONVERSATION_TIMESTAMP -> "c.pinned DESC, CASE WHEN c.last_at IS NULL THEN 1 ELSE 0 END, c.last_at"
                    + direction + ", c.chat_id";
            case NAME -> "CASE WHEN c.name IS NULL THEN 1 ELSE 0 END, c.name" + direction + ", c.chat_id";
            case ID -> "c.chat_id" + direction;
        };
        return jdbi.withHandle(h -> h.createQuery(CHATS + filter + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .bind("sessionId", sessionId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> chat(rs))
                .list());
    }

    /** The chat as listed; empty when the session knows nothing of it (or deleted it). */
    public Optional<Chat> find(String sessionId, ChatId chatId) {
        return jdbi.withHandle(h -> h.createQuery(CHATS + " AND c.chat_id = :chatId")
                .bind("sessionId", sessionId)
                .bind("chatId", chatId.value())
                .map((rs, ctx) -> chat(rs))
                .findOne());
    }

    private Chat chat(ResultSet rs) throws SQLException {
        Object lastAtMillis = rs.getObject("last_at");
        Long seconds = lastAtMillis == null ? null : ((Number) lastAtMillis).longValue() / 1000;
        Object mutedMillis = rs.getObject("muted_until");
        Long mutedUntil = null;
        if (mutedMillis != null) {
            long until = ((Number) mutedMillis).longValue();
            // a mute that ran out is no mute: WhatsApp's phones show the chat unmuted then
            mutedUntil = until < 0 ? Long.valueOf(-1) : until > clock.millis() ? until / 1000 : null;
        }
        return new Chat(rs.getString("chat_id"), rs.getString("name"), seconds, rs.getInt("archived") == 1,
                rs.getInt("pinned") == 1, mutedUntil, rs.getInt("unread_count"), rs.getInt("marked_unread") == 1,
                rs.getInt("disappearing"), null, null, List.of());
    }
}
