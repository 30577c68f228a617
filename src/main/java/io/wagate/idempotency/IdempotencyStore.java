package io.wagate.idempotency;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** The idempotency_keys table. */
public final class IdempotencyStore {
    /** What was stored under a key: {@code status} 0 while the first request still runs. */
    public record Entry(String requestHash, int status, String body, long createdAt) {}

    private final Jdbi jdbi;

    public IdempotencyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Claims the key for a request now starting; false when the key is already taken. */
    public boolean claim(String accountId, String key, String requestHash, long now) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO idempotency_keys (account_id, idem_key, request_hash, status, created_at)
                            VALUES (:account, :key, :hash, 0, :now)""")
                    .bind("account", accountId).bind("key", key).bind("hash", requestHash).bind("now", now)
                    .execute());
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
                        SELECT request_hash, status, body, created_at FROM idempotency_keys
                        WHERE account_id = :account AND idem_key = :key""")
                .bind("account", accountId).bind("key", key)
                .map((rs, ctx) -> new Entry(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)))
                .findOne());
    }

    public void complete(String accountId, String key, int status, String body) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE idempotency_keys SET status = :status, body = :body WHERE account_id = :account AND idem_key = :key")
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
