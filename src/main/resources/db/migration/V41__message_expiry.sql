-- expires_at: when a message of a chat with disappearing messages on runs out (epoch milliseconds, its sent time
-- plus the chat's timer when it was stored); NULL for never. Reads leave out what ran out; a sweep deletes it.
ALTER TABLE messages ADD COLUMN expires_at BIGINT;
CREATE INDEX messages_expires_at ON messages (expires_at) WHERE expires_at IS NOT NULL;
