package io.palisade.web.api;

import io.palisade.core.tenant.TenantService;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the tenant of a mail item, campaign or clawback from its id alone. The REST API's installation
 * administrators address these by id; every call after this one is scoped to the tenant found here. Not for
 * tenant-scoped callers.
 */
@Component
public class MessageLocator {

    private final JdbcTemplate jdbc;
    private final TenantService tenants;

    public MessageLocator(JdbcTemplate jdbc, TenantService tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    public Optional<UUID> tenantOf(UUID mailItemId) {
        return first("SELECT tenant_id FROM mail_items WHERE id = ?", mailItemId);
    }

    public Optional<UUID> tenantOfCampaign(UUID campaignId) {
        return first("SELECT tenant_id FROM campaigns WHERE id = ?", campaignId);
    }

    Optional<UUID> tenantOfClawback(UUID clawbackId) {
        return first("SELECT tenant_id FROM clawbacks WHERE id = ?", clawbackId);
    }

    /** The tenant, which must exist. */
    UUID requireTenant(UUID tenantId) {
        tenants.find(tenantId).orElseThrow(() -> new NoSuchElementException("no tenant " + tenantId));
        return tenantId;
    }

    private Optional<UUID> first(String sql, UUID id) {
        List<UUID> tenantIds = jdbc.queryForList(sql, UUID.class, id);
        return tenantIds.stream().findFirst();
    }
}
