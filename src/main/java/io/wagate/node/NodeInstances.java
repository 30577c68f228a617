package io.wagate.node;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The node_instances table: which wagate processes are alive. Each start of a node registers a new
 * instance id and drops the node's earlier ones (one process per node: those are gone, whatever
 * they left running); a clean stop removes its own. Work claimed by an instance that is not
 * listed (an idempotency claim) was cut off by a crash and must not block anyone.
 *
 * <p>A cluster node ({@link #registerClusterNode}) is named by its configured name and heartbeats; it
 * counts as alive while its heartbeat is younger than the lease, by the database's clock (PostgreSQL:
 * nodes' clocks may disagree, the store's is one), and a second start of a name still alive is refused.
 */
public final class NodeInstances implements AutoCloseable {
    /** The database's clock, in epoch milliseconds; PostgreSQL only (cluster mode needs it). */
    public static final String DB_NOW = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    private final Jdbi jdbi;
    private final String instanceId;
    /** For a cluster node: how old a heartbeat may be for its instance to count as alive. */
    private final Optional<Duration> lease;

    private NodeInstances(Jdbi jdbi, String instanceId, Optional<Duration> lease) {
        this.jdbi = jdbi;
        this.instanceId = instanceId;
        this.lease = lease;
    }

    /** Registers this process as {@code node}'s live instance. */
    public static NodeInstances register(Jdbi jdbi, String node, String instanceId, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM node_instances WHERE node = :node").bind("node", node).execute();
            h.createUpdate("INSERT INTO node_instances (instance_id, node, started_at) VALUES (:id, :node, :now)")
                    .bind("id", instanceId).bind("node", node).bind("now", now).execute();
        });
        return new NodeInstances(jdbi, instanceId, Optional.empty());
    }

    /** Thrown when a cluster node's name is taken by a node that is still alive. */
    public static final class NameTaken extends RuntimeException {
        NameTaken(String message) {
            super(message);
        }
    }

    /**
     * Registers this process as the cluster node {@code name}, replacing an earlier instance of that name
     * only if its heartbeat is older than {@code lease} (it died); {@link NameTaken} otherwise.
     */
    public static NodeInstances registerClusterNode(Jdbi jdbi, String name, String instanceId, Duration lease) {
        try {
            jdbi.useTransaction(h -> {
                var alive = h.createQuery("SELECT " + DB_NOW + " - heartbeat_at FROM node_instances "
                                + "WHERE node = :node AND heartbeat_at > " + DB_NOW + " - :lease FOR UPDATE")
                        .bind("node", name).bind("lease", lease.toMillis()).mapTo(Long.class).findOne();
                if (alive.isPresent()) {
                    throw new NameTaken("a node named '" + name + "' is already running (its last heartbeat is "
                            + alive.get() + " ms old); every node needs its own WAGATE_CLUSTER_NODE_NAME");
                }
                h.createUpdate("DELETE FROM node_instances WHERE node = :node").bind("node", name).execute();
                h.createUpdate("INSERT INTO node_instances (instance_id, node, started_at, heartbeat_at, draining) "
                                + "VALUES (:id, :node, " + DB_NOW + ", " + DB_NOW + ", :no)")
                        .bind("id", instanceId).bind("node", name).bind("no", false).execute();
            });
        } catch (StatementException e) {
            // Two starts of one name at once: the unique index lets one in.
            throw new NameTaken("a node named '" + name + "' is starting at the same time; every node needs "
                    + "its own WAGATE_CLUSTER_NODE_NAME");
        }
        return new NodeInstances(jdbi, instanceId, Optional.of(lease));
    }

    /** This process's id. */
    public String self() {
        return instanceId;
    }

    /** Whether the instance is alive (this one, or another listed one); a missing id (older rows) is not. */
    public boolean isLive(String instanceId) {
        if (instanceId == null) {
            return false;
        }
        if (instanceId.equals(this.instanceId)) {
            return true;
        }
        if (lease.isPresent()) {
            return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM node_instances WHERE instance_id = :id "
                            + "AND heartbeat_at > " + DB_NOW + " - :lease")
                    .bind("id", instanceId).bind("lease", lease.get().toMillis()).mapTo(Integer.class).one()) > 0;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM node_instances WHERE instance_id = :id")
                .bind("id", instanceId).mapTo(Integer.class).one()) > 0;
    }

    /**
     * A cluster node's heartbeat: whether it was told to drain, or empty when its row is gone (another
     * start of its name replaced it: this process must stop running anything).
     */
    public Optional<Boolean> heartbeat() {
        return jdbi.withHandle(h -> h.createQuery("UPDATE node_instances SET heartbeat_at = " + DB_NOW
                        + " WHERE instance_id = :id RETURNING draining")
                .bind("id", instanceId).mapTo(Boolean.class).findOne());
    }

    public void advertise(String url) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE node_instances SET advertise_url = :url WHERE instance_id = :id")
                .bind("url", url).bind("id", instanceId).execute());
    }

    /** Marks a node as draining; false when there is no node of that name. */
    public boolean drain(String node) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE node_instances SET draining = :yes WHERE node = :node")
                .bind("yes", true).bind("node", node).execute()) == 1;
    }

    /** A registered node, as the store has it. */
    public record Node(String name, Optional<String> advertiseUrl, Optional<Instant> heartbeatAt, boolean alive,
                       boolean draining, Instant startedAt) {}

    public List<Node> list() {
        long lease = this.lease.map(Duration::toMillis).orElse(0L);
        return jdbi.withHandle(h -> h.createQuery("SELECT node, advertise_url, heartbeat_at, started_at, draining, "
                        + "CASE WHEN heartbeat_at > " + DB_NOW + " - :lease THEN 1 ELSE 0 END AS alive "
                        + "FROM node_instances WHERE heartbeat_at IS NOT NULL ORDER BY node")
                .bind("lease", lease)
                .map((rs, ctx) -> new Node(rs.getString("node"), Optional.ofNullable(rs.getString("advertise_url")),
                        Optional.of(Instant.ofEpochMilli(rs.getLong("heartbeat_at"))), rs.getInt("alive") == 1,
                        rs.getBoolean("draining"), Instant.ofEpochMilli(rs.getLong("started_at"))))
                .list());
    }

    @Override
    public void close() {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM node_instances WHERE instance_id = :id")
                .bind("id", instanceId).execute());
    }
}
