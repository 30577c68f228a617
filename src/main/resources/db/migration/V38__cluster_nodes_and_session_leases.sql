-- Cluster mode: a node is one row, named by WAGATE_CLUSTER_NODE_NAME (a single node: by its host), with
-- where the other nodes reach it, when it last said it is alive, and whether it is handing its sessions
-- over. Every row left here was written by an earlier start (migrations run before a start registers),
-- which the next start of that node replaces anyway: they go, so that a node name is unique from now on.
DELETE FROM node_instances;
ALTER TABLE node_instances ADD COLUMN advertise_url VARCHAR(500);
ALTER TABLE node_instances ADD COLUMN heartbeat_at BIGINT;
ALTER TABLE node_instances ADD COLUMN draining BOOLEAN NOT NULL DEFAULT FALSE;
DROP INDEX node_instances_by_node;
CREATE UNIQUE INDEX node_instances_node ON node_instances (node);

-- Which cluster node runs a session: a lease its owner renews before expires_at, and a generation raised at
-- every takeover. Writes only the owner may make carry the generation it took the lease with; a node whose
-- lease another node took is refused. A session without a row, or with no owner_node, is free to take.
CREATE TABLE session_leases (
    session_id  VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    owner_node  VARCHAR(200),
    generation  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);

CREATE INDEX session_leases_by_owner ON session_leases (owner_node);
