package io.palisade.m365.onboarding;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code m365_mailbox_selection} table: each tenant's own {@link TenantSelection}, one row a tenant. */
@Repository
public class TenantSelections {

    private final JdbcTemplate jdbc;
    private final MailboxSelection installation;
    private final Clock clock;

    public TenantSelections(JdbcTemplate jdbc, MailboxSelection installation, Clock clock) {
        this.jdbc = jdbc;
        this.installation = installation;
        this.clock = clock;
    }

    /** The tenant's selection, or empty when it has none of its own. */
    public Optional<TenantSelection> find(UUID tenantId) {
        return jdbc
                .query(
                        "SELECT include_groups, exclude_groups, include_addresses, exclude_addresses"
                                + " FROM m365_mailbox_selection WHERE tenant_id = ?",
                        (rs, row) -> new TenantSelection(list(rs, 1), list(rs, 2), list(rs, 3), list(rs, 4)),
                        tenantId)
                .stream()
                .findFirst();
    }

    /** The selection in force for the tenant: its own, else the installation's address patterns. */
    public TenantSelection inForce(UUID tenantId) {
        return find(tenantId).orElseGet(this::installation);
    }

    /** The installation's address patterns, as a selection. */
    public TenantSelection installation() {
        return TenantSelection.of(installation);
    }

    /** Stores the tenant's selection, replacing the one before. */
    public void save(UUID tenantId, TenantSelection selection) {
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO m365_mailbox_selection (tenant_id, include_groups, exclude_groups,"
                            + " include_addresses, exclude_addresses, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (tenant_id) DO UPDATE SET include_groups = excluded.include_groups,"
                            + " exclude_groups = excluded.exclude_groups,"
                            + " include_addresses = excluded.include_addresses,"
                            + " exclude_addresses = excluded.exclude_addresses, updated_at = excluded.updated_at");
            ps.setObject(1, tenantId);
            ps.setArray(2, array(ps, selection.includeGroups()));
            ps.setArray(3, array(ps, selection.excludeGroups()));
            ps.setArray(4, array(ps, selection.includeAddresses()));
            ps.setArray(5, array(ps, selection.excludeAddresses()));
            ps.setTimestamp(6, Timestamp.from(clock.instant()));
            return ps;
        });
    }

    private static Array array(PreparedStatement ps, List<String> values) throws SQLException {
        return ps.getConnection().createArrayOf("text", values.toArray(String[]::new));
    }

    private static List<String> list(ResultSet rs, int column) throws SQLException {
        return List.of((String[]) rs.getArray(column).getArray());
    }
}
