package io.palisade.core.clawback;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads clawbacks and the state of their copies; every query is scoped to the tenant. */
@Component
public class ClawbackQueries {

    private static final String COPIES = """
            SELECT a.id AS action_id, a.mail_item_id, a.status, a.last_error, a.attempts, m.address,
                   EXISTS (SELECT 1 FROM actions r WHERE r.tenant_id = a.tenant_id AND r.mail_item_id = a.mail_item_id
                           AND r.kind = 'RELEASE' AND r.status = 'DONE' AND r.id <> a.id
                           AND r.created_at >= a.created_at) AS released
            FROM clawback_actions ca
            JOIN actions a ON a.tenant_id = ca.tenant_id AND a.id = ca.action_id
            JOIN mail_items i ON i.tenant_id = a.tenant_id AND i.id = a.mail_item_id
            JOIN mailboxes m ON m.tenant_id = i.tenant_id AND m.id = i.mailbox_id
            WHERE ca.tenant_id = ? AND ca.clawback_id = ?
            ORDER BY m.address
            """;

    private final JdbcTemplate jdbc;

    public ClawbackQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The clawback with every copy's state, or empty when the tenant has no such clawback. */
    @Transactional(readOnly = true)
    public Optional<ClawbackProgress> progress(UUID tenantId, UUID clawbackId) {
        return jdbc
                .query(
                        "SELECT * FROM clawbacks WHERE tenant_id = ? AND id = ?",
                        (rs, n) -> {
                            ActionKind kind = ActionKind.valueOf(rs.getString("kind"));
                            List<ClawbackProgress.Copy> copies = copies(tenantId, clawbackId, kind);
                            return new ClawbackProgress(
                                    clawbackId,
                                    tenantId,
                                    rs.getObject("campaign_id", UUID.class),
                                    kind,
                                    rs.getString("requested_by"),
                                    rs.getTimestamp("created_at").toInstant(),
                                    searching(tenantId, clawbackId),
                                    counts(copies),
                                    copies);
                        },
                        tenantId,
                        clawbackId)
                .stream()
                .findFirst();
    }

    /** The ids of a campaign's clawbacks, newest first. */
    @Transactional(readOnly = true)
    public List<UUID> ofCampaign(UUID tenantId, UUID campaignId) {
        return jdbc.queryForList(
                "SELECT id FROM clawbacks WHERE tenant_id = ? AND campaign_id = ? ORDER BY created_at DESC, id",
                UUID.class,
                tenantId,
                campaignId);
    }

    private List<ClawbackProgress.Copy> copies(UUID tenantId, UUID clawbackId, ActionKind kind) {
        return jdbc.query(
                COPIES,
                (rs, n) -> {
                    ActionStatus status = ActionStatus.valueOf(rs.getString("status"));
                    CopyState state = state(status, kind, rs.getBoolean("released"));
                    return new ClawbackProgress.Copy(
                            rs.getObject("mail_item_id", UUID.class),
                            rs.getObject("action_id", UUID.class),
                            rs.getString("address"),
                            state,
                            rs.getString("last_error"),
                            rs.getInt("attempts"));
                },
                tenantId,
                clawbackId);
    }

    private static CopyState state(ActionStatus status, ActionKind kind, boolean released) {
        return switch (status) {
            case PENDING, RUNNING -> CopyState.PENDING;
            case FAILED -> CopyState.FAILED;
            case SKIPPED -> CopyState.SKIPPED;
            case DONE -> kind == ActionKind.QUARANTINE && released ? CopyState.RELEASED : CopyState.DONE;
        };
    }

    private boolean searching(UUID tenantId, UUID clawbackId) {
        Integer open = jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ? AND idempotency_key = ?"
                        + " AND state IN ('READY', 'CLAIMED')",
                Integer.class,
                tenantId,
                ClawbackDiscovery.KIND,
                clawbackId.toString());
        return open != null && open > 0;
    }

    private static Map<CopyState, Integer> counts(List<ClawbackProgress.Copy> copies) {
        Map<CopyState, Integer> counts = new EnumMap<>(CopyState.class);
        for (CopyState state : CopyState.values()) {
            counts.put(state, 0);
        }
        copies.forEach(c -> counts.merge(c.state(), 1, Integer::sum));
        return counts;
    }
}
