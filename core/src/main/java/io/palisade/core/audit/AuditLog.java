package io.palisade.core.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit log. An entry joins the caller's transaction, so an action and its audit line commit or
 * roll back together. The database rejects any UPDATE, DELETE or TRUNCATE of the log.
 */
@Service
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final AuditEntryRepository entries;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    public AuditLog(AuditEntryRepository entries, Clock clock, JdbcTemplate jdbc) {
        this.entries = entries;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * One entry of {@link #recordAll}: {@code actor} did {@code action} to {@code target}.
     *
     * @param reason why; may be null
     */
    public record Entry(String actor, String action, String target, String reason) {
        public Entry {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Records that {@code actor} did {@code action} to {@code target}.
     *
     * @param actor who, never null (a user name, or {@code system:<component>})
     * @param action what, never null (for example {@code message.quarantine})
     * @param target which object, never null (for example {@code mail_item:<id>})
     * @param reason why; may be null
     */
    @Transactional
    public AuditEntry record(UUID tenantId, String actor, String action, String target, String reason) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        AuditEntry entry = entries.save(new AuditEntry(tenantId, actor, action, target, reason, clock.instant()));
        LOG.info("event=audit tenant={} action={} target={}", tenantId, action, target);
        return entry;
    }

    /**
     * Records many entries of one tenant in one batch (a campaign's thousands of copies), in the caller's
     * transaction. Nothing is loaded into the persistence context, so the batch costs the same per entry however
     * large the transaction grows.
     */
    @Transactional
    public void recordAll(UUID tenantId, List<Entry> batch) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (batch.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate(
                "INSERT INTO audit_log (id, tenant_id, actor, action, target, reason, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                batch.stream()
                        .map(e -> new Object[] {
                            UUID.randomUUID(), tenantId, e.actor(), e.action(), e.target(), e.reason(), now
                        })
                        .toList());
        LOG.info(
                "event=audit tenant={} action={} entries={}",
                tenantId,
                batch.getFirst().action(),
                batch.size());
    }

    /** The tenant's entries, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> recent(UUID tenantId, Pageable page) {
        return entries.findByTenantIdOrderByCreatedAtDesc(tenantId, page);
    }

    /** The tenant's entries about one target, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> about(UUID tenantId, String target) {
        return entries.findByTenantIdAndTargetOrderByCreatedAtDesc(tenantId, target);
    }
}
