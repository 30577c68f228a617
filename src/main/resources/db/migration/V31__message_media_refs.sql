-- Media an engine reports without downloading it (Baileys): what the engine needs to fetch the file
-- when a client asks for it (an opaque reference), per stored message. Once fetched, the file is kept
-- with the other media files; the reference stays, should the file have to be fetched again.
CREATE TABLE message_media_refs (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    message_id  VARCHAR(300) NOT NULL,
    engine_ref  TEXT         NOT NULL,
    PRIMARY KEY (session_id, message_id)
);
