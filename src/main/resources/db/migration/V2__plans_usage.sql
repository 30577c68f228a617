-- Portable SQL: runs unchanged on SQLite and PostgreSQL.

-- Plans and their limits; a NULL limit is unlimited. overage = TRUE: requests beyond the monthly
-- quota are served and counted as overage; FALSE: they are refused (a hard quota).
CREATE TABLE plans (
    name                 VARCHAR(40)  PRIMARY KEY,
    requests_per_month   BIGINT,
    requests_per_second  INTEGER,
    max_sessions         INTEGER,
    overage              BOOLEAN      NOT NULL DEFAULT FALSE
);

-- The plans README "Plans and limits" lists, and the admin account's.
INSERT INTO plans (name, requests_per_month, requests_per_second, max_sessions, overage) VALUES
    ('basic',     100,   10,   1,    FALSE),
    ('pro',       1000,  10,   3,    TRUE),
    ('ultra',     10000, 20,   10,   TRUE),
    ('mega',      50000, 25,   NULL, TRUE),
    ('unlimited', NULL,  NULL, NULL, FALSE);

-- Requests per account and calendar month (UTC, 'YYYY-MM'). Written in batches by adding deltas,
-- not on every request; overage is the part of requests that went beyond the plan's quota.
CREATE TABLE usage_monthly (
    account_id  VARCHAR(40)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    month       VARCHAR(7)   NOT NULL,
    requests    BIGINT       NOT NULL DEFAULT 0,
    overage     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, month)
);
