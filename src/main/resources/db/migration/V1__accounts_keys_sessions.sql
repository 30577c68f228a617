-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds.

CREATE TABLE accounts (
    id          VARCHAR(40)  PRIMARY KEY,
    name        VARCHAR(100) NOT NULL UNIQUE,
    plan        VARCHAR(40)  NOT NULL,
    is_admin    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE sessions (
    id              VARCHAR(40)  PRIMARY KEY,
    account_id      VARCHAR(40)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            VARCHAR(54)  NOT NULL,
    engine          VARCHAR(40)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    should_run      BOOLEAN      NOT NULL,
    config          TEXT         NOT NULL,
    me_id           VARCHAR(120),
    me_push_name    VARCHAR(200),
    me_lid          VARCHAR(120),
    failure_reason  TEXT,
    failure_at      BIGINT,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    UNIQUE (account_id, name)
);

-- A session key outlives its session on purpose (no foreign key on session_id): it then names a
-- session id that is never reused, so the key reaches nothing, and the simple API can answer
-- "session not found" (404) instead of "invalid key" (401).
CREATE TABLE api_keys (
    id          VARCHAR(40)  PRIMARY KEY,
    account_id  VARCHAR(40)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    session_id  VARCHAR(40),
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    prefix      VARCHAR(16)  NOT NULL,
    label       VARCHAR(100),
    created_at  BIGINT       NOT NULL,
    revoked_at  BIGINT
);

CREATE INDEX api_keys_account ON api_keys (account_id);
CREATE INDEX api_keys_session ON api_keys (session_id);

-- Engine auth state (credentials, signal keys, the sandbox's linked number) as opaque values per key,
-- so an engine holds nothing on disk of its own.
CREATE TABLE engine_auth (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    item_key    VARCHAR(200) NOT NULL,
    item_value  TEXT         NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (session_id, item_key)
);
