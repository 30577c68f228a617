package io.wagate.session;

import io.wagate.engine.AuthState;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The engine_auth table, seen by one session's engine as its {@link AuthState}. */
public final class EngineAuthStore {
    private final Jdbi jdbi;
    private final Clock clock;
    private final OwnerFence fence;

    public EngineAuthStore(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, OwnerFence.NONE);
    }

    /** Every write passes {@code fence}: only the session's owner changes its keys. */
    public EngineAuthStore(Jdbi jdbi, Clock clock, OwnerFence fence) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.fence = fence;
    }

    private static final String UPSERT = """
            INSERT INTO engine_auth (session_id, item_key, item_value, updated_at)
            VALUES (:s, :k, :v, :at)
            ON CONFLICT (session_id, item_key)
            DO UPDATE SET item_value = excluded.item_value, updated_at = excluded.updated_at""";

    /** Whether a session of {@code engine}, any node's, keeps {@code value} under {@code key}. */
    public boolean anyHolds(String engine, String key, String value) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM engine_auth a JOIN sessions s ON s.id = a.session_id
                        WHERE a.item_key = :k AND a.item_value = :v AND s.engine = :engine""")
                .bind("k", key).bind("v", value).bind("engine", engine).mapTo(Long.class).one()) > 0;
    }

    public AuthState forSession(String sessionId) {
        return new AuthState() {
            @Override
            public Optional<String> get(String key) {
                return jdbi.withHandle(h -> h.createQuery(
                                "SELECT item_value FROM engine_auth WHERE session_id = :s AND item_key = :k")
                        .bind("s", sessionId).bind("k", key).mapTo(String.class).findOne());
            }

            @Override
            public Map<String, String> getAll(String prefix) {
                return jdbi.withHandle(h -> h.createQuery("""
                                SELECT item_key, item_value FROM engine_auth
                                WHERE session_id = :s AND substr(item_key, 1, :len) = :prefix""")
                        .bind("s", sessionId).bind("len", prefix.length()).bind("prefix", prefix)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            }

            @Override
            public void put(String key, String value) {
                // One upsert (SQLite >= 3.24 and PostgreSQL alike): a delete-then-insert races on PostgreSQL,
                // where two concurrent puts of one key both delete nothing and the second insert fails.
                OwnerFence.write(jdbi, fence, sessionId, h -> h.createUpdate(UPSERT)
                        .bind("s", sessionId).bind("k", key).bind("v", value)
                        .bind("at", clock.millis()).execute());
            }

            /** One transaction, one batch of upserts and one of deletes, however many keys Baileys hands over. */
            @Override
            public void putAll(Map<String, String> items) {
                if (items.isEmpty()) {
                    return;
                }
                long now = clock.millis();
                OwnerFence.write(jdbi, fence, sessionId, h -> h.useTransaction(tx -> {
                    var upserts = h.prepareBatch(UPSERT);
                    var deletes = h.prepareBatch("DELETE FROM engine_auth WHERE session_id = :s AND item_key = :k");
                    items.forEach((key, value) -> {
                        if (value == null) {
                            deletes.bind("s", sessionId).bind("k", key).add();
                        } else {
                            upserts.bind("s", sessionId).bind("k", key).bind("v", value).bind("at", now).add();
                        }
                    });
                    if (upserts.size() > 0) {
                        upserts.execute();
                    }
                    if (deletes.size() > 0) {
                        deletes.execute();
                    }
                }));
            }

            @Override
            public void remove(String key) {
                OwnerFence.write(jdbi, fence, sessionId, h -> h.createUpdate(
                                "DELETE FROM engine_auth WHERE session_id = :s AND item_key = :k")
                        .bind("s", sessionId).bind("k", key).execute());
            }

            @Override
            public void clear() {
                OwnerFence.write(jdbi, fence, sessionId, h -> h.createUpdate("DELETE FROM engine_auth WHERE session_id = :s")
                        .bind("s", sessionId).execute());
            }
        };
    }
}
