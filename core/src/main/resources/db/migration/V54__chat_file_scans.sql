-- Files shared in Teams chats (reference attachments and hosted contents), one row per file of a chat message:
-- what was scanned and its verdict, or why it was not scanned. The unique key makes a repeated notification a no-op.
CREATE TABLE chat_file_scans (
    id              uuid        PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (tenant_id),
    chat_id         text        NOT NULL CHECK (length(chat_id) BETWEEN 1 AND 400),
    message_id      text        NOT NULL CHECK (length(message_id) BETWEEN 1 AND 200),
    file_ref        text        NOT NULL CHECK (length(file_ref) BETWEEN 1 AND 400),
    file_name       text        NOT NULL,
    size_bytes      bigint      NOT NULL CHECK (size_bytes >= 0),
    sha256          text,
    status          text        NOT NULL CHECK (status IN ('SCANNED', 'NOT_SCANNED')),
    level           text        CHECK (level IN ('CLEAN', 'LOW', 'SUSPICIOUS', 'HIGH', 'MALICIOUS')),
    score           integer,
    signals         text[]      NOT NULL DEFAULT '{}',
    engine_version  text,
    reason          text,
    scanned_at      timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, chat_id, message_id, file_ref),
    CHECK ((status = 'SCANNED') = (level IS NOT NULL))
);
