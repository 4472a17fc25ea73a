-- Chat catch-up: per watched mailbox, when the last round of /users/{id}/chats/getAllMessages started. The next round
-- asks Graph for chat messages modified since then (less an overlap), so messages whose notifications were lost
-- are found and worked once.
CREATE TABLE m365_chat_sync (
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    mailbox_id uuid        NOT NULL,
    synced_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, mailbox_id),
    FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id) ON DELETE CASCADE
);
