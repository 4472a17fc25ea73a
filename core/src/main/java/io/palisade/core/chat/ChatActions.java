package io.palisade.core.chat;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.queue.WorkQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Chat items' actions in core's {@code actions} table, and the outbox that writes each with the work item that runs
 * it, in the caller's transaction: an action exists exactly when the verdict or decision that asked for it does.
 */
@Repository
public class ChatActions {

    /** Work-item kind that runs one chat action ({@link ChatActionExecutor}). */
    public static final String KIND = "core.chat-action";

    private static final int MAX_ERROR_LENGTH = 2000;

    private final NamedParameterJdbcTemplate jdbc;
    private final WorkQueue queue;
    private final Clock clock;

    public ChatActions(NamedParameterJdbcTemplate jdbc, WorkQueue queue, Clock clock) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.clock = clock;
    }

    /** Adds a PENDING action and its work item; the caller's transaction holds the item's lock. */
    ChatAction add(ChatItem item, UUID verdictId, ActionKind kind, String requestedBy) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update(
                """
                INSERT INTO actions (id, tenant_id, chat_item_id, verdict_id, kind, status, attempts, requested_by,
                    created_at, updated_at)
                VALUES (:id, :tenant, :item, :verdict, :kind, 'PENDING', 0, :by, :now, :now)
                """,
                new MapSqlParameterSource()
                        .addValue("id", id)
                        .addValue("tenant", item.tenantId())
                        .addValue("item", item.id())
                        .addValue("verdict", verdictId)
                        .addValue("kind", kind.name())
                        .addValue("by", requestedBy)
                        .addValue("now", Timestamp.from(now)));
        queue.enqueue(item.tenantId(), KIND, id.toString(), "{\"actionId\":\"" + id + "\"}");
        return new ChatAction(
                id, item.tenantId(), item.id(), verdictId, kind, ActionStatus.PENDING, 0, null, requestedBy, now, now);
    }

    public Optional<ChatAction> find(UUID tenantId, UUID id) {
        return jdbc
                .query(
                        "SELECT * FROM actions WHERE tenant_id = :tenant AND id = :id AND chat_item_id IS NOT NULL",
                        new MapSqlParameterSource().addValue("tenant", tenantId).addValue("id", id),
                        ChatActions::action)
                .stream()
                .findFirst();
    }

    /** Every action on the item, oldest first; actions of one instant in the order of the verdicts that asked. */
    public List<ChatAction> of(UUID tenantId, UUID chatItemId) {
        return jdbc.query(
                """
                SELECT a.* FROM actions a
                LEFT JOIN verdicts v ON v.tenant_id = a.tenant_id AND v.id = a.verdict_id
                WHERE a.tenant_id = :tenant AND a.chat_item_id = :item
                ORDER BY a.created_at, v.version, a.id
                """,
                new MapSqlParameterSource().addValue("tenant", tenantId).addValue("item", chatItemId),
                ChatActions::action);
    }

    /** A worker starts an attempt. */
    void start(ChatAction action) {
        update(action, "status = 'RUNNING', attempts = attempts + 1", null);
    }

    void succeed(ChatAction action) {
        update(action, "status = 'DONE', last_error = NULL", null);
    }

    void skip(ChatAction action, String reason) {
        update(action, "status = 'SKIPPED', last_error = :error", reason);
    }

    /** A retryable failure puts the action back to PENDING; any other makes it FAILED. */
    void fail(ChatAction action, String error, boolean retryable) {
        update(action, "status = '" + (retryable ? "PENDING" : "FAILED") + "', last_error = :error", error);
    }

    private void update(ChatAction action, String set, String error) {
        String text =
                error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        jdbc.update(
                "UPDATE actions SET " + set + ", updated_at = :now WHERE tenant_id = :tenant AND id = :id",
                new MapSqlParameterSource()
                        .addValue("tenant", action.tenantId())
                        .addValue("id", action.id())
                        .addValue("error", text)
                        .addValue("now", Timestamp.from(clock.instant())));
    }

    private static ChatAction action(ResultSet rs, int row) throws SQLException {
        return new ChatAction(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("chat_item_id", UUID.class),
                rs.getObject("verdict_id", UUID.class),
                ActionKind.valueOf(rs.getString("kind")),
                ActionStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getString("requested_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
