-- An analyst's verdict on a campaign, applied to its members in chunks of short transactions (see
-- CampaignVerdicts): the row is the durable record of how far it got, so a restart resumes after the last member
-- done and never writes a member twice. Members are taken in mail item id order; cursor_item is the last one done.
CREATE TABLE campaign_verdicts (
    id             uuid        PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (tenant_id),
    campaign_id    uuid        NOT NULL,
    seq            bigserial   NOT NULL,
    score          integer     NOT NULL CHECK (score BETWEEN 0 AND 100),
    level          text        NOT NULL CHECK (level IN ('CLEAN', 'LOW', 'SUSPICIOUS', 'HIGH', 'MALICIOUS')),
    signals        jsonb       NOT NULL,
    engine_version text        NOT NULL,
    decided_by     text        NOT NULL,
    cursor_item    uuid,
    items_done     integer     NOT NULL DEFAULT 0,
    clawbacks      jsonb       NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX campaign_verdicts_open ON campaign_verdicts (tenant_id, campaign_id, seq) WHERE finished_at IS NULL;
