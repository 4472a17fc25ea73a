package io.palisade.core.campaign;

import io.palisade.core.action.ActionKind;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.pipeline.PipelineProperties;
import io.palisade.core.reevaluation.Reevaluator;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.model.ParsedMessage;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds mail that arrives after a campaign was formed to it, in the transaction that stores the mail: a copy of a
 * member, a message sharing a URL or file with the seed, or a near-duplicate from the seed's sending domain (the
 * reasons of {@link CampaignService}). When an analyst has decided on the campaign, the newcomer gets the latest
 * decision's verdict and its actions through the decision's own clawbacks, as the members had.
 *
 * <p>Joining takes the campaign's row lock, as every chunk of a decision does ({@code CampaignVerdicts}): a decision
 * still being applied either reaches the newcomer later (its cursor is before it) or has passed it, and then the
 * newcomer is given that decision here. A campaign takes new members for the raw-message retention window after it
 * was formed, up to {@value CampaignService#MAX_MEMBERS} members.
 */
@Service
public class CampaignArrivals {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignArrivals.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {};
    private static final TypeReference<Map<ActionKind, UUID>> CLAWBACKS = new TypeReference<>() {};
    private static final String ENGINE_ACTOR = "engine";

    private final JdbcTemplate jdbc;
    private final CampaignMatcher matcher;
    private final Reevaluator reevaluator;
    private final AuditLog audit;
    private final EntityManager entityManager;
    private final PipelineProperties pipeline;
    private final Clock clock;

    CampaignArrivals(
            JdbcTemplate jdbc,
            CampaignMatcher matcher,
            Reevaluator reevaluator,
            AuditLog audit,
            EntityManager entityManager,
            PipelineProperties pipeline,
            Clock clock) {
        this.jdbc = jdbc;
        this.matcher = matcher;
        this.reevaluator = reevaluator;
        this.audit = audit;
        this.entityManager = entityManager;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /**
     * Adds a newly stored, scanned item to every campaign of its tenant it matches and, when one of them carries an
     * analyst's decision that will not reach the item on its own, records that decision's verdict for it with the
     * actions the policy asks for. Call it in the transaction that stores the item, after its scan verdict.
     *
     * @param message the item as parsed for its scan; never null
     * @return the campaign decision's verdict version recorded for the item; empty when none was (the caller then
     *     writes the actions of the item's scan verdict)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<VerdictVersion> join(MailItem item, ParsedMessage message) {
        // The item and its indicators were saved as entities: the SQL below must see them.
        entityManager.flush();
        Instant since = clock.instant().minus(pipeline.rawRetention());
        Map<UUID, MemberReason> matches = matcher.matches(item, message, since);
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        List<UUID> joined = joinAll(item, matches);
        if (joined.isEmpty()) {
            return Optional.empty();
        }
        return missedDecision(item, joined).flatMap(decision -> apply(item, decision));
    }

    /** Locks the campaigns in id order (as concurrent arrivals do), and adds the item where there is room. */
    private List<UUID> joinAll(MailItem item, Map<UUID, MemberReason> matches) {
        UUID tenantId = item.getTenantId();
        UUID[] ids = matches.keySet().toArray(UUID[]::new);
        List<UUID> locked = jdbc.queryForList(
                "SELECT id FROM campaigns WHERE tenant_id = ? AND id = ANY(?) ORDER BY id FOR UPDATE",
                UUID.class,
                tenantId,
                ids);
        Map<UUID, Integer> sizes = new java.util.HashMap<>();
        jdbc.query(
                "SELECT campaign_id, count(*) AS members FROM campaign_members WHERE tenant_id = ?"
                        + " AND campaign_id = ANY(?) GROUP BY campaign_id",
                rs -> {
                    sizes.put(rs.getObject("campaign_id", UUID.class), rs.getInt("members"));
                },
                tenantId,
                ids);
        List<UUID> joined = new ArrayList<>();
        for (UUID campaignId : locked) {
            if (sizes.getOrDefault(campaignId, 0) >= CampaignService.MAX_MEMBERS) {
                LOG.warn("event=campaign_full tenant={} campaign={} mail_item={}", tenantId, campaignId, item.getId());
                continue;
            }
            MemberReason reason = matches.get(campaignId);
            int added = jdbc.update(
                    "INSERT INTO campaign_members (tenant_id, campaign_id, mail_item_id, reason) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    tenantId,
                    campaignId,
                    item.getId(),
                    reason.name());
            if (added == 1) {
                joined.add(campaignId);
                audit.record(
                        tenantId, ENGINE_ACTOR, "campaign.joined", "campaign:" + campaignId, reason + " on arrival");
                LOG.info(
                        "event=campaign_joined tenant={} campaign={} mail_item={} reason={}",
                        tenantId,
                        campaignId,
                        item.getId(),
                        reason);
            }
        }
        return joined;
    }

    /**
     * The latest decision on any of the campaigns, unless it will reach the item on its own: an open decision
     * whose cursor has not passed the item's id covers it with its next chunks, under the campaign lock held here.
     * Decisions are numbered across campaigns ({@code seq}), so the latest one wins.
     */
    private Optional<Decision> missedDecision(MailItem item, List<UUID> campaigns) {
        return jdbc
                .query(
                        """
                        SELECT id, campaign_id, score, level, signals::text AS signals, engine_version, decided_by,
                               clawbacks::text AS clawbacks,
                               finished_at IS NOT NULL OR (cursor_item IS NOT NULL AND cursor_item >= ?) AS missed
                        FROM campaign_verdicts WHERE tenant_id = ? AND campaign_id = ANY(?)
                        ORDER BY seq DESC LIMIT 1
                        """,
                        (rs, row) -> new Decision(
                                rs.getObject("id", UUID.class),
                                rs.getObject("campaign_id", UUID.class),
                                new Verdict(
                                        rs.getInt("score"),
                                        RiskLevel.valueOf(rs.getString("level")),
                                        JSON.readValue(rs.getString("signals"), SIGNALS),
                                        rs.getString("engine_version")),
                                rs.getString("decided_by"),
                                JSON.readValue(rs.getString("clawbacks"), CLAWBACKS),
                                rs.getBoolean("missed")),
                        item.getId(),
                        item.getTenantId(),
                        campaigns.toArray(UUID[]::new))
                .stream()
                .findFirst()
                .filter(Decision::missed);
    }

    /**
     * Records the decision's verdict for the item as the decision's chunks do: its banner and notifications, and its
     * quarantine, delete or release as one more copy of the decision's clawback of that kind.
     */
    private Optional<VerdictVersion> apply(MailItem item, Decision decision) {
        UUID tenantId = item.getTenantId();
        Reevaluator.Outcome outcome = reevaluator.reevaluate(
                tenantId,
                List.of(item.getId()),
                (i, current) -> Optional.of(decision.verdict()),
                VerdictCause.ANALYST,
                decision.decidedBy(),
                decision.campaignId(),
                decision.clawbacks(),
                null);
        Map<ActionKind, UUID> clawbacks = new EnumMap<>(ActionKind.class);
        clawbacks.putAll(decision.clawbacks());
        clawbacks.putAll(outcome.clawbacks());
        if (!clawbacks.equals(decision.clawbacks())) {
            jdbc.update(
                    "UPDATE campaign_verdicts SET clawbacks = CAST(? AS jsonb) WHERE tenant_id = ? AND id = ?",
                    JSON.writeValueAsString(clawbacks),
                    tenantId,
                    decision.id());
        }
        LOG.info(
                "event=campaign_verdict_applied_on_arrival tenant={} campaign={} decision={} mail_item={} level={}",
                tenantId,
                decision.campaignId(),
                decision.id(),
                item.getId(),
                decision.verdict().level());
        return outcome.versions().stream().findFirst();
    }

    private record Decision(
            UUID id,
            UUID campaignId,
            Verdict verdict,
            String decidedBy,
            Map<ActionKind, UUID> clawbacks,
            boolean missed) {}
}
