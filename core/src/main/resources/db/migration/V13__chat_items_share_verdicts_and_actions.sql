-- Chat messages with files become items of core's lifecycle. A chat item is one message of a Teams chat (there is
-- no mailbox, so it is not a mail_items row); its verdict versions and its actions live in the same `verdicts` and
-- `actions` tables as mail's, so history, audit, the outbox and action status are one thing for both. Each verdict
-- and action row belongs to exactly one mail item or one chat item.

CREATE TABLE chat_items (
    id                   uuid        PRIMARY KEY,
    tenant_id            uuid        NOT NULL REFERENCES tenants (tenant_id),
    provider             text        NOT NULL CHECK (provider IN ('M365', 'GWS')),
    chat_id              text        NOT NULL CHECK (length(chat_id) BETWEEN 1 AND 400),
    message_id           text        NOT NULL CHECK (length(message_id) BETWEEN 1 AND 200),
    sender               text        NOT NULL,
    files                integer     NOT NULL CHECK (files >= 0),
    posted_at            timestamptz NOT NULL,
    -- The provider's last modification time of the message when Palisade last worked it.
    last_modified_at     timestamptz NOT NULL,
    -- What Palisade last made of the message on the platform: hidden from its readers or not.
    hidden               boolean     NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, chat_id, message_id)
);
CREATE INDEX chat_items_recent ON chat_items (tenant_id, created_at DESC);

ALTER TABLE verdicts ALTER COLUMN mail_item_id DROP NOT NULL;
ALTER TABLE verdicts ADD COLUMN chat_item_id uuid;
ALTER TABLE verdicts ADD FOREIGN KEY (tenant_id, chat_item_id) REFERENCES chat_items (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE verdicts ADD CONSTRAINT verdicts_one_item CHECK (num_nonnulls(mail_item_id, chat_item_id) = 1);
ALTER TABLE verdicts ADD CONSTRAINT verdicts_chat_version UNIQUE (tenant_id, chat_item_id, version);

ALTER TABLE actions ALTER COLUMN mail_item_id DROP NOT NULL;
ALTER TABLE actions ADD COLUMN chat_item_id uuid;
ALTER TABLE actions ADD FOREIGN KEY (tenant_id, chat_item_id) REFERENCES chat_items (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE actions ADD CONSTRAINT actions_one_item CHECK (num_nonnulls(mail_item_id, chat_item_id) = 1);
ALTER TABLE actions DROP CONSTRAINT actions_kind_check;
ALTER TABLE actions ADD CONSTRAINT actions_kind_check CHECK (kind IN
    ('BANNER', 'QUARANTINE', 'RELEASE', 'SOFT_DELETE', 'HARD_DELETE', 'NOTIFY_ADMINS', 'HIDE', 'UNHIDE'));
-- Chat actions only: HIDE and UNHIDE belong to chat items, the others to mail items.
ALTER TABLE actions ADD CONSTRAINT actions_chat_kinds CHECK ((kind IN ('HIDE', 'UNHIDE')) = (chat_item_id IS NOT NULL));
CREATE INDEX actions_chat_item ON actions (tenant_id, chat_item_id) WHERE chat_item_id IS NOT NULL;
