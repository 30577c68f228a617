-- Answers to sends made with an Idempotency-Key, per account, replayed for 24 hours.
-- status 0 marks a request still running under that key.
CREATE TABLE idempotency_keys (
    account_id    VARCHAR(40)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    idem_key      VARCHAR(200) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    status        INTEGER      NOT NULL,
    body          TEXT,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (account_id, idem_key)
);

CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
