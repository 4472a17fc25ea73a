package io.palisade.m365.onboarding;

import io.palisade.m365.graph.ConnectedTenantLookup;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which Palisade tenant a Microsoft tenant is connected to. This one lookup runs across tenants, by design: a consent
 * callback names only the Microsoft tenant, and must find the Palisade tenant that already holds it.
 */
@Repository
public class ConnectedTenants implements ConnectedTenantLookup {

    /** The Palisade tenant and its connection to one Microsoft tenant. */
    public record Connected(UUID tenantId, UUID connectionId) {}

    private final JdbcTemplate jdbc;

    public ConnectedTenants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant connected to this Microsoft tenant id (a live connection first, else a pending one); else empty. */
    public Optional<Connected> find(String externalTenantId) {
        return jdbc
                .query(
                        "SELECT tenant_id, id FROM provider_connections WHERE provider = 'M365'"
                                + " AND lower(external_tenant_id) = lower(?) AND status <> 'REVOKED'"
                                + " ORDER BY (status IN ('ACTIVE', 'DEGRADED')) DESC, created_at LIMIT 1",
                        (rs, row) -> new Connected(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                        externalTenantId)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<UUID> palisadeTenant(String externalTenantId) {
        return find(externalTenantId).map(Connected::tenantId);
    }
}
