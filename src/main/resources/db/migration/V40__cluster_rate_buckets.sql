-- Cluster mode: the per-second buckets every node of the cluster takes its tokens from (Bucket4j's PostgreSQL
-- backend, one row per account and rate, its state as Bucket4j writes it; a row idle past its refill is
-- deleted). A single node keeps its buckets in memory and leaves this table empty.
CREATE TABLE rate_buckets (
    id          VARCHAR(200) NOT NULL PRIMARY KEY,
    state       ${binary},
    expires_at  BIGINT
);
