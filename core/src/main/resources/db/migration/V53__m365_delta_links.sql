-- Graph delta links per mailbox folder: where the catch-up of each folder resumes. A link is opaque, carries no
-- credential (every call still needs a token), and is replaced after every successful round.
CREATE TABLE m365_delta_links (
    tenant_id   uuid        NOT NULL REFERENCES tenants (tenant_id),
    mailbox_id  uuid        NOT NULL,
    folder      text        NOT NULL CHECK (length(folder) BETWEEN 1 AND 200),
    delta_link  text        NOT NULL,
    synced_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, mailbox_id, folder),
    FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id)
);
