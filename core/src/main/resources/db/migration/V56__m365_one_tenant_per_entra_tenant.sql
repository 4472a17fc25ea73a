-- One Palisade tenant per Microsoft (Entra) tenant: consenting again for a Microsoft tenant that is already connected
-- reuses its Palisade tenant, so no two live (ACTIVE or DEGRADED) connections may name the same external tenant; two
-- consent callbacks racing for a new one leave one tenant, the other's activation fails. Installations that
-- onboarded a tenant twice before keep the oldest live connection; the later duplicates are marked REVOKED (their
-- mailboxes, mail and verdicts stay, and they are no longer refreshed).
UPDATE provider_connections c
   SET status = 'REVOKED', updated_at = now()
 WHERE c.status IN ('ACTIVE', 'DEGRADED')
   AND EXISTS (SELECT 1
                 FROM provider_connections o
                WHERE o.provider = c.provider
                  AND lower(o.external_tenant_id) = lower(c.external_tenant_id)
                  AND o.status IN ('ACTIVE', 'DEGRADED')
                  AND (o.created_at, o.id) < (c.created_at, c.id));

CREATE UNIQUE INDEX provider_connections_one_live_per_external_tenant
    ON provider_connections (provider, lower(external_tenant_id))
    WHERE status IN ('ACTIVE', 'DEGRADED');
