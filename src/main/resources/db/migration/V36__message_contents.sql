-- Portable SQL: runs unchanged on SQLite and PostgreSQL.

-- The content of messages as the engine encoded it (the Baileys engine: the WhatsApp Message protobuf,
-- base64), which WhatsApp's protocol needs again after the fact: to send a message again when a
-- recipient's device asks (retry receipt), and to decrypt the responses to an event. Kept a bounded
-- time (see MessageContentStore); the public message shape stays in messages.payload.
CREATE TABLE message_contents (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    message_id  VARCHAR(300) NOT NULL,
    chat_id     VARCHAR(120) NOT NULL,
    content     TEXT         NOT NULL,
    stored_at   BIGINT       NOT NULL,
    PRIMARY KEY (session_id, message_id)
);

CREATE INDEX message_contents_by_age ON message_contents (stored_at);
