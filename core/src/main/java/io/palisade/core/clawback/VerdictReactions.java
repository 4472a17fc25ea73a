package io.palisade.core.clawback;

import io.palisade.core.action.ActionKind;
import io.palisade.core.mail.MailItem;
import io.palisade.core.notify.AdminNotifications;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies changed verdicts to the mailboxes by the tenant's policy: banners per copy; admin notifications per message
 * or campaign and level change ({@link AdminNotifications}), not per copy; a quarantine or delete as one clawback
 * over every copy (the known ones and those the platform finds by internet message id); and, where the policy says
 * so, a release of quarantined copies whose verdict was lowered (and of copies whose quarantine is not finished yet).
 */
@Component
public class VerdictReactions {

    private final ActionPolicy policy;
    private final ActionOutbox outbox;
    private final ClawbackService clawbacks;
    private final AdminNotifications notifications;

    public VerdictReactions(
            ActionPolicy policy, ActionOutbox outbox, ClawbackService clawbacks, AdminNotifications notifications) {
        this.policy = policy;
        this.outbox = outbox;
        this.clawbacks = clawbacks;
        this.notifications = notifications;
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
        return react(tenantId, campaignId, changes, requestedBy, Map.of(), null);
    }

    /**
     * Like {@link #react(UUID, UUID, List, String)} for one part of a larger set of changes (a chunk of a campaign's
     * members): the copies join the clawbacks already started for the earlier parts instead of starting new ones.
     *
     * @param ongoing the clawbacks started by earlier parts, by kind; never null
     * @param searchFor the internet message ids a new clawback searches every mailbox for; null for those of the
     *     changes
     * @return the clawbacks this part added copies to or started, by kind
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<ActionKind, UUID> react(
            UUID tenantId,
            UUID campaignId,
            List<Change> changes,
            String requestedBy,
            Map<ActionKind, UUID> ongoing,
            Supplier<Set<String>> searchFor) {
        Map<ActionKind, List<Change>> remediation = new EnumMap<>(ActionKind.class);
        PolicyDocument document = changes.isEmpty() ? null : policy.policyOf(tenantId);
        List<ActionOutbox.Planned> direct = new ArrayList<>();
        List<AdminNotifications.Change> notify = new ArrayList<>();
        List<AdminNotifications.Change> quiet = new ArrayList<>();
        // A copy whose quarantine is still queued or running counts as quarantined: the release that follows cancels
        // the queued one, or waits for the running one and brings the copy back.
        Set<UUID> quarantined = clawbacks.quarantinedOrQuarantining(
                tenantId,
                changes.stream()
                        .filter(VerdictReactions::lowered)
                        .map(Change::item)
                        .toList());
        for (Change change : changes) {
            List<ActionKind> kinds =
                    policy.actionsFor(document, change.item(), change.version().getLevel());
            AdminNotifications.Change noted =
                    new AdminNotifications.Change(change.item(), change.version(), change.previous());
            (kinds.contains(ActionKind.NOTIFY_ADMINS) ? notify : quiet).add(noted);
            for (ActionKind kind : kinds) {
                if (kind == ActionKind.NOTIFY_ADMINS) {
                    continue;
                }
                if (kind == ActionKind.QUARANTINE || kind == ActionKind.SOFT_DELETE) {
                    remediation.computeIfAbsent(kind, k -> new ArrayList<>()).add(change);
                } else {
                    direct.add(new ActionOutbox.Planned(
                            change.item().getId(), change.version().getId(), kind));
                }
            }
            if (lowered(change)
                    && kinds.stream().noneMatch(k -> k == ActionKind.QUARANTINE)
                    && document.releaseWhenLowered()
                    && quarantined.contains(change.item().getId())) {
                remediation
                        .computeIfAbsent(ActionKind.RELEASE, k -> new ArrayList<>())
                        .add(change);
            }
        }
        outbox.addAll(tenantId, direct, requestedBy);
        notifications.record(tenantId, campaignId, notify, quiet);
        Map<ActionKind, UUID> started = new EnumMap<>(ActionKind.class);
        remediation.forEach((kind, list) -> {
            ClawbackService.Request request = new ClawbackService.Request(
                    tenantId,
                    campaignId,
                    kind,
                    list.stream().map(Change::item).toList(),
                    searchFor == null ? messageIds(list) : searchFor.get(),
                    list.stream()
                            .collect(Collectors.toMap(
                                    c -> c.item().getId(), c -> c.version().getId(), (a, b) -> b)),
                    requestedBy,
                    "verdict " + list.getFirst().version().getLevel());
            UUID clawback = ongoing.get(kind);
            if (clawback == null) {
                clawback = clawbacks.start(request);
            } else {
                clawbacks.extend(clawback, request);
            }
            started.put(kind, clawback);
        });
        return started;
    }

    private static Set<String> messageIds(List<Change> changes) {
        Set<String> ids = new LinkedHashSet<>();
        changes.stream()
                .map(c -> c.item().getInternetMessageId())
                .flatMap(id -> Optional.ofNullable(id).stream())
                .forEach(ids::add);
        return ids;
    }

    private static boolean lowered(Change change) {
        return change.previous() != null && change.version().getLevel().compareTo(change.previous()) < 0;
    }
}
