package io.palisade.m365.catchup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code m365_delta_links} table: the stored delta link of each tracked folder, always within a tenant. */
@Repository
public class DeltaLinkStore {

    /** A folder's delta link and when the round that produced it finished. */
    public record DeltaLink(String link, Instant syncedAt) {}

    private final NamedParameterJdbcTemplate jdbc;

    public DeltaLinkStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DeltaLink> find(UUID tenantId, UUID mailboxId, String folder) {
        List<DeltaLink> found = jdbc.query(
                """
                SELECT delta_link, synced_at FROM m365_delta_links
                 WHERE tenant_id = :tenant AND mailbox_id = :mailbox AND folder = :folder
                """,
                params(tenantId, mailboxId, folder),
                (rs, row) -> new DeltaLink(rs.getString(1), rs.getTimestamp(2).toInstant()));
        return found.stream().findFirst();
    }

    public void save(UUID tenantId, UUID mailboxId, String folder, String link, Instant syncedAt) {
        jdbc.update(
                """
                INSERT INTO m365_delta_links (tenant_id, mailbox_id, folder, delta_link, synced_at)
                VALUES (:tenant, :mailbox, :folder, :link, :synced)
                ON CONFLICT (tenant_id, mailbox_id, folder)
                DO UPDATE SET delta_link = EXCLUDED.delta_link, synced_at = EXCLUDED.synced_at
                """,
                params(tenantId, mailboxId, folder)
                        .addValue("link", link)
                        .addValue("synced", Timestamp.from(syncedAt)));
    }

    private static MapSqlParameterSource params(UUID tenantId, UUID mailboxId, String folder) {
        return new MapSqlParameterSource()
                .addValue("tenant", tenantId)
                .addValue("mailbox", mailboxId)
                .addValue("folder", folder);
    }
}
