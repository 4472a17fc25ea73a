package io.palisade.core.verdict;

import io.palisade.core.TenantOwned;
import io.palisade.detection.api.RiskLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One version in a mail item's verdict history. Versions are never changed (the database rejects updates); the
 * highest version is the current verdict. {@link VerdictService} writes and reads them.
 */
@Entity
@Immutable
@Table(name = "verdicts")
public class VerdictVersion extends TenantOwned {

    @Column(name = "mail_item_id", nullable = false)
    private UUID mailItemId;

    @Column(nullable = false)
    private int version;

    @Column(nullable = false)
    private int score;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RiskLevel level;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "signals", nullable = false)
    private String signalsJson;

    @Column(name = "engine_version", nullable = false)
    private String engineVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VerdictCause cause;

    @Column(name = "caused_by")
    private String causedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected VerdictVersion() {}

    VerdictVersion(
            UUID tenantId,
            UUID mailItemId,
            int version,
            int score,
            RiskLevel level,
            String signalsJson,
            String engineVersion,
            VerdictCause cause,
            String causedBy,
            Instant createdAt) {
        super(tenantId);
        this.mailItemId = mailItemId;
        this.version = version;
        this.score = score;
        this.level = level;
        this.signalsJson = signalsJson;
        this.engineVersion = engineVersion;
        this.cause = cause;
        this.causedBy = causedBy;
        this.createdAt = createdAt;
    }

    public UUID getMailItemId() {
        return mailItemId;
    }

    /** 1 for the first verdict, one more for each change. */
    public int getVersion() {
        return version;
    }

    public int getScore() {
        return score;
    }

    public RiskLevel getLevel() {
        return level;
    }

    /** The signals as JSON; {@link VerdictService#signals} reads them back. */
    public String getSignalsJson() {
        return signalsJson;
    }

    public String getEngineVersion() {
        return engineVersion;
    }

    public VerdictCause getCause() {
        return cause;
    }

    /** Who or what caused it (an analyst's name, an indicator id); may be null for scans. */
    public String getCausedBy() {
        return causedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
