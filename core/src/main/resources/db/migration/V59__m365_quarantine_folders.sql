-- Microsoft 365: the id of Palisade's hidden quarantine folder in each mailbox, by the mailbox's Graph user id. Kept
-- so that a quarantine after a restart moves the message at once instead of first listing the mailbox's folders;
-- the folder is made when the mailbox is first watched, so a campaign's first clawback costs one move a copy.
CREATE TABLE m365_quarantine_folders (
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    user_id    text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 200),
    folder_id  text        NOT NULL CHECK (length(folder_id) BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
