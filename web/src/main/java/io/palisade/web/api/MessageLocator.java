package io.palisade.web.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the tenant of a mail item from its id alone. The REST API's installation administrators address messages
 * by id; every call after this one is scoped to the tenant found here. Not for tenant-scoped callers.
 */
@Component
public class MessageLocator {

    private final JdbcTemplate jdbc;

    public MessageLocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UUID> tenantOf(UUID mailItemId) {
        List<UUID> tenants = jdbc.queryForList("SELECT tenant_id FROM mail_items WHERE id = ?", UUID.class, mailItemId);
        return tenants.stream().findFirst();
    }
}
