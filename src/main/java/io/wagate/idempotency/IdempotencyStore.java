package io.wagate.idempotency;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** The idempotency_keys table. */
public final class IdempotencyStore {
    /**
     * What was stored under a key: {@code status} 0 while the first request still runs, in the process
     * {@code instanceId}; {@code sessionId} and {@code messageId} once its send stored a message.
     */
    public record Entry(String requestHash, int status, String body, long createdAt, String instanceId,
                        String sessionId, String messageId) {}

    private final Jdbi jdbi;

    public IdempotencyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Claims the key for a request now starting; false when the key is already taken. */
    public boolean claim(String accountId, String key, String requestHash, String instanceId, long now) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO idempotency_keys (account_id, idem_key, request_hash, status, created_at, instance_id)
                            VALUES (:account, :key, :hash, 0, :now, :instance)""")
                    .bind("account", accountId).bind("key", key).bind("hash", requestHash).bind("now", now)
                    .bind("instance", instanceId).execute());
            return true;
        } catch (StatementException e) {
            if (find(accountId, key).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Entry> find(String accountId, String key) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT request_hash, status, body, created_at, instance_id, session_id, message_id
                        FROM idempotency_keys WHERE account_id = :account AND idem_key = :key""")
                .bind("account", accountId).bind("key", key)
                .map((rs, ctx) -> new Entry(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .findOne());
    }

    /**
     * Takes over a running claim left by the gone process {@code goneInstance}, whose send stored nothing;
     * false when someone else took it over (or it moved on) first.
     */
    public boolean takeOver(String accountId, String key, String goneInstance, String instanceId, long now) {
        // Claims from before instances were recorded have none: their process is gone too.
        String owner = goneInstance == null ? "instance_id IS NULL" : "instance_id = :gone";
        return jdbi.withHandle(h -> {
            var update = h.createUpdate("UPDATE idempotency_keys SET instance_id = :instance, created_at = :now"
                    + " WHERE account_id = :account AND idem_key = :key AND status = 0 AND message_id IS NULL AND "
                    + owner)
                    .bind("instance", instanceId).bind("now", now).bind("account", accountId).bind("key", key);
            if (goneInstance != null) {
                update.bind("gone", goneInstance);
            }
            return update.execute();
        }) == 1;
    }

    public void complete(String accountId, String key, int status, String body) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE idempotency_keys SET status = :status, body = :body WHERE account_id = :account AND idem_key = :key AND status = 0")
                .bind("status", status).bind("body", body).bind("account", accountId).bind("key", key).execute());
    }

    public void release(String accountId, String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE account_id = :account AND idem_key = :key")
                .bind("account", accountId).bind("key", key).execute());
    }

    public void deleteOlderThan(long cutoff) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }
}
