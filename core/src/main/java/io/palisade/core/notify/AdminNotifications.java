package io.palisade.core.notify;

import io.palisade.core.mail.MailItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records admin notifications in the transaction that changes the verdicts, one per message (or campaign) and level
 * change: the copies of a message, or the members of a campaign under one decision, that reach the same level add to
 * one notification instead of making one each, also across transactions (a campaign decision's chunks, copies that
 * arrive one by one). A new notification's webhook delivery is queued with it ({@value #DELIVERY_KIND}).
 */
@Service
public class AdminNotifications {

    /** Work-item kind that posts one notification to the tenant's webhook. */
    public static final String DELIVERY_KIND = "admin.notify";

    private static final Logger LOG = LoggerFactory.getLogger(AdminNotifications.class);
    private static final int MAX_REASONS = 3;
    private static final int MAX_REASONS_LENGTH = 500;
    private static final int MAX_ERROR_LENGTH = 500;
    // Two writers that meet on one group at different levels at once: the loser closes the winner's row and tries
    // again. More rounds than this would mean the group's level keeps changing under it.
    private static final int MAX_ROUNDS = 3;

    private static final String COLUMNS = """
            id, tenant_id, mail_item_id, campaign_id, level, previous_level, cause, caused_by, reasons, sender, items,
            delivery, delivery_attempts, delivery_error, delivered_at, created_at, updated_at
            """;

    private static final String CLOSE_OTHER_LEVELS = """
            UPDATE admin_notifications SET open = false, updated_at = ?
             WHERE tenant_id = ? AND open AND group_key = ANY(?) AND level <> ?
            """;

    private static final String OPEN_OR_ADD = """
            INSERT INTO admin_notifications (id, tenant_id, group_key, mail_item_id, campaign_id, level, previous_level,
                cause, caused_by, reasons, sender, items, open, delivery, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?)
            ON CONFLICT (tenant_id, group_key) WHERE open DO UPDATE
               SET items = admin_notifications.items + EXCLUDED.items, updated_at = EXCLUDED.updated_at
             WHERE admin_notifications.level = EXCLUDED.level
            RETURNING id, (xmax = 0) AS opened
            """;

    private final JdbcTemplate jdbc;
    private final VerdictService verdicts;
    private final WorkQueue queue;
    private final Clock clock;

    public AdminNotifications(JdbcTemplate jdbc, VerdictService verdicts, WorkQueue queue, Clock clock) {
        this.jdbc = jdbc;
        this.verdicts = verdicts;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * One copy's new verdict.
     *
     * @param previous the level before; null for a first verdict
     */
    public record Change(MailItem item, VerdictVersion version, RiskLevel previous) {}

    /**
     * Records the changes in the caller's transaction.
     *
     * @param campaignId the campaign whose decision made the changes; null when none
     * @param notify the changes the policy asks to notify admins of
     * @param others the other changes: a message or campaign whose level moved elsewhere ends its open notification,
     *     so a later return to that level is a new one
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID tenantId, UUID campaignId, List<Change> notify, List<Change> others) {
        Instant now = clock.instant();
        others.stream()
                .collect(Collectors.groupingBy(
                        c -> c.version().getLevel(),
                        Collectors.mapping(c -> groupKey(campaignId, c.item()), Collectors.toSet())))
                .forEach((level, keys) -> closeOtherLevels(tenantId, keys.toArray(String[]::new), level, now));
        Map<String, List<Change>> groups = new LinkedHashMap<>();
        for (Change change : notify) {
            String key =
                    groupKey(campaignId, change.item()) + "@" + change.version().getLevel();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
        }
        groups.values().forEach(group -> openOrAdd(tenantId, campaignId, group, now));
    }

    /** The tenant's newest notifications, newest first. */
    @Transactional(readOnly = true)
    public List<AdminNotification> recent(UUID tenantId, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM admin_notifications WHERE tenant_id = ? ORDER BY created_at DESC LIMIT ?",
                AdminNotifications::row,
                tenantId,
                limit);
    }

