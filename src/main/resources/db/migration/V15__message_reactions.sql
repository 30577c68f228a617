-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds.

-- The latest reaction of each reactor to each stored message of a session, as that session saw it
-- (a removed reaction is no row). reactor is the chat id of whoever reacted, the session itself
-- included; message_id is the serialized id of the message reacted to.
CREATE TABLE message_reactions (
    session_id  VARCHAR(40)  NOT NULL,
    message_id  VARCHAR(300) NOT NULL,
    reactor     VARCHAR(120) NOT NULL,
    reaction    VARCHAR(64)  NOT NULL,
    reacted_at  BIGINT       NOT NULL,
    PRIMARY KEY (session_id, message_id, reactor),
    FOREIGN KEY (session_id, message_id) REFERENCES messages (session_id, message_id) ON DELETE CASCADE
);
