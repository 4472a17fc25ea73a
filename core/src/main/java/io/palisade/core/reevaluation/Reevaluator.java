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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
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
    // Items locked and written per batch; a campaign's ten thousand copies take ten rounds of a few statements.
    private static final int CHUNK = 1_000;

    private final MailItemRepository mailItems;
    private final VerdictService verdicts;
    private final VerdictReactions reactions;
    private final AuditLog audit;
    private final WorkSignal workers;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;

    public Reevaluator(
            MailItemRepository mailItems,
            VerdictService verdicts,
            VerdictReactions reactions,
            AuditLog audit,
            WorkSignal workers,
            EntityManager entityManager,
            JdbcTemplate jdbc) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
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
     * @param keptByAnalyst the items left alone because their current verdict is an analyst's and the cause is not
     */
    public record Outcome(List<VerdictVersion> versions, Map<ActionKind, UUID> clawbacks, List<UUID> keptByAnalyst) {}

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
        return reevaluate(tenantId, mailItemIds, newVerdict, cause, causedBy, campaignId, Map.of(), null);
    }

    /**
     * Re-evaluates one part of a larger set (a chunk of a campaign's members, see {@link CampaignVerdicts}): the
     * copies that need a clawback join the ones the earlier parts started.
     *
     * @param ongoing the clawbacks of the earlier parts, by kind; never null
     * @param searchFor what a clawback started here searches every mailbox for; null for the items' own message ids
     */
    @Transactional
    public Outcome reevaluate(
            UUID tenantId,
            Collection<UUID> mailItemIds,
            BiFunction<MailItem, VerdictVersion, Optional<Verdict>> newVerdict,
            VerdictCause cause,
            String causedBy,
            UUID campaignId,
            Map<ActionKind, UUID> ongoing,
            Supplier<Set<String>> searchFor) {
        // A campaign holds thousands of items: without this, every query would first dirty-check the whole
        // persistence context (quadratic work). Nothing here reads back what it wrote before the final flush.
        FlushModeType flushMode = entityManager.getFlushMode();
        entityManager.setFlushMode(FlushModeType.COMMIT);
        try {
            List<UUID> keptByAnalyst = new ArrayList<>();
            List<VerdictReactions.Change> changes =
                    changesOf(tenantId, mailItemIds, newVerdict, cause, causedBy, keptByAnalyst);
            Map<ActionKind, UUID> clawbacks =
                    reactions.react(tenantId, campaignId, changes, actor(cause, causedBy), ongoing, searchFor);
            LOG.info(
                    "event=reevaluated tenant={} cause={} items={} changed={} kept_by_analyst={} clawbacks={}",
                    tenantId,
                    cause,
                    mailItemIds.size(),
                    changes.size(),
                    keptByAnalyst.size(),
                    clawbacks.size());
            if (!changes.isEmpty()) {
                workers.wake();
            }
            return new Outcome(
                    changes.stream().map(VerdictReactions.Change::version).toList(),
                    clawbacks,
                    List.copyOf(keptByAnalyst));
        } finally {
            entityManager.flush();
            entityManager.setFlushMode(flushMode);
        }
    }

    private List<VerdictReactions.Change> changesOf(
            UUID tenantId,
            Collection<UUID> mailItemIds,
            BiFunction<MailItem, VerdictVersion, Optional<Verdict>> newVerdict,
            VerdictCause cause,
            String causedBy,
            List<UUID> keptByAnalyst) {
        List<UUID> sorted = mailItemIds.stream().distinct().sorted().toList();
        List<VerdictReactions.Change> changes = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            List<UUID> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
            changes.addAll(reevaluateChunk(tenantId, chunk, newVerdict, cause, causedBy, keptByAnalyst));
        }
        return changes;
    }

    /**
     * Locks one chunk of items (in id order), and writes their new versions and audit entries in batches. An item
     * whose current verdict is an analyst's is left alone unless an analyst causes this one ({@link
     * VerdictCause#mayReplace}); it goes to {@code keptByAnalyst}.
     */
    private List<VerdictReactions.Change> reevaluateChunk(
            UUID tenantId,
            List<UUID> ids,
            BiFunction<MailItem, VerdictVersion, Optional<Verdict>> newVerdict,
            VerdictCause cause,
            String causedBy,
            List<UUID> keptByAnalyst) {
        Map<UUID, MailItem> items = lockAndLoad(tenantId, ids);
        Map<UUID, VerdictVersion> current = verdicts.currentByItem(tenantId, items.keySet());
        List<MailItem> changed = new ArrayList<>();
        List<VerdictService.NewVersion> next = new ArrayList<>();
        for (MailItem item : items.values()) {
            VerdictVersion before = current.get(item.getId());
            // Not yet: an item kept here is only counted (and audited by the caller); nothing asks an analyst to
            // look at the new evidence again.
            if (before != null && !cause.mayReplace(before.getCause())) {
                keptByAnalyst.add(item.getId());
                continue;
            }
            newVerdict.apply(item, before).ifPresent(verdict -> {
                changed.add(item);
                next.add(new VerdictService.NewVersion(item.getId(), before, verdict));
            });
        }
        List<VerdictVersion> versions = verdicts.recordAll(tenantId, next, cause, causedBy);
        List<VerdictReactions.Change> changes = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        String actor = causedBy == null ? cause.name().toLowerCase() : causedBy;
        for (int i = 0; i < versions.size(); i++) {
            VerdictVersion previous = next.get(i).previous();
            RiskLevel before = previous == null ? null : previous.getLevel();
            VerdictVersion version = versions.get(i);
            changes.add(new VerdictReactions.Change(changed.get(i), version, before));
            entries.add(new AuditLog.Entry(
                    actor,
                    "verdict.reevaluated",
                    "mail_item:" + version.getMailItemId(),
                    cause + ": " + before + " -> " + version.getLevel()));
        }
        audit.recordAll(tenantId, entries);
        return changes;
    }

    /**
     * Locks the items that exist, in id order, and returns them as entities with their state as locked: an entity
     * the caller loaded before the lock is refreshed when a worker has moved the copy since.
     */
    private Map<UUID, MailItem> lockAndLoad(UUID tenantId, List<UUID> ids) {
        Map<UUID, String[]> locked = new LinkedHashMap<>();
        jdbc.query(
                "SELECT id, provider_message_id, folder FROM mail_items WHERE tenant_id = ? AND id = ANY(?)"
                        + " ORDER BY id FOR UPDATE",
                rs -> {
                    locked.put(
                            rs.getObject("id", UUID.class),
                            new String[] {rs.getString("provider_message_id"), rs.getString("folder")});
                },
                tenantId,
                ids.toArray(UUID[]::new));
        if (locked.isEmpty()) {
            return Map.of();
        }
        Map<UUID, MailItem> loaded = new HashMap<>();
        mailItems.findByTenantIdAndIdIn(tenantId, List.copyOf(locked.keySet())).forEach(i -> loaded.put(i.getId(), i));
        Map<UUID, MailItem> items = new LinkedHashMap<>();
        locked.forEach((id, state) -> {
            MailItem item = loaded.get(id);
            if (!Objects.equals(item.getProviderMessageId(), state[0]) || !Objects.equals(item.getFolder(), state[1])) {
                entityManager.refresh(item);
            }
            items.put(id, item);
        });
        return items;
    }

    private static String actor(VerdictCause cause, String causedBy) {
        return switch (cause) {
            case ANALYST -> causedBy;
            case INDICATOR -> "indicator:" + causedBy;
            default -> cause.name().toLowerCase();
        };
    }
}
