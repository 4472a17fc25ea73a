package io.palisade.core.audit;

import io.palisade.core.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One line of the audit log: who did what to which target, and why. The database refuses changes to it. */
@Entity
@Immutable
@Table(name = "audit_log")
public class AuditEntry extends TenantOwned {

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    @Column(nullable = false)
    private String target;

    @Column
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AuditEntry() {}

    AuditEntry(UUID tenantId, String actor, String action, String target, String reason, Instant createdAt) {
        super(tenantId);
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    /** Who: a user name, or {@code system:<component>} for automatic steps. */
    public String getActor() {
        return actor;
    }

    /** What, as a dotted name such as {@code message.quarantine}. */
    public String getAction() {
        return action;
    }

    /** Which object, such as {@code mail_item:<id>}. */
    public String getTarget() {
        return target;
    }

    /** Why; may be null. */
    public String getReason() {
        return reason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
