-- Admin notifications (NOTIFY_ADMINS in a tenant's policy): one row per message or campaign and level change, not
-- one per copy. A row is open while further copies of the same group reaching the same level add to it (items);
-- a change of the group to another level closes it, and the next notification at a level opens a new row. The
-- partial unique index lets concurrent writers meet on the one open row. No message body is kept.
CREATE TABLE admin_notifications (
    id                uuid        PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenants (tenant_id),
    group_key         text        NOT NULL,
    mail_item_id      uuid        NOT NULL,
    campaign_id       uuid,
    level             text        NOT NULL CHECK (level IN ('CLEAN', 'LOW', 'SUSPICIOUS', 'HIGH', 'MALICIOUS')),
    previous_level    text        CHECK (previous_level IN ('CLEAN', 'LOW', 'SUSPICIOUS', 'HIGH', 'MALICIOUS')),
    cause             text        NOT NULL,
    caused_by         text,
    reasons           text        NOT NULL,
    sender            text,
    items             integer     NOT NULL CHECK (items > 0),
    open              boolean     NOT NULL,
    delivery          text        NOT NULL CHECK (delivery IN ('NONE', 'PENDING', 'SENT', 'FAILED')),
    delivery_attempts integer     NOT NULL DEFAULT 0,
    delivery_error    text,
    delivered_at      timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, mail_item_id) REFERENCES mail_items (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id) ON DELETE SET NULL (campaign_id)
);
CREATE UNIQUE INDEX admin_notifications_open ON admin_notifications (tenant_id, group_key) WHERE open;
CREATE INDEX admin_notifications_recent ON admin_notifications (tenant_id, created_at DESC);

-- A tenant's webhook for admin notifications: the URL is a secret (it carries the webhook's token), stored only as
-- SecretCipher output bound to the tenant.
CREATE TABLE admin_notification_webhooks (
    tenant_id      uuid        PRIMARY KEY REFERENCES tenants (tenant_id),
    url_ciphertext text        NOT NULL CHECK (url_ciphertext LIKE 'v1:%'),
    updated_by     text        NOT NULL,
    updated_at     timestamptz NOT NULL
);
