-- Palisade's domain schema. Every table carries tenant_id, leading in its indexes, so that row-level security
-- (and Citus, with tenant_id as the distribution column) can be added without reshaping the tables.
-- References between tenant-owned tables are composite (tenant_id, id), so a row can never point at another
-- tenant's row, whatever the application does.

CREATE TABLE tenants (
    tenant_id  uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status     text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at timestamptz NOT NULL
);

CREATE TABLE provider_connections (
    id                 uuid        PRIMARY KEY,
    tenant_id          uuid        NOT NULL REFERENCES tenants (tenant_id),
    provider           text        NOT NULL CHECK (provider IN ('M365', 'GWS')),
    external_tenant_id text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'DEGRADED', 'REVOKED')),
    granted_roles      text[]      NOT NULL DEFAULT '{}',
    -- Only SecretCipher output ("v1:<key id>:<nonce and ciphertext>") is ever stored here.
    secret_ciphertext  text        CHECK (secret_ciphertext LIKE 'v1:%'),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, provider, external_tenant_id)
);

CREATE TABLE mailboxes (
    id                  uuid        PRIMARY KEY,
    tenant_id           uuid        NOT NULL REFERENCES tenants (tenant_id),
    connection_id       uuid        NOT NULL,
    provider            text        NOT NULL CHECK (provider IN ('M365', 'GWS')),
    provider_mailbox_id text        NOT NULL,
    address             text        NOT NULL,
    display_name        text,
    status              text        NOT NULL CHECK (status IN ('ACTIVE', 'EXCLUDED', 'REMOVED')),
    created_at          timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, provider, provider_mailbox_id),
    FOREIGN KEY (tenant_id, connection_id) REFERENCES provider_connections (tenant_id, id)
);
CREATE INDEX mailboxes_address ON mailboxes (tenant_id, lower(address));

CREATE TABLE mail_items (
    id                  uuid        PRIMARY KEY,
    tenant_id           uuid        NOT NULL REFERENCES tenants (tenant_id),
    mailbox_id          uuid        NOT NULL,
    provider            text        NOT NULL CHECK (provider IN ('M365', 'GWS')),
    provider_message_id text        NOT NULL,
    provider_thread_id  text,
    internet_message_id text,
    sender              text,
    recipients          text[]      NOT NULL DEFAULT '{}',
    subject             text,
    received_at         timestamptz NOT NULL,
    folder              text,
    created_at          timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, mailbox_id, provider_message_id),
    FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id)
);
CREATE INDEX mail_items_internet_message_id ON mail_items (tenant_id, internet_message_id);
CREATE INDEX mail_items_received ON mail_items (tenant_id, received_at DESC);

-- One row per indicator a mail item carries; re-evaluation finds every item that carries a given indicator.
CREATE TABLE mail_indicators (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id),
    mail_item_id uuid NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('URL', 'DOMAIN', 'FILE_HASH', 'SENDER')),
    value        text NOT NULL,
    UNIQUE (tenant_id, mail_item_id, kind, value),
    FOREIGN KEY (tenant_id, mail_item_id) REFERENCES mail_items (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX mail_indicators_lookup ON mail_indicators (tenant_id, kind, value);

-- The raw message, gzip-compressed, kept until retain_until for re-scans and banner write-back.
CREATE TABLE raw_messages (
    mail_item_id uuid        PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenants (tenant_id),
    content_gzip bytea       NOT NULL,
    size_bytes   bigint      NOT NULL CHECK (size_bytes >= 0),
    sha256       text        NOT NULL,
    retain_until timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    UNIQUE (tenant_id, mail_item_id),
    FOREIGN KEY (tenant_id, mail_item_id) REFERENCES mail_items (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX raw_messages_retention ON raw_messages (tenant_id, retain_until);

-- Verdicts are a history: each change is a new version, the highest version is the current verdict.
CREATE TABLE verdicts (
    id             uuid        PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (tenant_id),
    mail_item_id   uuid        NOT NULL,
    version        integer     NOT NULL CHECK (version >= 1),
    score          integer     NOT NULL CHECK (score BETWEEN 0 AND 100),
    level          text        NOT NULL CHECK (level IN ('CLEAN', 'LOW', 'SUSPICIOUS', 'HIGH', 'MALICIOUS')),
    signals        jsonb       NOT NULL,
    engine_version text        NOT NULL,
    cause          text        NOT NULL CHECK (cause IN ('SCAN', 'RESCAN', 'ANALYST', 'INDICATOR', 'USER_REPORTS')),
    caused_by      text,
    created_at     timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, mail_item_id, version),
    FOREIGN KEY (tenant_id, mail_item_id) REFERENCES mail_items (tenant_id, id) ON DELETE CASCADE
);

CREATE FUNCTION verdicts_are_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'verdicts are a history: record a new version instead of updating one'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER verdicts_no_update
    BEFORE UPDATE ON verdicts
    FOR EACH ROW EXECUTE FUNCTION verdicts_are_history();

CREATE TABLE actions (
    id                  uuid        PRIMARY KEY,
    tenant_id           uuid        NOT NULL REFERENCES tenants (tenant_id),
    mail_item_id        uuid        NOT NULL,
    verdict_id          uuid,
    kind                text        NOT NULL
        CHECK (kind IN ('BANNER', 'QUARANTINE', 'RELEASE', 'SOFT_DELETE', 'HARD_DELETE', 'NOTIFY_ADMINS')),
    status              text        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'SKIPPED')),
    attempts            integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error          text,
    provider_id_before  text,
    provider_id_after   text,
    original_folder     text,
    requested_by        text        NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, mail_item_id) REFERENCES mail_items (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, verdict_id) REFERENCES verdicts (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX actions_mail_item ON actions (tenant_id, mail_item_id);
CREATE INDEX actions_open ON actions (tenant_id, status) WHERE status IN ('PENDING', 'RUNNING', 'FAILED');

CREATE TABLE audit_log (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    actor      text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    reason     text,
    created_at timestamptz NOT NULL
);
CREATE INDEX audit_log_recent ON audit_log (tenant_id, created_at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- The durable work queue (see WorkQueue). Workers claim across tenants, so the two claim indexes are partial
-- indexes on the due time alone; everything an operator or a tenant asks goes through tenant_id.
CREATE TABLE work_items (
    id              uuid        PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (tenant_id),
    kind            text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 500),
    payload         jsonb       NOT NULL,
    state           text        NOT NULL CHECK (state IN ('READY', 'CLAIMED', 'DONE', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts    integer     NOT NULL CHECK (max_attempts >= 1),
    run_at          timestamptz NOT NULL,
    claimed_by      text,
    lease_token     uuid,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (tenant_id, kind, idempotency_key),
    CHECK (state <> 'CLAIMED' OR (lease_token IS NOT NULL AND lease_until IS NOT NULL))
);
CREATE INDEX work_items_ready ON work_items (run_at) WHERE state = 'READY';
CREATE INDEX work_items_leased ON work_items (lease_until) WHERE state = 'CLAIMED';
CREATE INDEX work_items_dead ON work_items (tenant_id, updated_at DESC) WHERE state = 'DEAD';
