-- A session's own state of a chat (archived, as WhatsApp syncs it between the account's devices).
-- The list of chats comes from the messages; a chat is here once its state was set.
CREATE TABLE chats (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    chat_id     VARCHAR(120) NOT NULL,
    archived    BOOLEAN      NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (session_id, chat_id)
);
