-- The wagate processes alive now: one row per start of a node, removed at its clean stop and
-- replaced at the node's next start. A claim whose process is not here is left over by a crash.
CREATE TABLE node_instances (
    instance_id VARCHAR(40)  NOT NULL PRIMARY KEY,
    node        VARCHAR(200) NOT NULL,
    started_at  BIGINT       NOT NULL
);

CREATE INDEX node_instances_by_node ON node_instances (node);

-- Who holds a running claim, and the message its send stored (written in the message's own
-- transaction): a claim of a gone process is then replayed from that message, or released.
ALTER TABLE idempotency_keys ADD COLUMN instance_id VARCHAR(40);
ALTER TABLE idempotency_keys ADD COLUMN session_id VARCHAR(40);
ALTER TABLE idempotency_keys ADD COLUMN message_id VARCHAR(300);
