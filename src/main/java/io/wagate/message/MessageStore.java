package io.wagate.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.engine.Ack;
import io.wagate.idempotency.RunningClaims;
import io.wagate.ids.ChatId;
import io.wagate.store.WriteQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The messages table: every message a session sent or received, with its latest ack; and beside it
 * the latest reaction of each reactor to each message, attached to the messages as they are read.
 * Writes go through the {@link WriteQueue} (engines report messages while holding their session's
 * lock), in the order they were made; reads go straight to the database.
 */
public final class MessageStore {
    private final Jdbi jdbi;
    private final WriteQueue writes;
    private final ObjectMapper json;
    /** Storage order; one wagate process per database, so a counter in memory is enough. */
    private final AtomicLong seq;
    private final ConcurrentHashMap<StoredKey, PendingAck> pendingAcks = new ConcurrentHashMap<>();
    /** A send under an idempotency key writes its message onto the claim, in the message's transaction. */
    private final RunningClaims claims;
    /** For disappearing messages: what ran out by this clock is no longer read. */
    private final Clock clock;

    public MessageStore(Jdbi jdbi, WriteQueue writes, ObjectMapper json, RunningClaims claims, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.claims = claims;
        this.writes = writes;
        this.json = json;
        this.seq = new AtomicLong(jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM messages")
                .mapTo(Long.class).one()));
    }

    /**
     * Keeps a message; a second report of the same message changes nothing but a higher ack. In a chat with
     * disappearing messages on (its timer in the chats table, written before this in the same queue) the message
     * runs out after the timer, counted from when it was sent, as on WhatsApp.
     */
    public void insert(String sessionId, ChatId chatId, long sentAtMillis, Message message) {
        long order = seq.incrementAndGet();
        var key = new StoredKey(sessionId, message.id());
        var pending = new PendingAck(message.ack());
        // Plain JDBC on the writer's prepared statement: this and raiseAck run for every message, and binding by
        // name costs more than the insert. The JSON is written on the writer thread, off the engine's session lock.
        synchronized (pending) { // a raise waits until the insert's future is known
            pendingAcks.put(key, pending);
            var statements = new ArrayList<WriteQueue.Statement>(2);
            statements.add(new WriteQueue.Statement(INSERT, st -> {
                pendingAcks.remove(key, pending);
                st.setString(1, sessionId);
                st.setString(2, message.id());
                st.setString(3, chatId.value());
                st.setBoolean(4, message.fromMe());
                st.setLong(5, sentAtMillis);
                st.setInt(6, pending.written());
                st.setString(7, toJson(message));
                st.setLong(8, order);
                st.setLong(9, sentAtMillis);
                st.setString(10, sessionId);
                st.setString(11, chatId.value());
            }));
            claims.current().filter(claim -> message.fromMe()).ifPresent(claim -> statements.add(
                    new WriteQueue.Statement(RunningClaims.LINK,
                            st -> RunningClaims.bindLink(st, claim, sessionId, message.id()))));
            pending.insert = writes.submitStatements(statements);
        }
    }

    /** Moves the ack forward only: a late SERVER never overwrites a READ. */
    public void raiseAck(String sessionId, String messageId, Ack ack) {
        var pending = pendingAcks.get(new StoredKey(sessionId, messageId));
        var insert = pending == null ? null : pending.raise(ack.value());
        if (insert != null) {
            writes.include(insert);
            return;
        }
        writes.submitStatement(RAISE_ACK, st -> {
            st.setInt(1, ack.value());
            st.setString(2, sessionId);
            st.setString(3, messageId);
            st.setInt(4, ack.value());
            st.setInt(5, ack.value());
        });
    }

    /**
     * WhatsApp refused a sent message: its ack becomes -1 ERROR with the error, unless it already reached a device
     * (then it arrived after all). Written after the message's insert, which the write queue keeps in order.
     */
    public void fail(String sessionId, String messageId, Message.Failure error) {
        String reason = error.reason().length() > 1000 ? error.reason().substring(0, 1000) : error.reason();
        writes.submitStatement(FAIL, st -> {
            st.setInt(1, Ack.ERROR.value());
            st.setString(2, error.code());
            st.setString(3, reason);
            st.setString(4, sessionId);
            st.setString(5, messageId);
            st.setInt(6, Ack.DEVICE.value());
        });
    }

    private record StoredKey(String sessionId, String messageId) {}

    /**
     * The ack of a message whose insert is still queued. An ack that arrives before the insert runs (the recipient's
     * DEVICE ack usually does) rides along with it: one statement less per message.
     */
    private static final class PendingAck {
        private int ack;
        private boolean written;
        private CompletableFuture<Void> insert;

        PendingAck(int ack) {
            this.ack = ack;
        }

        /** The insert that will write the raised ack; null once it has taken its ack (write the raise on its own). */
        synchronized CompletableFuture<Void> raise(int to) {
            if (written) {
                return null;
            }
            ack = Math.max(ack, to);
            return insert;
        }

        synchronized int written() {
            written = true;
            return ack;
        }
    }

    private static final String INSERT = """
            INSERT INTO messages (session_id, message_id, chat_id, from_me, sent_at, ack, payload, seq, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT ? + disappearing * CAST(1000 AS BIGINT) FROM chats
                                             WHERE session_id = ? AND chat_id = ? AND disappearing > 0))
            ON CONFLICT (session_id, message_id) DO UPDATE SET ack = excluded.ack WHERE messages.ack < excluded.ack""";
    /** A failed message stays failed for a late SERVER or PENDING; a device's ack shows it arrived after all. */
    private static final String RAISE_ACK = """
            UPDATE messages SET ack = ?, error_code = NULL, error_reason = NULL
            WHERE session_id = ? AND message_id = ? AND ack < ? AND (ack >= 0 OR ? >= 2)""";
    private static final String FAIL = """
            UPDATE messages SET ack = ?, error_code = ?, error_reason = ?
            WHERE session_id = ? AND message_id = ? AND ack < ?""";

    /** Leaves out the messages whose disappearing timer ran out by {@code :now}. */
    private static final String NOT_EXPIRED = " AND (expires_at IS NULL OR expires_at > :now)";

    /**
     * Deletes the messages whose disappearing timer ran out (their reactions with them), as WhatsApp's devices do.
     * Reads already leave them out; this keeps the table from holding them.
     */
    public CompletableFuture<Void> deleteExpired() {
        long now = clock.millis();
        return writes.submit(h -> h.createUpdate("DELETE FROM messages WHERE expires_at IS NOT NULL AND expires_at <= :now")
                .bind("now", now).execute());
    }

    /**
     * Pins a stored message until {@code untilMillis} (by {@code by}), or unpins it (null), after what was queued
     * before; a message not in the store is left alone.
     */
    public void pin(String sessionId, String messageId, Long untilMillis, String by) {
        writes.submit(h -> h.createUpdate("UPDATE messages SET pinned_until = :until, pinned_by = :by"
                        + " WHERE session_id = :sessionId AND message_id = :messageId")
                .bind("until", untilMillis).bind("by", untilMillis == null ? null : by)
                .bind("sessionId", sessionId).bind("messageId", messageId).execute());
    }

    /** Stars or unstars a stored message; false when there is no such message. */
    public boolean setStarred(String sessionId, String messageId, boolean starred) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE messages SET starred = :starred WHERE session_id = :sessionId AND message_id = :messageId")
                .bind("starred", starred)
                .bind("sessionId", sessionId)
                .bind("messageId", messageId)
                .execute()) > 0;
    }

    /** Changes a stored message's content (after an edit, a revoke or a vote); its ack and star stay. None stored: nothing. */
    public void change(String sessionId, String messageId, UnaryOperator<Message> change) {
        writes.submit(h -> h.createQuery(
                        "SELECT ack, starred, error_code, error_reason, pinned_until, pinned_by, payload FROM messages WHERE session_id = :sessionId AND message_id = :messageId")
                .bind("sessionId", sessionId).bind("messageId", messageId)
                .map((rs, ctx) -> message(rs)).findOne()
                .ifPresent(stored -> h.createUpdate("UPDATE messages SET payload = :payload"
                                + " WHERE session_id = :sessionId AND message_id = :messageId")
                        .bind("payload", toJson(change.apply(stored)))
                        .bind("sessionId", sessionId)
                        .bind("messageId", messageId)
                        .execute()));
    }

    /**
     * Keeps {@code reactor}'s reaction to a stored message ("" removes it), unless a later one is
     * already kept; a reaction to a message not in the store is dropped.
     */
    public void react(String sessionId, String messageId, String reactor, String text, long atMillis) {
        writes.submit(h -> {
            if (text.isEmpty()) {
                h.createUpdate("""
                                DELETE FROM message_reactions WHERE session_id = :sessionId AND message_id = :messageId
                                AND reactor = :reactor AND reacted_at <= :at""")
                        .bind("sessionId", sessionId).bind("messageId", messageId).bind("reactor", reactor)
                        .bind("at", atMillis).execute();
                return;
            }
            h.createUpdate("""
                            INSERT INTO message_reactions (session_id, message_id, reactor, reaction, reacted_at)
                            SELECT session_id, message_id, :reactor, :reaction, :at FROM messages
                            WHERE session_id = :sessionId AND message_id = :messageId
                            ON CONFLICT (session_id, message_id, reactor) DO UPDATE
                            SET reaction = excluded.reaction, reacted_at = excluded.reacted_at
                            WHERE excluded.reacted_at >= message_reactions.reacted_at""")
                    .bind("sessionId", sessionId).bind("messageId", messageId).bind("reactor", reactor)
                    .bind("reaction", text).bind("at", atMillis).execute();
        });
    }

    /** Forgets every reaction to a message (it was deleted for everyone). */
    public void clearReactions(String sessionId, String messageId) {
        writes.submit(h -> h.createUpdate(
                        "DELETE FROM message_reactions WHERE session_id = :sessionId AND message_id = :messageId")
                .bind("sessionId", sessionId).bind("messageId", messageId).execute());
    }

    public Optional<Message> find(String sessionId, String messageId) {
        return jdbi.withHandle(h -> withReactions(h, sessionId, h.createQuery(
                        "SELECT ack, starred, error_code, error_reason, pinned_until, pinned_by, payload FROM messages WHERE session_id = :sessionId AND message_id = :messageId"
                        + NOT_EXPIRED)
                .bind("sessionId", sessionId).bind("messageId", messageId).bind("now", clock.millis())
                .map((rs, ctx) -> message(rs)).list())).stream().findFirst();
    }

    /**
     * The serialized id of the message WhatsApp knows as {@code waId} in {@code chatId}, sent or
     * received (in a group, by any member), if the session has it.
     */
    public Optional<String> findId(String sessionId, ChatId chatId, String waId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT message_id FROM messages WHERE session_id = :sessionId AND chat_id = :chatId
                        AND (message_id = :mine OR message_id = :theirs OR message_id LIKE :theirsInGroup ESCAPE '\\')
                        ORDER BY sent_at DESC, seq DESC""")
                .bind("sessionId", sessionId).bind("chatId", chatId)
                .bind("mine", "true_" + chatId + "_" + waId)
                .bind("theirs", "false_" + chatId + "_" + waId)
                // In a group, others' messages carry the sender after the id; "_" is a LIKE wildcard, so escaped.
                .bind("theirsInGroup", ("false_" + chatId + "_" + waId + "_").replace("_", "\\_") + "%")
                .mapTo(String.class).findFirst());
    }

    /** Whether the session has any message of this chat, sent or received. */
    public boolean hasChat(String sessionId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT 1 FROM messages WHERE session_id = :s AND chat_id = :c LIMIT 1")
                .bind("s", sessionId).bind("c", chatId).mapTo(Integer.class).findFirst().isPresent());
    }

    /** Newest first; {@code chatId} empty means every chat of the session. */
    public List<Message> list(String sessionId, Optional<ChatId> chatId, int limit, int offset) {
        return jdbi.withHandle(h -> withReactions(h, sessionId, h.createQuery(
                        "SELECT ack, starred, error_code, error_reason, pinned_until, pinned_by, payload FROM messages WHERE session_id = :sessionId"
                        + (chatId.isPresent() ? " AND chat_id = :chatId" : "") + NOT_EXPIRED
                        + " ORDER BY sent_at DESC, seq DESC LIMIT :limit OFFSET :offset")
                .bind("sessionId", sessionId)
                .bind("now", clock.millis())
                .bind("chatId", chatId.orElse(null))
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> message(rs)).list()));
    }

    /** The newest message of each of these chats that has one, by chat id. */
    public Map<String, Message> lastOfChats(String sessionId, List<String> chatIds) {
        if (chatIds.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(h -> {
            var chatOf = new HashMap<String, String>();
            var newest = h.createQuery("""
                            SELECT chat_id, ack, starred, error_code, error_reason, pinned_until, pinned_by, payload FROM (
                                SELECT chat_id, ack, starred, error_code, error_reason, pinned_until, pinned_by, payload, ROW_NUMBER() OVER (
                                    PARTITION BY chat_id ORDER BY sent_at DESC, seq DESC) AS newest
                                FROM messages WHERE session_id = :sessionId AND chat_id IN (<chats>)""" + NOT_EXPIRED + """

                            ) AS m WHERE newest = 1""")
                    .bind("sessionId", sessionId)
                    .bind("now", clock.millis())
                    .bindList("chats", chatIds)
                    .map((rs, ctx) -> {
                        var message = message(rs);
                        chatOf.put(message.id(), rs.getString("chat_id"));
                        return message;
                    }).list();
            var byChat = new HashMap<String, Message>();
            withReactions(h, sessionId, newest).forEach(m -> byChat.put(chatOf.get(m.id()), m));
            return byChat;
        });
    }

    /** The messages with their reactions, read in one query, oldest reaction first. */
    private static List<Message> withReactions(Handle h, String sessionId, List<Message> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        var byMessage = new HashMap<String, List<Message.Reaction>>();
        h.createQuery("""
                        SELECT message_id, reactor, reaction, reacted_at FROM message_reactions
                        WHERE session_id = :sessionId AND message_id IN (<ids>) ORDER BY reacted_at, reactor""")
                .bind("sessionId", sessionId)
                .bindList("ids", messages.stream().map(Message::id).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("message_id"), new Message.Reaction(rs.getString("reactor"),
                        rs.getString("reaction"), rs.getLong("reacted_at") / 1000)))
                .forEach(e -> byMessage.computeIfAbsent(e.getKey(), id -> new ArrayList<>()).add(e.getValue()));
        return messages.stream().map(m -> m.withReactions(byMessage.getOrDefault(m.id(), List.of()))).toList();
    }

    private Message message(ResultSet rs) throws SQLException {
        try {
            String errorCode = rs.getString("error_code");
            long until = rs.getLong("pinned_until");
            Long pinnedUntil = rs.wasNull() ? null : until;
            return json.readValue(rs.getString("payload"), Message.class).withAck(Message.ackOf(rs.getInt("ack")))
                    .withStarred(rs.getBoolean("starred"))
                    .withPin(pinnedUntil, rs.getString("pinned_by"), clock.millis())
                    .withError(errorCode == null ? null : new Message.Failure(errorCode, rs.getString("error_reason")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message is not readable", e);
        }
    }

    private String toJson(Message message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message is always serializable", e);
        }
    }
}
