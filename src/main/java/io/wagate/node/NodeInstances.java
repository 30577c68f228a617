package io.wagate.node;

import org.jdbi.v3.core.Jdbi;

/**
 * The node_instances table: which wagate processes are alive. Each start of a node registers a new
 * instance id and drops the node's earlier ones (one process per node: those are gone, whatever
 * they left running); a clean stop removes its own. Work claimed by an instance that is not
 * listed (an idempotency claim) was cut off by a crash and must not block anyone.
 */
public final class NodeInstances implements AutoCloseable {
    private final Jdbi jdbi;
    private final String instanceId;

    private NodeInstances(Jdbi jdbi, String instanceId) {
        this.jdbi = jdbi;
        this.instanceId = instanceId;
    }

    /** Registers this process as {@code node}'s live instance. */
    public static NodeInstances register(Jdbi jdbi, String node, String instanceId, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM node_instances WHERE node = :node").bind("node", node).execute();
            h.createUpdate("INSERT INTO node_instances (instance_id, node, started_at) VALUES (:id, :node, :now)")
                    .bind("id", instanceId).bind("node", node).bind("now", now).execute();
        });
        return new NodeInstances(jdbi, instanceId);
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
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM node_instances WHERE instance_id = :id")
                .bind("id", instanceId).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public void close() {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM node_instances WHERE instance_id = :id")
                .bind("id", instanceId).execute());
    }
}
