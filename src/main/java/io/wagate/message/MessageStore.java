package io.wagate.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.engine.Ack;
import io.wagate.store.WriteQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The messages table: every message a session sent or received, with its latest ack. Its writes
 * go through the {@link WriteQueue} (engines report messages while holding their session's lock);
 * reads go straight to the database.
 */
public final class MessageStore {
    private final Jdbi jdbi;
    private final WriteQueue writes;
    private final ObjectMapper json;
    /** Storage order; one wagate process per database, so a counter in memory is enough. */
    private final AtomicLong seq;

    public MessageStore(Jdbi jdbi, WriteQueue writes, ObjectMapper json) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.json = json;
        this.seq = new AtomicLong(jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM messages")
                .mapTo(Long.class).one()));
    }

    /** Keeps a message; a second report of the same message changes nothing. */
    public void insert(String sessionId, String chatId, long sentAtMillis, Message message) {
        // Serialized on the writer thread, off the engine's session lock.
        long order = seq.incrementAndGet();
        writes.submit(h -> h.createUpdate("""
                        INSERT INTO messages (session_id, message_id, chat_id, from_me, sent_at, ack, payload, seq)
                        VALUES (:sessionId, :messageId, :chatId, :fromMe, :sentAt, :ack, :payload, :seq)
                        ON CONFLICT (session_id, message_id) DO NOTHING""")
                .bind("sessionId", sessionId)
                .bind("messageId", message.id())
                .bind("chatId", chatId)
                .bind("fromMe", message.fromMe())
                .bind("sentAt", sentAtMillis)
                .bind("ack", message.ack())
                .bind("payload", toJson(message))
                .bind("seq", order)
                .execute());
    }

    /** Moves the ack forward only: a late SERVER never overwrites a READ. */
    public void raiseAck(String sessionId, String messageId, Ack ack) {
        writes.submit(h -> h.createUpdate("""
                        UPDATE messages SET ack = :ack
                        WHERE session_id = :sessionId AND message_id = :messageId AND ack < :ack""")
                .bind("ack", ack.value())
                .bind("sessionId", sessionId)
                .bind("messageId", messageId)
                .execute());
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
                        "SELECT ack, starred, payload FROM messages WHERE session_id = :sessionId AND message_id = :messageId")
                .bind("sessionId", sessionId).bind("messageId", messageId)
                .map((rs, ctx) -> message(rs)).findOne()
                .ifPresent(stored -> h.createUpdate("UPDATE messages SET payload = :payload"
                                + " WHERE session_id = :sessionId AND message_id = :messageId")
                        .bind("payload", toJson(change.apply(stored)))
                        .bind("sessionId", sessionId)
                        .bind("messageId", messageId)
                        .execute()));
    }

    public Optional<Message> find(String sessionId, String messageId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT ack, starred, payload FROM messages WHERE session_id = :sessionId AND message_id = :messageId")
                .bind("sessionId", sessionId).bind("messageId", messageId)
                .map((rs, ctx) -> message(rs)).findOne());
    }

    /** Newest first; {@code chatId} empty means every chat of the session. */
    public List<Message> list(String sessionId, Optional<String> chatId, int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery("SELECT ack, starred, payload FROM messages WHERE session_id = :sessionId"
                        + (chatId.isPresent() ? " AND chat_id = :chatId" : "")
                        + " ORDER BY sent_at DESC, seq DESC LIMIT :limit OFFSET :offset")
                .bind("sessionId", sessionId)
                .bind("chatId", chatId.orElse(null))
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> message(rs)).list());
    }

    private Message message(ResultSet rs) throws SQLException {
        try {
            return json.readValue(rs.getString("payload"), Message.class).withAck(Message.ackOf(rs.getInt("ack")))
                    .withStarred(rs.getBoolean("starred"));
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
