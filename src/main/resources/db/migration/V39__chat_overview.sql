-- A chat's state beyond archived, as WhatsApp syncs it between the account's devices (and its history sync
-- tells it). muted_until: epoch milliseconds, -1 for always (WhatsApp's own value), NULL or 0 for not muted.
-- unread_count: messages received and not read; marked_unread: marked unread by hand. last_at: the newest
-- message's time as the engine reports it, for chats whose messages wagate did not store (history sync).
-- deleted_at: when the chat was deleted; it is listed again once a newer message comes. disappearing: the
-- chat's disappearing-messages timer in seconds, 0 for off.
ALTER TABLE chats ADD COLUMN name VARCHAR(500);
ALTER TABLE chats ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE chats ADD COLUMN muted_until BIGINT;
ALTER TABLE chats ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN marked_unread BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE chats ADD COLUMN last_at BIGINT;
ALTER TABLE chats ADD COLUMN deleted_at BIGINT;
ALTER TABLE chats ADD COLUMN disappearing INTEGER NOT NULL DEFAULT 0;
