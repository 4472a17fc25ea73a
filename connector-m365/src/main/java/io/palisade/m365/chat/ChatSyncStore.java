package io.palisade.m365.chat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code m365_chat_sync} table: when each mailbox's last chat catch-up round started, always within a tenant. */
@Repository
public class ChatSyncStore {

    private final NamedParameterJdbcTemplate jdbc;

    public ChatSyncStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The tenants whose chats are watched: those with a chat subscription that Graph has not removed (a failed one
     * counts, since its notifications are what catch-up makes up for). Across tenants, for the sweep.
     */
    public List<UUID> tenantsWithChats() {
        return jdbc.queryForList(
                "SELECT DISTINCT tenant_id FROM m365_subscriptions WHERE mailbox_id IS NULL AND status <> 'REMOVED'",
                new MapSqlParameterSource(),
                UUID.class);
    }

    public Optional<Instant> syncedAt(UUID tenantId, UUID mailboxId) {
        return jdbc
                .query(
                        "SELECT synced_at FROM m365_chat_sync WHERE tenant_id = :tenant AND mailbox_id = :mailbox",
                        params(tenantId, mailboxId),
                        (rs, row) -> rs.getTimestamp(1).toInstant())
                .stream()
                .findFirst();
    }

    public void save(UUID tenantId, UUID mailboxId, Instant syncedAt) {
        jdbc.update("""
                INSERT INTO m365_chat_sync (tenant_id, mailbox_id, synced_at) VALUES (:tenant, :mailbox, :synced)
                ON CONFLICT (tenant_id, mailbox_id) DO UPDATE SET synced_at = EXCLUDED.synced_at
                """, params(tenantId, mailboxId).addValue("synced", Timestamp.from(syncedAt)));
    }

    private static MapSqlParameterSource params(UUID tenantId, UUID mailboxId) {
        return new MapSqlParameterSource().addValue("tenant", tenantId).addValue("mailbox", mailboxId);
    }
}
