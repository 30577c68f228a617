-- Every message a session sent or received. payload is the public message shape (JSON);
-- ack is kept apart so acks update one column. sent_at is epoch milliseconds; seq is the order
-- messages were stored in, which breaks ties between messages of the same millisecond.
CREATE TABLE messages (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    message_id  VARCHAR(300) NOT NULL,
    chat_id     VARCHAR(120) NOT NULL,
    from_me     BOOLEAN      NOT NULL,
    sent_at     BIGINT       NOT NULL,
    ack         INTEGER      NOT NULL,
    payload     TEXT         NOT NULL,
    seq         BIGINT       NOT NULL,
    PRIMARY KEY (session_id, message_id)
);

CREATE INDEX messages_by_chat ON messages (session_id, chat_id, sent_at, seq);
CREATE INDEX messages_by_time ON messages (session_id, sent_at, seq);
