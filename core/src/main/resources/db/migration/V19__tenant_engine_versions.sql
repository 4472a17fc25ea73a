-- The detection engine version (engine, rule pack and configuration) each tenant's mail was last scanned or
-- re-scanned with. When an instance starts with another version, the tenant's recent mail is re-scanned once
-- (EngineChangeRescans); the update that records the new version decides which instance schedules it.
CREATE TABLE tenant_engine_versions (
    tenant_id      uuid        PRIMARY KEY REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    engine_version text        NOT NULL CHECK (length(engine_version) BETWEEN 1 AND 1000),
    updated_at     timestamptz NOT NULL
);
