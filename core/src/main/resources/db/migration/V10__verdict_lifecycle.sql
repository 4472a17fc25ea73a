-- The verdict lifecycle: tenant policies, threat intelligence, campaigns, clawbacks and recipient feedback.
-- Every table keeps the schema rules of V1: tenant_id on every row and leading every index, composite references.

-- A tenant's policy is a history: each edit adds a version, the highest is in force.
CREATE TABLE tenant_policies (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    version    integer     NOT NULL CHECK (version >= 1),
    document   jsonb       NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, version)
);

CREATE TABLE threat_indicators (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    kind       text        NOT NULL CHECK (kind IN ('SENDER', 'DOMAIN', 'URL', 'SHA256', 'IP')),
    value      text        NOT NULL CHECK (length(value) BETWEEN 1 AND 2048),
    source     text        NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    confidence integer     NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    expires_at timestamptz,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, kind, value, source)
);

-- A TAXII 2.1 collection a tenant polls; the last added_after it saw is kept so each poll asks only for news.
CREATE TABLE taxii_feeds (
    id             uuid        PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (tenant_id),
    collection_url text        NOT NULL,
    source         text        NOT NULL,
    confidence     integer     NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    added_after    text,
    last_polled_at timestamptz,
    last_error     text,
    created_at     timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, collection_url)
);

CREATE TABLE campaigns (
    id                  uuid        PRIMARY KEY,
    tenant_id           uuid        NOT NULL REFERENCES tenants (tenant_id),
    seed_mail_item_id   uuid        NOT NULL,
    internet_message_id text,
    created_at          timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, seed_mail_item_id),
    FOREIGN KEY (tenant_id, seed_mail_item_id) REFERENCES mail_items (tenant_id, id) ON DELETE CASCADE
);

-- Why a mail item is in a campaign: COPY (same internet message id), NEAR_DUPLICATE, SHARED_URL, SHARED_FILE.
CREATE TABLE campaign_members (
    tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id),
    campaign_id  uuid NOT NULL,
    mail_item_id uuid NOT NULL,
    reason       text NOT NULL CHECK (reason IN ('SEED', 'COPY', 'NEAR_DUPLICATE', 'SHARED_URL', 'SHARED_FILE')),
    PRIMARY KEY (tenant_id, campaign_id, mail_item_id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, mail_item_id) REFERENCES mail_items (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX campaign_members_item ON campaign_members (tenant_id, mail_item_id);

-- One clawback (quarantine, release or hard delete of a set of copies); each copy is one action in `actions`.
CREATE TABLE clawbacks (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenants (tenant_id),
    campaign_id  uuid,
    kind         text        NOT NULL CHECK (kind IN ('QUARANTINE', 'RELEASE', 'SOFT_DELETE', 'HARD_DELETE')),
    requested_by text        NOT NULL,
    reason       text,
    created_at   timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX clawbacks_campaign ON clawbacks (tenant_id, campaign_id);

CREATE TABLE clawback_actions (
    tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id),
    clawback_id  uuid NOT NULL,
    action_id    uuid NOT NULL,
    PRIMARY KEY (tenant_id, clawback_id, action_id),
    FOREIGN KEY (tenant_id, clawback_id) REFERENCES clawbacks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, action_id) REFERENCES actions (tenant_id, id) ON DELETE CASCADE
);

-- One row per recipient who reported a message; the count against the tenant's threshold re-evaluates it.
CREATE TABLE user_reports (
    tenant_id    uuid        NOT NULL REFERENCES tenants (tenant_id),
    mail_item_id uuid        NOT NULL,
    recipient    text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, mail_item_id, recipient),
    FOREIGN KEY (tenant_id, mail_item_id) REFERENCES mail_items (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE trusted_senders (
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    recipient  text        NOT NULL,
    sender     text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, recipient, sender)
);
