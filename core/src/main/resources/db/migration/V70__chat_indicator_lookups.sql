-- Numbered after every module's range: it indexes chat_items (V13) and chat_file_scans (V54).
-- A new threat indicator looks for the chat messages that carry it (IndicatorReevaluation): by a shared file's hash
-- and by the sender's address, each within the tenant.
CREATE INDEX chat_file_scans_sha256 ON chat_file_scans (tenant_id, sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX chat_items_sender ON chat_items (tenant_id, lower(sender));
