-- Sandbox messages on their way to the recipient's session: written with the sender's copy (before
-- its 201), deleted once the recipient's copy is stored; what a crash leaves here is delivered at
-- the next start. message is the recipient's copy (JSON).
CREATE TABLE sandbox_in_transit (
    recipient   VARCHAR(40)  NOT NULL,
    message_id  VARCHAR(300) NOT NULL,
    message     TEXT         NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (recipient, message_id)
);
