package io.palisade.web.console;

import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.clawback.ClawbackProgress;
import io.palisade.core.clawback.ClawbackQueries;
import io.palisade.core.clawback.CopyState;
import io.palisade.core.reevaluation.CampaignDecisions;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Campaigns and the progress of their clawbacks, as the console shows them; every query takes the tenant. */
@Service
public class CampaignConsole {

    private final TenantService tenants;
    private final CampaignService campaigns;
    private final ClawbackQueries clawbacks;
    private final JdbcTemplate jdbc;
    private final CampaignDecisions decisions;

    public CampaignConsole(
            TenantService tenants,
            CampaignService campaigns,
            ClawbackQueries clawbacks,
            JdbcTemplate jdbc,
            CampaignDecisions decisions) {
        this.decisions = decisions;
        this.tenants = tenants;
        this.campaigns = campaigns;
        this.clawbacks = clawbacks;
        this.jdbc = jdbc;
    }

    /** One campaign in the list. */
    public record Row(
            UUID tenantId, String tenantName, UUID campaignId, Instant createdAt, String subject, int members) {}

    /** One message of a campaign with where it sits and its current level. */
    public record Member(UUID mailItemId, String reason, String mailbox, String sender, String subject, String level) {}

    /**
     * A campaign page: its members, the analysts' decisions with how many members each has reached, and each
     * clawback with its per-copy progress, newest first.
     */
    public record View(
            Tenant tenant,
            Campaign campaign,
            List<Member> members,
            List<CampaignDecisions.Progress> decisions,
            List<Clawback> clawbacks) {}

    /**
     * One clawback of the campaign.
     *
     * @param percent the share of its copies in a final state, 0 to 100
     * @param counts how many copies are in each state, in the states' order
     */
    public record Clawback(ClawbackProgress progress, int percent, Map<CopyState, Integer> counts) {

        static Clawback of(ClawbackProgress progress) {
            int total = progress.copies().size();
            Map<CopyState, Integer> counts = new EnumMap<>(CopyState.class);
            for (CopyState state : CopyState.values()) {
                counts.put(state, progress.counts().getOrDefault(state, 0));
            }
            return new Clawback(progress, total == 0 ? 100 : progress.finished() * 100 / total, counts);
        }
    }

    /** Up to {@code limit} newest campaigns per tenant, newest first overall. */
    @Transactional(readOnly = true)
    public List<Row> recent(int limit) {
        List<Row> rows = new ArrayList<>();
        for (Tenant tenant : tenants.active()) {
            rows.addAll(jdbc.query(
                    """
                    SELECT c.id, c.created_at, seed.subject,
                           (SELECT count(*) FROM campaign_members cm
                             WHERE cm.tenant_id = c.tenant_id AND cm.campaign_id = c.id) AS members
                      FROM campaigns c
                      JOIN mail_items seed ON seed.tenant_id = c.tenant_id AND seed.id = c.seed_mail_item_id
                     WHERE c.tenant_id = ?
                     ORDER BY c.created_at DESC
                     LIMIT ?""",
                    (rs, n) -> new Row(
                            tenant.getId(),
                            tenant.getName(),
                            rs.getObject("id", UUID.class),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getString("subject"),
                            rs.getInt("members")),
                    tenant.getId(),
                    limit));
        }
        rows.sort(Comparator.comparing(Row::createdAt).reversed());
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    /** The campaign with its members and clawbacks; empty when the tenant has no such campaign. */
    @Transactional(readOnly = true)
    public Optional<View> of(UUID tenantId, UUID campaignId) {
        Optional<Tenant> tenant = tenants.find(tenantId);
        Optional<Campaign> campaign = campaigns.find(tenantId, campaignId);
        if (tenant.isEmpty() || campaign.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, String> reasons = campaign.get().members().stream()
                .collect(Collectors.toMap(
                        Campaign.Member::mailItemId, m -> m.reason().name(), (a, b) -> a));
        List<Member> members = jdbc.query(
                """
                SELECT m.id, mb.address, m.sender, m.subject,
                       (SELECT v.level FROM verdicts v WHERE v.tenant_id = m.tenant_id AND v.mail_item_id = m.id
                         ORDER BY v.version DESC LIMIT 1) AS level
                  FROM campaign_members cm
                  JOIN mail_items m ON m.tenant_id = cm.tenant_id AND m.id = cm.mail_item_id
                  LEFT JOIN mailboxes mb ON mb.tenant_id = m.tenant_id AND mb.id = m.mailbox_id
                 WHERE cm.tenant_id = ? AND cm.campaign_id = ?
                 ORDER BY mb.address, m.received_at""",
                (rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Member(
                            id,
                            reasons.get(id),
                            rs.getString("address"),
                            rs.getString("sender"),
                            rs.getString("subject"),
                            rs.getString("level"));
                },
                tenantId,
                campaignId);
        List<Clawback> progress = clawbacks.ofCampaign(tenantId, campaignId).stream()
                .map(id -> clawbacks.progress(tenantId, id))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(ClawbackProgress::createdAt).reversed())
                .map(Clawback::of)
                .toList();
        return Optional.of(
                new View(tenant.get(), campaign.get(), members, decisions.ofCampaign(tenantId, campaignId), progress));
    }
}
