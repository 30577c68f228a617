-- What an engine keeps for the whole server rather than for one session (the Baileys engine: the last
-- WhatsApp Web version WhatsApp announced, used when it cannot be fetched).
CREATE TABLE engine_settings (
    setting_key    VARCHAR(100) NOT NULL PRIMARY KEY,
    setting_value  TEXT         NOT NULL,
    updated_at     BIGINT       NOT NULL
);
