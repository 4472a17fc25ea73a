package io.palisade.core.audit;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Pageable;
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

    public AuditLog(AuditEntryRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
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
