package io.wagate.webhook;

import io.wagate.webhook.Delivery.Attempted;
import io.wagate.webhook.Delivery.LaneKey;
import io.wagate.webhook.Delivery.Queued;
import io.wagate.webhook.Delivery.Listed;
import io.wagate.webhook.Delivery.Status;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code webhook_deliveries} table. Writes take the outbox writer's connection, in its transaction (all writes
 * go through {@link OutboxWriter}); reads for the API and the dispatcher's sweep use their own.
 */
final class DeliveryStore {
    private static final String QUEUED = "id, session_id, webhook_url, chat_key, seq, event_id, event_name, event_at, "
            + "body, attempts, next_attempt_at";
    private static final String LISTED = "id, session_id, webhook_url, event_id, event_name, status, attempts, "
            + "created_at, next_attempt_at, last_attempt_at, last_status, last_error, finished_at, body";
    private static final String PENDING = "pending";

    private final Jdbi jdbi;

    DeliveryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    long maxSeq() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM webhook_deliveries")
                .mapTo(Long.class).one());
    }

    /**
     * The two statements of the hot path, run on the outbox writer's own connection, which prepares them once (a
     * third of their cost was preparing them again for every commit).
     */
    static final String INSERT = """
            INSERT INTO webhook_deliveries (id, session_id, webhook_url, chat_key, seq, event_id, event_name,
                event_at, body, status, attempts, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)""";
    static final String RECORD = """
            UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?,
                last_status = ?, last_error = COALESCE(?, last_error), finished_at = ?
            WHERE id = ? AND status = 'pending'""";

    /** New pending deliveries, with {@link #INSERT}. */
    static void insert(PreparedStatement insert, List<Queued> rows, long now) throws SQLException {
        for (var row : rows) {
            insert.setString(1, row.id);
            insert.setString(2, row.lane.sessionId());
            insert.setString(3, row.lane.url());
            insert.setString(4, row.lane.chatKey());
            insert.setLong(5, row.seq);
            insert.setString(6, row.eventId);
            insert.setString(7, row.eventName);
            insert.setLong(8, row.eventAt);
            insert.setString(9, row.bodyText());
            insert.setLong(10, row.dueAt);
            insert.setLong(11, now);
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /**
     * Attempts of pending deliveries, with {@link #RECORD}; a row that is gone (its session deleted) is left alone.
     * A success keeps the error of the failed attempt before it, if any.
     */
    static void record(PreparedStatement record, List<Attempted> attempts) throws SQLException {
        for (var attempt : attempts) {
            boolean finished = attempt.status() != Status.PENDING;
            record.setString(1, attempt.status().wire());
            record.setInt(2, attempt.attempts());
            record.setLong(3, attempt.nextAttemptAt());
            record.setLong(4, attempt.attemptedAt());
            if (attempt.httpStatus() == null) {
                record.setNull(5, Types.INTEGER);
            } else {
                record.setInt(5, attempt.httpStatus());
            }
            record.setString(6, attempt.error());
            if (finished) {
                record.setLong(7, attempt.attemptedAt());
            } else {
                record.setNull(7, Types.BIGINT);
            }
            record.setString(8, attempt.id());
            record.addBatch();
        }
        record.executeBatch();
    }

    void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM webhook_deliveries WHERE id = :id").bind("id", id).execute();
    }

    int deletePending(Handle h, String sessionId, String url) {
        return h.createUpdate("""
                        DELETE FROM webhook_deliveries
                        WHERE session_id = :sessionId AND webhook_url = :url AND status = :pending""")
                .bind("sessionId", sessionId).bind("url", url).bind("pending", PENDING).execute();
    }

    /** The next pending deliveries of a lane after {@code afterSeq}, in order. */
    List<Queued> lane(Handle h, LaneKey lane, long afterSeq, int limit) {
        return h.createQuery("SELECT " + QUEUED + """
                         FROM webhook_deliveries
                        WHERE status = 'pending' AND session_id = :sessionId AND webhook_url = :url
                          AND chat_key = :chatKey AND seq > :after
                        ORDER BY seq LIMIT :limit""")
                .bind("sessionId", lane.sessionId()).bind("url", lane.url())
                .bind("chatKey", lane.chatKey()).bind("after", afterSeq).bind("limit", limit)
                .map((rs, ctx) -> queued(rs)).list();
    }

    /** Every lane that has pending deliveries. */
    List<LaneKey> pendingLanes() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT session_id, webhook_url, chat_key FROM webhook_deliveries
                        WHERE status = 'pending'""")
                .map((rs, ctx) -> new LaneKey(rs.getString(1), rs.getString(2), rs.getString(3))).list());
    }

    /** Makes a finished delivery pending again, as the newest of its lane, and returns it. */
    Optional<Queued> requeue(Handle h, String sessionId, String id, long seq, long now) {
        int updated = h.createUpdate("""
                        UPDATE webhook_deliveries SET status = :pending, attempts = 0, next_attempt_at = :now,
                            seq = :seq, finished_at = NULL
                        WHERE id = :id AND session_id = :sessionId AND status <> :pending""")
                .bind("pending", PENDING).bind("now", now).bind("seq", seq).bind("id", id)
                .bind("sessionId", sessionId).execute();
        if (updated == 0) {
            return Optional.empty();
        }
        return h.createQuery("SELECT " + QUEUED + " FROM webhook_deliveries WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> queued(rs)).findOne();
    }

    /**
     * Deletes up to {@code limit} finished rows of {@code status} whose event is older than {@code beforeId} (a
     * delivery id made at the cut-off: ids sort by the time they were made); returns how many.
     */
    int prune(Handle h, Status status, String beforeId, int limit) {
        return h.createUpdate("""
                        DELETE FROM webhook_deliveries WHERE id IN (
                            SELECT id FROM webhook_deliveries WHERE id < :before AND status = :status LIMIT :limit)""")
                .bind("status", status.wire()).bind("before", beforeId).bind("limit", limit).execute();
    }

    long countPending() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'")
                .mapTo(Long.class).one());
    }

    /** A session's deliveries, newest first, of one status or all. */
    List<Listed> list(String sessionId, Optional<Status> status, int limit) {
        // The status as a literal (one of three fixed words), so that the partial indexes can serve the query.
        String where = status.map(s -> " AND status = '" + s.wire() + "'").orElse("");
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LISTED + " FROM webhook_deliveries"
                        + " WHERE session_id = :sessionId" + where + " ORDER BY seq DESC LIMIT :limit")
                .bind("sessionId", sessionId).bind("limit", limit).map((rs, ctx) -> listed(rs)).list());
    }

    Optional<Listed> find(String sessionId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LISTED
                        + " FROM webhook_deliveries WHERE id = :id AND session_id = :sessionId")
                .bind("id", id).bind("sessionId", sessionId).map((rs, ctx) -> listed(rs)).findOne());
    }

    private static Queued queued(ResultSet rs) throws SQLException {
        return new Queued(rs.getString("id"),
                new LaneKey(rs.getString("session_id"), rs.getString("webhook_url"), rs.getString("chat_key")),
                rs.getLong("seq"), rs.getString("event_id"), rs.getString("event_name"), rs.getLong("event_at"),
                rs.getString("body").getBytes(StandardCharsets.UTF_8), rs.getInt("attempts"),
                rs.getLong("next_attempt_at"));
    }

    private static Listed listed(ResultSet rs) throws SQLException {
        var status = Status.of(rs.getString("status")).orElseThrow();
        return new Listed(rs.getString("id"), rs.getString("session_id"), rs.getString("webhook_url"),
                rs.getString("event_id"), rs.getString("event_name"), status, rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                status == Status.PENDING ? Optional.of(Instant.ofEpochMilli(rs.getLong("next_attempt_at")))
                        : Optional.empty(),
                instant(rs, "last_attempt_at"), optionalInt(rs, "last_status"),
                Optional.ofNullable(rs.getString("last_error")), instant(rs, "finished_at"), rs.getString("body"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    private static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
