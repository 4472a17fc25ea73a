package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.clawback.ClawbackService;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.reevaluation.CampaignVerdicts;
import io.palisade.core.reevaluation.Reevaluator;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An analyst's decisions: a verdict on a message (every known copy gets the new version) or on a whole campaign,
 * and the explicit release or hard delete of a campaign. Each is one transaction with its audit entry; the
 * mailbox work it starts (a clawback over every copy, found ones included) runs on the action workers.
 */
@Service
public class AnalystVerdicts {

    /** The engine version recorded on verdicts that a person, not the engine, decided. */
    public static final String ANALYST_ENGINE = "analyst";

    private final Reevaluator reevaluator;
    private final MailItemRepository mailItems;
    private final CampaignService campaigns;
    private final ClawbackService clawbacks;
    private final AuditLog audit;
    private final WorkSignal workers;
    private final JdbcTemplate jdbc;
    private final CampaignVerdicts campaignVerdicts;

    public AnalystVerdicts(
            Reevaluator reevaluator,
            MailItemRepository mailItems,
            CampaignService campaigns,
            ClawbackService clawbacks,
            AuditLog audit,
            WorkSignal workers,
            JdbcTemplate jdbc,
            CampaignVerdicts campaignVerdicts) {
        this.campaignVerdicts = campaignVerdicts;
        this.reevaluator = reevaluator;
        this.mailItems = mailItems;
        this.campaigns = campaigns;
        this.clawbacks = clawbacks;
        this.audit = audit;
        this.workers = workers;
        this.jdbc = jdbc;
    }

    /**
     * Records an analyst's verdict on a mail item of the tenant and on its other known copies.
     *
     * @param analyst who decided, never null
     * @param reason why, as the analyst wrote it; may be empty, never null
     * @return the item's new version
     * @throws NoSuchElementException if the tenant has no such mail item
     */
    @Transactional
    public VerdictVersion decide(UUID tenantId, UUID mailItemId, RiskLevel level, String analyst, String reason) {
        MailItem item = mailItems
                .findByTenantIdAndId(tenantId, mailItemId)
                .orElseThrow(() -> new NoSuchElementException("no mail item " + mailItemId + " in tenant " + tenantId));
        List<UUID> copies = new ArrayList<>(List.of(mailItemId));
        if (item.getInternetMessageId() != null) {
            mailItems
                    .findByTenantIdAndInternetMessageId(tenantId, item.getInternetMessageId())
                    .forEach(copy -> copies.add(copy.getId()));
        }
        audit.record(tenantId, analyst, "verdict.set", "mail_item:" + mailItemId, level + ": " + reason);
        Reevaluator.Outcome outcome = reevaluator.reevaluate(
                tenantId,
                copies,
                (i, current) -> Optional.of(verdict(level, reason)),
                VerdictCause.ANALYST,
                analyst,
                null);
        return outcome.versions().stream()
                .filter(v -> v.getMailItemId().equals(mailItemId))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Records an analyst's verdict on every message of a campaign. The members are written in chunks of short
     * transactions ({@link CampaignVerdicts}), so the first copies move while later ones are still written; a large
     * campaign's last chunks are written by a worker after this returns. Call it outside a transaction.
     *
     * @return what was applied before the answer: new versions, the clawbacks started, the progress
     * @throws NoSuchElementException if the tenant has no such campaign
     */
    public CampaignVerdicts.Applied decideCampaign(
            UUID tenantId, UUID campaignId, RiskLevel level, String analyst, String reason) {
        return campaignVerdicts.decide(tenantId, campaignId, verdict(level, reason), analyst, reason);
    }

    /**
     * Releases every quarantined copy of a campaign to its original folder, whatever the verdict.
     *
     * @return the clawback's id
     */
    @Transactional
    public UUID releaseCampaign(UUID tenantId, UUID campaignId, String analyst, String reason) {
        return remediate(tenantId, campaignId, ActionKind.RELEASE, analyst, reason);
    }

    /**
     * Deletes every copy of a campaign beyond the users' recovery, including copies the platform still finds.
     *
     * @return the clawback's id
     */
    @Transactional
    public UUID hardDeleteCampaign(UUID tenantId, UUID campaignId, String analyst, String reason) {
        return remediate(tenantId, campaignId, ActionKind.HARD_DELETE, analyst, reason);
    }

    private UUID remediate(UUID tenantId, UUID campaignId, ActionKind kind, String analyst, String reason) {
        Campaign campaign = lockCampaign(tenantId, campaignId);
        List<MailItem> items = mailItems.findByTenantIdAndIdIn(tenantId, campaign.mailItemIds());
        Set<String> searchFor = campaign.internetMessageId() == null ? Set.of() : Set.of(campaign.internetMessageId());
        UUID id = clawbacks.start(
                new ClawbackService.Request(tenantId, campaignId, kind, items, searchFor, null, analyst, reason));
        workers.wake();
        return id;
    }

    private Campaign lockCampaign(UUID tenantId, UUID campaignId) {
        // Serialises analysts acting on one campaign at once: the second sees what the first did.
        List<UUID> locked = jdbc.queryForList(
                "SELECT id FROM campaigns WHERE tenant_id = ? AND id = ? FOR UPDATE", UUID.class, tenantId, campaignId);
        if (locked.isEmpty()) {
            throw new NoSuchElementException("no campaign " + campaignId + " in tenant " + tenantId);
        }
        return campaigns.find(tenantId, campaignId).orElseThrow();
    }

    /** The verdict an analyst's decision records. */
    static Verdict verdict(RiskLevel level, String reason) {
        Signal signal = new Signal(
                "ANALYST_DECISION", "analyst", scoreOf(level), "An analyst rated this message " + label(level), reason);
        return new Verdict(scoreOf(level), level, List.of(signal), ANALYST_ENGINE);
    }

    private static int scoreOf(RiskLevel level) {
        return switch (level) {
            case CLEAN -> 0;
            case LOW -> 20;
            case SUSPICIOUS -> 50;
            case HIGH -> 75;
            case MALICIOUS -> 100;
        };
    }

    private static String label(RiskLevel level) {
        return switch (level) {
            case CLEAN -> "safe";
            case LOW -> "low risk";
            case SUSPICIOUS -> "suspicious";
            case HIGH -> "high risk";
            case MALICIOUS -> "malicious";
        };
    }
}
