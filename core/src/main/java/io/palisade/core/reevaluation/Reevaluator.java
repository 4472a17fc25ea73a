package io.palisade.core.reevaluation;

import io.palisade.core.action.ActionKind;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.clawback.VerdictReactions;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Verdict;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records new verdict versions for a set of a tenant's mail items and writes the actions the policy asks for, in
 * one transaction. Items are locked in id order, so concurrent re-evaluations of overlapping sets (two analysts
 * on one campaign) wait for each other instead of deadlocking.
 */
@Service
public class Reevaluator {

    private static final Logger LOG = LoggerFactory.getLogger(Reevaluator.class);

    private final MailItemRepository mailItems;
    private final VerdictService verdicts;
    private final VerdictReactions reactions;
    private final AuditLog audit;
    private final WorkSignal workers;
    private final EntityManager entityManager;

    public Reevaluator(
            MailItemRepository mailItems,
            VerdictService verdicts,
            VerdictReactions reactions,
            AuditLog audit,
            WorkSignal workers,
            EntityManager entityManager) {
        this.entityManager = entityManager;
        this.mailItems = mailItems;
        this.verdicts = verdicts;
        this.reactions = reactions;
        this.audit = audit;
        this.workers = workers;
    }

    /**
     * What a re-evaluation did.
     *
     * @param versions the new verdict versions, one per changed item
     * @param clawbacks the clawbacks started, by kind
     */
    public record Outcome(List<VerdictVersion> versions, Map<ActionKind, UUID> clawbacks) {}

    /**
     * Re-evaluates the items.
     *
     * @param newVerdict from the item and its current verdict (null when it has none), the new verdict, or empty to
     *     leave the item as it is
     * @param campaignId the campaign the items belong to; null when none
     */
    @Transactional
    public Outcome reevaluate(
            UUID tenantId,
            Collection<UUID> mailItemIds,
            BiFunction<MailItem, VerdictVersion, Optional<Verdict>> newVerdict,
            VerdictCause cause,
            String causedBy,
            UUID campaignId) {
        // A campaign holds thousands of items: without this, every query would first dirty-check the whole
        // persistence context (quadratic work). Nothing here reads back what it wrote before the final flush.
        FlushModeType flushMode = entityManager.getFlushMode();
        entityManager.setFlushMode(FlushModeType.COMMIT);
        try {
            return reevaluateItems(tenantId, mailItemIds, newVerdict, cause, causedBy, campaignId);
        } finally {
            entityManager.flush();
            entityManager.setFlushMode(flushMode);
        }
    }

    // Not yet: one transaction for every item; a campaign of 10,000 copies spends about 190 s here before any copy
    // moves. Chunked commits (with the clawback written per chunk) would let the workers start at once.
    private Outcome reevaluateItems(
            UUID tenantId,
            Collection<UUID> mailItemIds,
            BiFunction<MailItem, VerdictVersion, Optional<Verdict>> newVerdict,
            VerdictCause cause,
            String causedBy,
            UUID campaignId) {
        List<VerdictReactions.Change> changes = new ArrayList<>();
        for (UUID id : mailItemIds.stream().distinct().sorted().toList()) {
            Optional<MailItem> item = mailItems.findForUpdateByTenantIdAndId(tenantId, id);
            if (item.isEmpty()) {
                continue;
            }
            // The caller may have loaded the item before the lock; what counts is its state now.
            entityManager.refresh(item.get());
            VerdictVersion current = verdicts.current(tenantId, id).orElse(null);
            Optional<Verdict> next = newVerdict.apply(item.get(), current);
            if (next.isEmpty()) {
                continue;
            }
            VerdictVersion version = verdicts.record(tenantId, id, next.get(), cause, causedBy);
            RiskLevel previous = current == null ? null : current.getLevel();
            changes.add(new VerdictReactions.Change(item.get(), version, previous));
            audit.record(
                    tenantId,
                    causedBy == null ? cause.name().toLowerCase() : causedBy,
                    "verdict.reevaluated",
                    "mail_item:" + id,
                    cause + ": " + previous + " -> " + version.getLevel());
        }
        Map<ActionKind, UUID> clawbacks = reactions.react(tenantId, campaignId, changes, actor(cause, causedBy));
        LOG.info(
                "event=reevaluated tenant={} cause={} items={} changed={} clawbacks={}",
                tenantId,
                cause,
                mailItemIds.size(),
                changes.size(),
                clawbacks.size());
        if (!changes.isEmpty()) {
            workers.wake();
        }
        return new Outcome(
                changes.stream().map(VerdictReactions.Change::version).toList(), clawbacks);
    }

    private static String actor(VerdictCause cause, String causedBy) {
        return switch (cause) {
            case ANALYST -> causedBy;
            case INDICATOR -> "indicator:" + causedBy;
            default -> cause.name().toLowerCase();
        };
    }
}
