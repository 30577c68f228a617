-- Starring is the session's own mark on a message (PUT /v1/star), kept apart from the payload
-- like ack, so that starring is one column's update.
ALTER TABLE messages ADD COLUMN starred BOOLEAN NOT NULL DEFAULT FALSE;
