package io.wagate.idempotency;

import io.wagate.store.WriteQueue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The idempotency_keys table. Its writes go through the {@link WriteQueue}, waited for: on SQLite a write of a
 * pooled connection waits for the lock by SQLite's own backoff (up to 100 ms between tries), and under a steady
 * stream of the writers' commits it lost to them for the whole busy timeout: the claim failed (a 500), or worse its
 * completion did, leaving the key "still running" for as long as the process lived.
 */
public final class IdempotencyStore {
    /**
     * What was stored under a key: {@code status} 0 while the first request still runs, in the process
     * {@code instanceId}; {@code sessionId} and {@code messageId} once its send stored a message.
     */
    public record Entry(String requestHash, int status, String body, long createdAt, String instanceId,
                        String sessionId, String messageId) {}

    private final Jdbi jdbi;
    private final WriteQueue writes;

    public IdempotencyStore(Jdbi jdbi, WriteQueue writes) {
        this.jdbi = jdbi;
        this.writes = writes;
    }

    /** Claims the key for a request now starting; false when the key is already taken. */
    public boolean claim(String accountId, String key, String requestHash, String instanceId, long now) {
        return write(h -> h.createUpdate("""
                        INSERT INTO idempotency_keys (account_id, idem_key, request_hash, status, created_at, instance_id)
                        VALUES (:account, :key, :hash, 0, :now, :instance)
                        ON CONFLICT (account_id, idem_key) DO NOTHING""")
                .bind("account", accountId).bind("key", key).bind("hash", requestHash).bind("now", now)
                .bind("instance", instanceId).execute()) == 1;
    }

    /** Runs {@code update} on the writer's connection and answers its row count once it is committed. */
    private int write(java.util.function.ToIntFunction<Handle> update) {
        var rows = new AtomicInteger();
        CompletableFuture<Void> done = writes.submit(h -> rows.set(update.applyAsInt(h)));
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return rows.get();
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
        return write(h -> {
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
        write(h -> h.createUpdate(
                        "UPDATE idempotency_keys SET status = :status, body = :body WHERE account_id = :account AND idem_key = :key AND status = 0")
                .bind("status", status).bind("body", body).bind("account", accountId).bind("key", key).execute());
    }

    public void release(String accountId, String key) {
        write(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE account_id = :account AND idem_key = :key")
                .bind("account", accountId).bind("key", key).execute());
    }

    public void deleteOlderThan(long cutoff) {
        write(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }
}
