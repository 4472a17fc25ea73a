package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The statements {@link ActionExecutor} runs on an action's row and its copy, in the caller's transaction. Plain
 * SQL rather than entities: a campaign's clawback or banner refresh runs thousands of actions, and each would
 * otherwise load, track and flush the same rows through the persistence context. Every statement takes the tenant.
 */
@Component
class ActionRows {

    private static final int MAX_ERROR_LENGTH = 2000;

    private static final String FIND = """
            SELECT id, mail_item_id, kind, status, attempts, requested_by, created_at FROM actions
             WHERE tenant_id = :tenant AND id = :id AND mail_item_id IS NOT NULL
            """;

    // An earlier action still waiting, or one running whose worker has not gone quiet, keeps this one waiting.
    private static final String EARLIER_UNFINISHED = """
            SELECT EXISTS (SELECT 1 FROM actions
             WHERE tenant_id = :tenant AND mail_item_id = :item AND id <> :id
               AND ((status = 'RUNNING' AND updated_at > :staleBefore)
                    OR (status = 'PENDING' AND created_at < :createdAt)))
            """;

    private static final String PROVIDER_MAILBOX =
            "SELECT provider_mailbox_id FROM mailboxes WHERE tenant_id = :tenant AND id = :mailbox";

    private static final String START = """
            UPDATE actions SET status = 'RUNNING', attempts = attempts + 1, provider_id_before = :providerId,
                   updated_at = :now
             WHERE tenant_id = :tenant AND id = :id AND status IN ('PENDING', 'RUNNING')
            """;

    private static final String SUCCEED = """
            UPDATE actions SET status = 'DONE', provider_id_after = :newProviderId, original_folder = :folderBefore,
                   last_error = NULL, updated_at = :now
             WHERE tenant_id = :tenant AND id = :id
            """;

    private static final String END_WITH_REASON =
            "UPDATE actions SET status = :status, last_error = :error, updated_at = :now"
                    + " WHERE tenant_id = :tenant AND id = :id";

    private static final String MOVE_ITEM = """
            UPDATE mail_items SET provider_message_id = :providerId, folder = :folder
             WHERE tenant_id = :tenant AND id = :item
            """;

    private final NamedParameterJdbcTemplate jdbc;

    ActionRows(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the executor needs to know of an action on a mail item. */
    record Action(
            UUID id,
            UUID tenantId,
            UUID mailItemId,
            ActionKind kind,
            ActionStatus status,
            int attempts,
            String requestedBy,
            Instant createdAt) {

        /** The same action once an attempt has started. */
        Action started() {
            return new Action(
                    id, tenantId, mailItemId, kind, ActionStatus.RUNNING, attempts + 1, requestedBy, createdAt);
        }
    }

    /** The tenant's action on a mail item; empty for an unknown id or a chat item's action. */
    Optional<Action> find(UUID tenantId, UUID id) {
        return jdbc.query(FIND, params(tenantId, id), (rs, row) -> action(tenantId, rs)).stream()
                .findFirst();
    }

    /** Whether another action on the same copy must finish first. */
    boolean earlierUnfinished(Action action, Instant staleBefore) {
        MapSqlParameterSource params = params(action.tenantId(), action.id())
                .addValue("item", action.mailItemId())
                .addValue("staleBefore", Timestamp.from(staleBefore))
                .addValue("createdAt", Timestamp.from(action.createdAt()));
        return Boolean.TRUE.equals(jdbc.queryForObject(EARLIER_UNFINISHED, params, Boolean.class));
    }

    /** The platform's id of the tenant's mailbox; empty when the mailbox is gone. */
    Optional<String> providerMailboxId(UUID tenantId, UUID mailboxId) {
        MapSqlParameterSource params =
                new MapSqlParameterSource().addValue("tenant", tenantId).addValue("mailbox", mailboxId);
        return jdbc.queryForList(PROVIDER_MAILBOX, params, String.class).stream()
                .findFirst();
    }

    /**
     * An attempt starts on the message whose provider id is {@code providerId}.
     *
     * @return false when the action ended meanwhile (a release cancelled a quarantine no worker had started)
     */
    boolean start(Action action, String providerId, Instant now) {
        return jdbc.update(START, params(action.tenantId(), action.id(), now).addValue("providerId", providerId)) == 1;
    }

    /**
     * The attempt worked.
     *
     * @param newProviderId the message's id afterwards; null when it did not change or the message is gone
     * @param folderBefore the folder it came from (for a release); may be null
     */
    void succeed(Action action, String newProviderId, String folderBefore, Instant now) {
        jdbc.update(
                SUCCEED,
                params(action.tenantId(), action.id(), now)
                        .addValue("newProviderId", newProviderId)
                        .addValue("folderBefore", folderBefore));
    }

    /** Not needed after all; {@code reason} says why. */
    void skip(Action action, String reason, Instant now) {
        endWithReason(action, ActionStatus.SKIPPED, reason, now);
    }

    /** The attempt failed: a retryable failure puts the action back to PENDING, any other makes it FAILED. */
    void fail(Action action, String error, boolean retryable, Instant now) {
        endWithReason(action, retryable ? ActionStatus.PENDING : ActionStatus.FAILED, error, now);
    }

    /** The platform moved or rewrote the copy: it has a new id, and maybe a new folder. */
    void moveItem(Action action, String newProviderId, String folder) {
        jdbc.update(
                MOVE_ITEM,
                new MapSqlParameterSource()
                        .addValue("tenant", action.tenantId())
                        .addValue("item", action.mailItemId())
                        .addValue("providerId", newProviderId)
                        .addValue("folder", folder));
    }

    private void endWithReason(Action action, ActionStatus status, String reason, Instant now) {
        String error =
                reason == null || reason.length() <= MAX_ERROR_LENGTH ? reason : reason.substring(0, MAX_ERROR_LENGTH);
        jdbc.update(
                END_WITH_REASON,
                params(action.tenantId(), action.id(), now)
                        .addValue("status", status.name())
                        .addValue("error", error));
    }

    private static MapSqlParameterSource params(UUID tenantId, UUID id) {
        return new MapSqlParameterSource().addValue("tenant", tenantId).addValue("id", id);
    }

    private static MapSqlParameterSource params(UUID tenantId, UUID id, Instant now) {
        return params(tenantId, id).addValue("now", Timestamp.from(now));
    }

    private static Action action(UUID tenantId, ResultSet rs) throws SQLException {
        return new Action(
                rs.getObject("id", UUID.class),
                tenantId,
                rs.getObject("mail_item_id", UUID.class),
                ActionKind.valueOf(rs.getString("kind")),
                ActionStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("requested_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
