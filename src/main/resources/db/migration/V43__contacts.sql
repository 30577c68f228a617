-- The people a session knows (its phone's address book as WhatsApp syncs it, and everyone it wrote to or heard
-- from): contact_id is the phone-number id (<number>@c.us), or the LID where no number is known. name: as saved
-- on the phone; push_name: as they call themselves; lid: their LID. A report that leaves a column out keeps it.
CREATE TABLE contacts (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    contact_id  VARCHAR(120) NOT NULL,
    name        VARCHAR(500),
    push_name   VARCHAR(500),
    lid         VARCHAR(120),
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (session_id, contact_id)
);
CREATE INDEX contacts_by_lid ON contacts (session_id, lid);
