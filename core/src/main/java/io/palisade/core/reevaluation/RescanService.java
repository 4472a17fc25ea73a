package io.palisade.core.reevaluation;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.pipeline.PipelineProperties;
import io.palisade.core.queue.WorkQueue;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schedules the re-scan of a tenant's recent mail after a new rule pack or model: one work item per message,
 * spread out at {@code perSecond} so a re-scan never crowds out new mail. Scheduling the same reason twice adds
 * nothing (the reason is part of each item's idempotency key).
 */
@Service
public class RescanService {

    private static final Logger LOG = LoggerFactory.getLogger(RescanService.class);
    private static final int MAX_ITEMS = 100_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final WorkQueue queue;
    private final AuditLog audit;
    private final PipelineProperties pipeline;
    private final Clock clock;

    public RescanService(JdbcTemplate jdbc, WorkQueue queue, AuditLog audit, PipelineProperties pipeline, Clock clock) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.audit = audit;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /**
     * Schedules the re-scan of the tenant's mail received in the last {@code window} (capped at the raw-message
     * retention, since a re-scan needs the raw message).
     *
     * @param reason what changed, e.g. {@code rules 2026.12.1}; recorded as the new versions' causedBy
     * @return how many messages were scheduled
     */
    @Transactional
    public int scheduleRecent(UUID tenantId, Duration window, String reason, int perSecond, String actor) {
        if (perSecond < 1 || reason == null || reason.isBlank() || reason.length() > 200) {
            throw new IllegalArgumentException("a re-scan needs a reason of at most 200 characters and perSecond >= 1");
        }
        Duration bounded = window.compareTo(pipeline.rawRetention()) > 0 ? pipeline.rawRetention() : window;
        Instant now = clock.instant();
        List<UUID> items = jdbc.queryForList(
                "SELECT id FROM mail_items WHERE tenant_id = ? AND received_at >= ? ORDER BY received_at DESC LIMIT ?",
                UUID.class,
                tenantId,
                Timestamp.from(now.minus(bounded)),
                MAX_ITEMS);
        for (int i = 0; i < items.size(); i++) {
            String payload = "{\"mailItemId\":\"" + items.get(i) + "\",\"reason\":" + quote(reason) + "}";
            queue.enqueueAt(
                    tenantId,
                    RescanHandler.KIND,
                    reason + ":" + items.get(i),
                    payload,
                    now.plusMillis(i * 1000L / perSecond));
        }
        audit.record(
                tenantId, actor, "rescan.scheduled", "tenant:" + tenantId, reason + "; " + items.size() + " messages");
        LOG.info("event=rescan_scheduled tenant={} messages={} per_second={}", tenantId, items.size(), perSecond);
        return items.size();
    }

    private static String quote(String text) {
        return JSON.writeValueAsString(text);
    }
}
