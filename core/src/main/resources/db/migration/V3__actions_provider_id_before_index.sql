-- Finds the mail item that Palisade itself moved away from a provider id (a quarantine, a banner copy), so that a
-- late notification for the old id is recognised instead of ingested as a new message.
CREATE INDEX actions_provider_id_before ON actions (tenant_id, provider_id_before) WHERE provider_id_before IS NOT NULL;
