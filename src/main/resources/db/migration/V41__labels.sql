-- A WhatsApp Business account's labels, as its engine reports them (WhatsApp syncs them between the
-- account's devices), and which chats carry which. color: WhatsApp's colour index, 0-19.
CREATE TABLE labels (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    label_id    VARCHAR(64)  NOT NULL,
    name        VARCHAR(500) NOT NULL,
    color       INTEGER      NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (session_id, label_id)
);

CREATE TABLE chat_labels (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    label_id    VARCHAR(64)  NOT NULL,
    chat_id     VARCHAR(120) NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (session_id, label_id, chat_id)
);

CREATE INDEX chat_labels_by_chat ON chat_labels (session_id, chat_id);
