-- expires_at: when a message of a chat with disappearing messages on runs out (epoch milliseconds, its sent time
-- plus the chat's timer when it was stored); NULL for never. Reads leave out what ran out; a sweep deletes it.
ALTER TABLE messages ADD COLUMN expires_at BIGINT;
CREATE INDEX messages_expires_at ON messages (expires_at) WHERE expires_at IS NOT NULL;
-- pinned_until: when the message's pin in its chat runs (or ran) out (epoch milliseconds), pinned_by who pinned
-- it; both NULL when it is not pinned.
ALTER TABLE messages ADD COLUMN pinned_until BIGINT;
ALTER TABLE messages ADD COLUMN pinned_by VARCHAR(120);
