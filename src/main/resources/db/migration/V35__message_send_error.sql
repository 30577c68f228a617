-- Portable SQL: runs unchanged on SQLite and PostgreSQL.

-- Why WhatsApp refused a sent message (its ack is then -1 ERROR): WhatsApp's error code ("463") and
-- what it means. Kept beside the payload, like ack, so a failure updates two columns; NULL: no failure.
ALTER TABLE messages ADD COLUMN error_code VARCHAR(40);
ALTER TABLE messages ADD COLUMN error_reason VARCHAR(1000);
