package io.palisade.core.intel;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.work.WorkSignal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's threat-intelligence indicators. Adding one (or raising its confidence) queues the re-evaluation of
 * the stored mail that carries it, in the same transaction, so no indicator is stored without its re-evaluation.
 */
@Service
public class IntelService {

    private static final Logger LOG = LoggerFactory.getLogger(IntelService.class);

    // The CTE reads the row as it was before the upsert, so a raised confidence can be told from a repeat.
    private static final String UPSERT = """
            WITH before AS (
                SELECT confidence FROM threat_indicators
                WHERE tenant_id = ? AND kind = ? AND value = ? AND source = ?)
            INSERT INTO threat_indicators
                (id, tenant_id, kind, value, source, confidence, expires_at, created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, kind, value, source) DO UPDATE
                SET confidence = EXCLUDED.confidence, expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at
            RETURNING id, (xmax = 0) AS inserted, (SELECT confidence FROM before) AS before
            """;

    private final JdbcTemplate jdbc;
    private final WorkQueue queue;
    private final WorkSignal workers;
    private final AuditLog audit;
    private final Clock clock;

    public IntelService(JdbcTemplate jdbc, WorkQueue queue, WorkSignal workers, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.workers = workers;
        this.audit = audit;
        this.clock = clock;
    }

    /** What adding an indicator did. */
    public record Added(UUID id, boolean isNew, boolean reevaluating) {}

    /** Adds or refreshes one indicator; a new one, or a higher confidence, re-evaluates the mail that carries it. */
    @Transactional
    public Added add(UUID tenantId, NewIndicator indicator, String actor) {
        Instant now = clock.instant();
        Added added = jdbc.queryForObject(
                UPSERT,
                (rs, n) -> added(rs, indicator),
                tenantId,
                indicator.kind().name(),
                indicator.value(),
                indicator.source(),
                UUID.randomUUID(),
                tenantId,
                indicator.kind().name(),
                indicator.value(),
                indicator.source(),
                indicator.confidence(),
                indicator.expiresAt() == null ? null : Timestamp.from(indicator.expiresAt()),
                actor,
                Timestamp.from(now),
                Timestamp.from(now));
        if (added.reevaluating()) {
            queue.enqueue(
                    tenantId,
                    IndicatorReevaluation.KIND,
                    added.id() + ":" + indicator.confidence(),
                    "{\"indicatorId\":\"" + added.id() + "\"}");
            workers.wake();
        }
        if (added.isNew()) {
            audit.record(tenantId, actor, "indicator.added", "indicator:" + added.id(), indicator.source());
        }
        LOG.info(
                "event=indicator_added tenant={} indicator={} kind={} new={} confidence={}",
                tenantId,
                added.id(),
                indicator.kind(),
                added.isNew(),
                indicator.confidence());
        return added;
    }

    /** Adds many in one transaction; returns how many were new. */
    @Transactional
    public int addAll(UUID tenantId, List<NewIndicator> indicators, String actor) {
        return (int) indicators.stream()
                .map(i -> add(tenantId, i, actor))
                .filter(Added::isNew)
                .count();
    }

    /** An indicator of the tenant, or empty. */
    @Transactional(readOnly = true)
    public Optional<ThreatIndicator> find(UUID tenantId, UUID id) {
        return jdbc
                .query(
                        "SELECT * FROM threat_indicators WHERE tenant_id = ? AND id = ?",
                        IntelService::map,
                        tenantId,
                        id)
                .stream()
                .findFirst();
    }

    /** A page of the tenant's indicators, newest first. */
    @Transactional(readOnly = true)
    public List<ThreatIndicator> list(UUID tenantId, int offset, int limit) {
        return jdbc.query(
                "SELECT * FROM threat_indicators WHERE tenant_id = ? ORDER BY created_at DESC, id OFFSET ? LIMIT ?",
                IntelService::map,
                tenantId,
                offset,
                limit);
    }

    /** Ends an indicator now (it stays for the record); false when the tenant has no such indicator. */
    @Transactional
    public boolean expire(UUID tenantId, UUID id, String actor) {
        int changed = jdbc.update(
                "UPDATE threat_indicators SET expires_at = ?, updated_at = ? WHERE tenant_id = ? AND id = ?",
                Timestamp.from(clock.instant()),
                Timestamp.from(clock.instant()),
                tenantId,
                id);
        if (changed == 1) {
            audit.record(tenantId, actor, "indicator.expired", "indicator:" + id, null);
        }
        return changed == 1;
    }

    /** The active indicator of this kind and value with the highest confidence, or empty. */
    @Transactional(readOnly = true)
    public Optional<ThreatIndicator> lookup(UUID tenantId, IntelKind kind, String value) {
        return jdbc
                .query(
                        "SELECT * FROM threat_indicators WHERE tenant_id = ? AND kind = ? AND value = ?"
                                + " AND (expires_at IS NULL OR expires_at > ?) ORDER BY confidence DESC LIMIT 1",
                        IntelService::map,
                        tenantId,
                        kind.name(),
                        value,
                        Timestamp.from(clock.instant()))
                .stream()
                .findFirst();
    }

    private static Added added(ResultSet rs, NewIndicator indicator) throws SQLException {
        boolean inserted = rs.getBoolean("inserted");
        int before = rs.getInt("before");
        return new Added(rs.getObject("id", UUID.class), inserted, inserted || indicator.confidence() > before);
    }

    static ThreatIndicator map(ResultSet rs, int row) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        return new ThreatIndicator(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                IntelKind.valueOf(rs.getString("kind")),
                rs.getString("value"),
                rs.getString("source"),
                rs.getInt("confidence"),
                expires == null ? null : expires.toInstant(),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
