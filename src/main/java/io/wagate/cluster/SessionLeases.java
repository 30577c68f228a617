package io.wagate.cluster;

import static io.wagate.node.NodeInstances.DB_NOW;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The session_leases table (PostgreSQL only, like cluster mode): which node runs each session, until when,
 * and with which fencing generation. Taking is done with row locks ({@code FOR UPDATE SKIP LOCKED}), so
 * two nodes never take one session and never wait for each other; times are the database's.
 */
final class SessionLeases {
    private final Jdbi jdbi;

    SessionLeases(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Takes up to {@code limit} sessions that have no owner or whose lease ran out, oldest first; answers
     * each taken session's new generation.
     */
    Map<String, Long> claim(String node, int limit, Duration lease) {
        return jdbi.inTransaction(h -> {
            List<String> free = h.createQuery(withNow("""
                            SELECT s.id FROM sessions s LEFT JOIN session_leases l ON l.session_id = s.id
                            WHERE l.session_id IS NULL OR l.owner_node IS NULL OR l.expires_at < {now}
                            ORDER BY s.created_at, s.id
                            LIMIT :limit
                            FOR NO KEY UPDATE OF s SKIP LOCKED"""))
                    .bind("limit", limit).mapTo(String.class).list();
            var taken = new HashMap<String, Long>();
            for (String id : free) {
                // Checked again under the lease row's lock: its owner may have renewed it meanwhile.
                h.createQuery(withNow("""
                                INSERT INTO session_leases (session_id, owner_node, generation, expires_at)
                                VALUES (:id, :node, 1, {now} + :lease)
                                ON CONFLICT (session_id) DO UPDATE SET owner_node = excluded.owner_node,
                                    generation = session_leases.generation + 1, expires_at = excluded.expires_at
                                WHERE session_leases.owner_node IS NULL OR session_leases.expires_at < {now}
                                RETURNING generation"""))
                        .bind("id", id).bind("node", node).bind("lease", lease.toMillis())
                        .mapTo(Long.class).findOne()
                        .ifPresent(generation -> taken.put(id, generation));
            }
            return taken;
        });
    }

    private static String withNow(String sql) {
        return sql.replace("{now}", DB_NOW);
    }

    /** Extends every lease {@code node} holds; answers them (session id → generation) as they are now. */
    Map<String, Long> renew(String node, Duration lease) {
        return jdbi.inTransaction(h -> {
            var held = new HashMap<String, Long>();
            h.createQuery("UPDATE session_leases SET expires_at = " + DB_NOW + " + :lease "
                            + "WHERE owner_node = :node RETURNING session_id, generation")
                    .bind("lease", lease.toMillis()).bind("node", node)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> held.put(e.getKey(), e.getValue()));
            return held;
        });
    }

    /** A session's owner as the other nodes reach it. */
    record Owner(String node, String url) {}

    /** The node that holds a live lease of the session and is alive itself, with where it listens. */
    Optional<Owner> liveOwner(String sessionId, Duration lease) {
        return jdbi.withHandle(h -> h.createQuery("SELECT l.owner_node, n.advertise_url FROM session_leases l "
                        + "JOIN node_instances n ON n.node = l.owner_node "
                        + "WHERE l.session_id = :id AND l.expires_at >= " + DB_NOW
                        + " AND n.heartbeat_at > " + DB_NOW + " - :lease AND n.advertise_url IS NOT NULL")
                .bind("id", sessionId).bind("lease", lease.toMillis())
                .map((rs, ctx) -> new Owner(rs.getString(1), rs.getString(2))).findFirst());
    }

    /** Gives sessions up at once (a drain, a clean stop): any node may take them now. Their generation stays. */
    void release(String node, List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE session_leases SET owner_node = NULL, expires_at = 0 "
                        + "WHERE owner_node = :node AND session_id IN (<ids>)")
                .bind("node", node).bindList("ids", sessionIds).execute());
    }

    /** Everything held under {@code node}'s name: what an earlier process of that name left (it died). */
    void releaseAll(String node) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE session_leases SET owner_node = NULL, expires_at = 0 "
                        + "WHERE owner_node = :node")
                .bind("node", node).execute());
    }

    /**
     * The generation {@code node} holds the session at, read under a share lock: a takeover (which updates
     * the row) waits until the caller's transaction ends, so no write passes the check and lands after it.
     */
    Optional<Long> heldGeneration(Handle h, String sessionId, String node) {
        return h.createQuery("SELECT generation FROM session_leases WHERE session_id = :id AND owner_node = :node "
                        + "FOR SHARE")
                .bind("id", sessionId).bind("node", node).mapTo(Long.class).findOne();
    }

    /** The placement picture a node decides on: sessions in all, and what each live node owns. */
    record Load(long sessions, Map<String, Long> ownedByNode) {}

    /** {@code liveNodes}: the nodes that may take sessions (alive, not draining). */
    Load load(List<String> liveNodes) {
        return jdbi.withHandle(h -> {
            long sessions = h.createQuery("SELECT COUNT(*) FROM sessions").mapTo(Long.class).one();
            var owned = new HashMap<String, Long>();
            liveNodes.forEach(n -> owned.put(n, 0L));
            h.createQuery("SELECT owner_node, COUNT(*) FROM session_leases WHERE owner_node IS NOT NULL "
                            + "AND expires_at >= " + DB_NOW + " GROUP BY owner_node")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> owned.computeIfPresent(e.getKey(), (k, v) -> e.getValue()));
            return new Load(sessions, owned);
        });
    }

    /** Sessions each node holds a current lease of, for the admin view. */
    Map<String, Long> ownedCounts() {
        return jdbi.withHandle(h -> {
            var owned = new HashMap<String, Long>();
            h.createQuery("SELECT owner_node, COUNT(*) FROM session_leases WHERE owner_node IS NOT NULL "
                            + "AND expires_at >= " + DB_NOW + " GROUP BY owner_node")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> owned.put(e.getKey(), e.getValue()));
            return owned;
        });
    }
}