    /** One of the tenant's notifications; empty for an unknown id or another tenant's. */
    @Transactional(readOnly = true)
    public Optional<AdminNotification> find(UUID tenantId, UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM admin_notifications WHERE tenant_id = ? AND id = ?",
                        AdminNotifications::row,
                        tenantId,
                        id)
                .stream()
                .findFirst();
    }

    /** Records the outcome of a delivery attempt. */
    void delivered(UUID tenantId, UUID id, DeliveryState state, int attempts, String error) {
        String trimmed =
                error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        Instant now = clock.instant();
        jdbc.update(
                """
                UPDATE admin_notifications SET delivery = ?, delivery_attempts = ?, delivery_error = ?,
                       delivered_at = ?, updated_at = ?
                 WHERE tenant_id = ? AND id = ?
                """,
                state.name(),
                attempts,
                trimmed,
                state == DeliveryState.SENT ? Timestamp.from(now) : null,
                Timestamp.from(now),
                tenantId,
                id);
    }

    private void closeOtherLevels(UUID tenantId, String[] keys, RiskLevel level, Instant now) {
        jdbc.update(CLOSE_OTHER_LEVELS, Timestamp.from(now), tenantId, keys, level.name());
    }

    /** Adds the group's changes to its open notification at their level, or opens one (closing one at another). */
    private void openOrAdd(UUID tenantId, UUID campaignId, List<Change> group, Instant now) {
        Change first = group.getFirst();
        String key = groupKey(campaignId, first.item());
        RiskLevel level = first.version().getLevel();
        DeliveryState delivery = hasWebhook(tenantId) ? DeliveryState.PENDING : DeliveryState.NONE;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            closeOtherLevels(tenantId, new String[] {key}, level, now);
            List<Object[]> result = jdbc.query(
                    OPEN_OR_ADD,
                    (rs, row) -> new Object[] {rs.getObject("id", UUID.class), rs.getBoolean("opened")},
                    UUID.randomUUID(),
                    tenantId,
                    key,
                    first.item().getId(),
                    campaignId,
                    level.name(),
                    first.previous() == null ? null : first.previous().name(),
                    first.version().getCause().name(),
                    first.version().getCausedBy(),
                    reasons(first.version()),
                    first.item().getSender(),
                    group.size(),
                    delivery.name(),
                    Timestamp.from(now),
                    Timestamp.from(now));
            if (!result.isEmpty()) {
                UUID id = (UUID) result.getFirst()[0];
                if ((Boolean) result.getFirst()[1]) {
                    opened(tenantId, id, level, first.version().getCause(), delivery);
                }
                return;
            }
        }
        LOG.warn(
                "event=admin_notification_not_recorded tenant={} level={} reason=level_kept_changing", tenantId, level);
    }

    private void opened(UUID tenantId, UUID id, RiskLevel level, VerdictCause cause, DeliveryState delivery) {
        if (delivery == DeliveryState.PENDING) {
            queue.enqueue(tenantId, DELIVERY_KIND, id.toString(), "{\"notificationId\":\"" + id + "\"}");
        }
        LOG.info(
                "event=admin_notification_opened tenant={} notification={} level={} cause={} delivery={}",
                tenantId,
                id,
                level,
                cause,
                delivery);
    }

    private boolean hasWebhook(UUID tenantId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM admin_notification_webhooks WHERE tenant_id = ?)",
                Boolean.class,
                tenantId));
    }

    /**
     * The strongest signals of the verdict: name, plain reason and short evidence (a domain, a rule id, an analyst's
     * reason), never a message body.
     */
    private String reasons(VerdictVersion version) {
        String summary = verdicts.signals(version).stream()
                .sorted(Comparator.comparingDouble(Signal::weight).reversed())
                .limit(MAX_REASONS)
                .map(s -> s.name() + ": " + s.reason()
                        + (s.evidence() == null || s.evidence().isBlank() ? "" : " (" + s.evidence() + ")"))
                .collect(Collectors.joining("; "));
        if (summary.isEmpty()) {
            return "no signals";
        }
        return summary.length() <= MAX_REASONS_LENGTH ? summary : summary.substring(0, MAX_REASONS_LENGTH - 1) + "…";
    }

    /** A campaign decision's changes share one group; otherwise the copies of one message do. */
    private static String groupKey(UUID campaignId, MailItem item) {
        if (campaignId != null) {
            return "campaign:" + campaignId;
        }
        return item.getInternetMessageId() != null ? "message:" + item.getInternetMessageId() : "item:" + item.getId();
    }

    private static AdminNotification row(ResultSet rs, int row) throws SQLException {
        String previous = rs.getString("previous_level");
        Timestamp deliveredAt = rs.getTimestamp("delivered_at");
        return new AdminNotification(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("mail_item_id", UUID.class),
                rs.getObject("campaign_id", UUID.class),
                RiskLevel.valueOf(rs.getString("level")),
                previous == null ? null : RiskLevel.valueOf(previous),
                VerdictCause.valueOf(rs.getString("cause")),
                rs.getString("caused_by"),
                rs.getString("reasons"),
                rs.getString("sender"),
                rs.getInt("items"),
                DeliveryState.valueOf(rs.getString("delivery")),
                rs.getInt("delivery_attempts"),
                rs.getString("delivery_error"),
                deliveredAt == null ? null : deliveredAt.toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
