-- Microsoft Graph change-notification subscriptions: one per mailbox for its messages, one per tenant for chats.
-- Graph's subscription id is a GUID unique across tenants; notifications name it, so it is the lookup key.
-- The clientState is stored only as its SHA-256, and compared in constant time.
CREATE TABLE m365_subscriptions (
    subscription_id   text        PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenants (tenant_id),
    mailbox_id        uuid,
    resource          text        NOT NULL,
    client_state_hash text        NOT NULL CHECK (length(client_state_hash) = 64),
    expires_at        timestamptz NOT NULL,
    status            text        NOT NULL CHECK (status IN ('ACTIVE', 'REAUTHORIZE', 'REMOVED', 'FAILED')),
    last_error        text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (tenant_id, subscription_id),
    FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id)
);
CREATE INDEX m365_subscriptions_expiry ON m365_subscriptions (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX m365_subscriptions_mailbox ON m365_subscriptions (tenant_id, mailbox_id);
