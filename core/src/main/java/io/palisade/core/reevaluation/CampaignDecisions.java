package io.palisade.core.reevaluation;

import io.palisade.detection.api.RiskLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** How far the analysts' decisions on a campaign ({@link CampaignVerdicts}) have come; every query takes the tenant. */
@Component
public class CampaignDecisions {

    private static final String PROGRESS = """
            SELECT d.id, d.level, d.decided_by, d.created_at, d.items_done, d.finished_at,
                   (SELECT count(*) FROM campaign_members m
                     WHERE m.tenant_id = d.tenant_id AND m.campaign_id = d.campaign_id) AS members
              FROM campaign_verdicts d""";

    private final JdbcTemplate jdbc;

    CampaignDecisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One decision on a campaign and how far it has come.
     *
     * @param finishedAt when its last member got its version; null while it is being applied
     */
    public record Progress(
            UUID id,
            RiskLevel level,
            String decidedBy,
            Instant createdAt,
            int membersDone,
            int members,
            Instant finishedAt) {}

    /** The campaign's decisions, newest first, each with how many members it has reached. */
    public List<Progress> ofCampaign(UUID tenantId, UUID campaignId) {
        return jdbc.query(
                PROGRESS + " WHERE d.tenant_id = ? AND d.campaign_id = ? ORDER BY d.seq DESC",
                CampaignDecisions::progress,
                tenantId,
                campaignId);
    }

    /** One decision of the tenant's; fails when it has none such. */
    public Progress of(UUID tenantId, UUID decision) {
        return jdbc.queryForObject(
                PROGRESS + " WHERE d.tenant_id = ? AND d.id = ?", CampaignDecisions::progress, tenantId, decision);
    }

    private static Progress progress(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Progress(
                rs.getObject("id", UUID.class),
                RiskLevel.valueOf(rs.getString("level")),
                rs.getString("decided_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getInt("items_done"),
                rs.getInt("members"),
                finished == null ? null : finished.toInstant());
    }
}
