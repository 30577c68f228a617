-- The webhook outbox: one row per event and webhook subscribed to it, written before the
-- event counts as handled. status: pending (waiting or retrying), delivered, failed (a dead letter).
-- Rows of one (session, webhook_url, chat_key) lane are sent in seq order; chat_key is '' for events
-- of no chat. body is the exact envelope JSON that is sent and signed. Times are epoch milliseconds.
CREATE TABLE webhook_deliveries (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    session_id       VARCHAR(40)   NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    webhook_url      VARCHAR(2048) NOT NULL,
    chat_key         VARCHAR(300)  NOT NULL,
    seq              BIGINT        NOT NULL,
    event_id         VARCHAR(40)   NOT NULL,
    event_name       VARCHAR(40)   NOT NULL,
    event_at         BIGINT        NOT NULL,
    body             TEXT          NOT NULL,
    status           VARCHAR(10)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  BIGINT        NOT NULL,
    last_attempt_at  BIGINT,
    last_status      INTEGER,
    last_error       TEXT,
    created_at       BIGINT        NOT NULL,
    finished_at      BIGINT
);

-- Few indexes: every delivery is written twice (stored, then its outcome), so each one costs on the hot path.
-- Pending rows by lane, in order (a row leaves this index when it is delivered or dead).
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (session_id, webhook_url, chat_key, seq)
    WHERE status = 'pending';
-- A session's deliveries, newest first (the deliveries API; deleting a session). Without the status, so that
-- recording an outcome does not move the row in it; dead letters, the few worth finding among many, have their own.
CREATE INDEX webhook_deliveries_by_session ON webhook_deliveries (session_id, seq);
CREATE INDEX webhook_deliveries_failed ON webhook_deliveries (session_id, seq) WHERE status = 'failed';
-- Pruning needs no index of its own: ids are dlv_<ULID>, so "older than the retention" is a range of the key.
