package io.palisade.core.clawback;

import io.palisade.core.action.ActionKind;
import io.palisade.core.mail.MailItem;
import io.palisade.core.pipeline.ActionOutbox;
import io.palisade.core.pipeline.ActionPolicy;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies changed verdicts to the mailboxes by the tenant's policy: banners and notifications per copy; a
 * quarantine or delete as one clawback over every copy (the known ones and those the platform finds by internet
 * message id); and, where the policy says so, a release of quarantined copies whose verdict was lowered.
 */
@Component
public class VerdictReactions {

    private final ActionPolicy policy;
    private final ActionOutbox outbox;
    private final ClawbackService clawbacks;

    public VerdictReactions(ActionPolicy policy, ActionOutbox outbox, ClawbackService clawbacks) {
        this.policy = policy;
        this.outbox = outbox;
        this.clawbacks = clawbacks;
    }

    /**
     * One copy's new verdict.
     *
     * @param previous the level before, null for a first verdict
     */
    public record Change(MailItem item, VerdictVersion version, RiskLevel previous) {}

    /**
     * Writes the actions for the changes, in the caller's transaction.
     *
     * @param campaignId the campaign the changes belong to; null when none
     * @return the clawbacks started, by kind
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<ActionKind, UUID> react(UUID tenantId, UUID campaignId, List<Change> changes, String requestedBy) {
        Map<ActionKind, List<Change>> remediation = new EnumMap<>(ActionKind.class);
        PolicyDocument document = changes.isEmpty() ? null : policy.policyOf(tenantId);
        for (Change change : changes) {
            List<ActionKind> kinds =
                    policy.actionsFor(document, change.item(), change.version().getLevel());
            List<ActionKind> direct = new ArrayList<>();
            for (ActionKind kind : kinds) {
                if (kind == ActionKind.QUARANTINE || kind == ActionKind.SOFT_DELETE) {
                    remediation.computeIfAbsent(kind, k -> new ArrayList<>()).add(change);
                } else {
                    direct.add(kind);
                }
            }
            if (lowered(change)
                    && kinds.stream().noneMatch(k -> k == ActionKind.QUARANTINE)
                    && document.releaseWhenLowered()
                    && ClawbackService.QUARANTINE_FOLDER.equals(change.item().getFolder())) {
                remediation
                        .computeIfAbsent(ActionKind.RELEASE, k -> new ArrayList<>())
                        .add(change);
            }
            if (!direct.isEmpty()) {
                outbox.add(tenantId, change.item().getId(), change.version().getId(), direct, requestedBy);
            }
        }
        Map<ActionKind, UUID> started = new EnumMap<>(ActionKind.class);
        remediation.forEach((kind, list) -> started.put(kind, start(tenantId, campaignId, kind, list, requestedBy)));
        return started;
    }

    private UUID start(UUID tenantId, UUID campaignId, ActionKind kind, List<Change> changes, String requestedBy) {
        Set<String> searchFor = new LinkedHashSet<>();
        changes.stream()
                .map(c -> c.item().getInternetMessageId())
                .flatMap(id -> Optional.ofNullable(id).stream())
                .forEach(searchFor::add);
        return clawbacks.start(new ClawbackService.Request(
                tenantId,
                campaignId,
                kind,
                changes.stream().map(Change::item).toList(),
                searchFor,
                changes.stream()
                        .collect(Collectors.toMap(
                                c -> c.item().getId(), c -> c.version().getId(), (a, b) -> b)),
                requestedBy,
                "verdict " + changes.getFirst().version().getLevel()));
    }

    private static boolean lowered(Change change) {
        return change.previous() != null && change.version().getLevel().compareTo(change.previous()) < 0;
    }
}
