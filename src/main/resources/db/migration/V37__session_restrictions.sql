-- Portable SQL: runs unchanged on SQLite and PostgreSQL.

-- What WhatsApp restricts the linked account in (the Baileys engine: the reach-out timelock and the new-chat
-- cap), as JSON; NULL: nothing known. Shown as me.restrictions; forgotten with the linked account.
ALTER TABLE sessions ADD COLUMN restrictions TEXT;
