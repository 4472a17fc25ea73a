package io.palisade.core.chat;

import io.palisade.core.connector.Provider;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code chat_items} table; every method but {@link #tenantOf} takes the tenant. */
@Repository
public class ChatItemStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public ChatItemStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<ChatItem> find(UUID tenantId, UUID id) {
        return one(
                "SELECT * FROM chat_items WHERE tenant_id = :tenant AND id = :id",
                tenant(tenantId).addValue("id", id));
    }

    public Optional<ChatItem> find(UUID tenantId, String chatId, String messageId) {
        return one(
                "SELECT * FROM chat_items WHERE tenant_id = :tenant AND chat_id = :chat AND message_id = :message",
                tenant(tenantId).addValue("chat", chatId).addValue("message", messageId));
    }

    /** The item, locked until the transaction ends: serialises its verdict versions and actions. */
    Optional<ChatItem> lock(UUID tenantId, UUID id) {
        return one(
                "SELECT * FROM chat_items WHERE tenant_id = :tenant AND id = :id FOR UPDATE",
                tenant(tenantId).addValue("id", id));
    }

    /** The item of this message, created first when there is none; locked until the transaction ends. */
    ChatItem lockOrCreate(ChatMessageFacts facts) {
        jdbc.update(
                """
                INSERT INTO chat_items (id, tenant_id, provider, chat_id, message_id, sender, files, posted_at,
                    last_modified_at, created_at)
                VALUES (:id, :tenant, :provider, :chat, :message, :sender, 0, :posted, :modified, :now)
                ON CONFLICT (tenant_id, chat_id, message_id) DO NOTHING
                """,
                tenant(facts.tenantId())
                        .addValue("id", UUID.randomUUID())
                        .addValue("provider", facts.provider().name())
                        .addValue("chat", facts.chatId())
                        .addValue("message", facts.messageId())
                        .addValue("sender", facts.sender())
                        .addValue("posted", Timestamp.from(facts.postedAt()))
                        .addValue("modified", Timestamp.from(facts.lastModifiedAt()))
                        .addValue("now", Timestamp.from(clock.instant())));
        return one(
                        "SELECT * FROM chat_items WHERE tenant_id = :tenant AND chat_id = :chat"
                                + " AND message_id = :message FOR UPDATE",
                        tenant(facts.tenantId())
                                .addValue("chat", facts.chatId())
                                .addValue("message", facts.messageId()))
                .orElseThrow();
    }

    /** Records the message version worked and how many files the verdict now covers. */
    void worked(ChatItem item, ChatMessageFacts facts, int files) {
        jdbc.update(
                """
                UPDATE chat_items SET files = :files,
                    last_modified_at = GREATEST(last_modified_at, :modified)
                WHERE tenant_id = :tenant AND id = :id
                """,
                tenant(item.tenantId())
                        .addValue("id", item.id())
                        .addValue("files", files)
                        .addValue("modified", Timestamp.from(facts.lastModifiedAt())));
    }

    void hidden(UUID tenantId, UUID id, boolean hidden) {
        jdbc.update(
                "UPDATE chat_items SET hidden = :hidden WHERE tenant_id = :tenant AND id = :id",
                tenant(tenantId).addValue("id", id).addValue("hidden", hidden));
    }

    /** The tenant's newest chat items, newest first. */
    public List<ChatItem> newest(UUID tenantId, int limit) {
        return jdbc.query(
                "SELECT * FROM chat_items WHERE tenant_id = :tenant ORDER BY created_at DESC, id LIMIT :limit",
                tenant(tenantId).addValue("limit", limit),
                ChatItemStore::item);
    }

    /**
     * The tenant of a chat item found by its id alone, for the installation's administrators who address items by
     * id; every call after this one is scoped to the tenant found.
     */
    public Optional<UUID> tenantOf(UUID id) {
        return jdbc
                .queryForList(
                        "SELECT tenant_id FROM chat_items WHERE id = :id",
                        new MapSqlParameterSource("id", id),
                        UUID.class)
                .stream()
                .findFirst();
    }

    private Optional<ChatItem> one(String sql, MapSqlParameterSource params) {
        return jdbc.query(sql, params, ChatItemStore::item).stream().findFirst();
    }

    private static MapSqlParameterSource tenant(UUID tenantId) {
        return new MapSqlParameterSource("tenant", tenantId);
    }

    private static ChatItem item(ResultSet rs, int row) throws SQLException {
        return new ChatItem(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                Provider.valueOf(rs.getString("provider")),
                rs.getString("chat_id"),
                rs.getString("message_id"),
                rs.getString("sender"),
                rs.getInt("files"),
                rs.getTimestamp("posted_at").toInstant(),
                rs.getTimestamp("last_modified_at").toInstant(),
                rs.getBoolean("hidden"),
                rs.getTimestamp("created_at").toInstant());
    }
}
