package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.campaign.CampaignArrivals;
import io.palisade.core.mail.CopyLock;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.notify.AdminNotifications;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.reevaluation.RescanHandler;
import io.palisade.core.scan.TenantScanContexts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.detection.engine.ScanReport;
import io.palisade.detection.parse.ParseIssue;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a fetched message through the pipeline: scan it, store the item, its indicators and raw MIME, record the
 * verdict and write the actions the policy asks for, all in one transaction. Ingesting the same copy again is a
 * no-op, so a repeated notification never scans or acts twice, even when both arrive at once.
 */
@Service
public class MailIngestService {

    private static final Logger LOG = LoggerFactory.getLogger(MailIngestService.class);
    private static final String ENGINE_ACTOR = "engine";
    private static final String TIME_BUDGET_SIGNAL = ParseIssue.Kind.TIME_BUDGET.signal();
    static final String INCOMPLETE_SCAN_REASON = "scan ran out of time";

    private final MailboxRepository mailboxes;
    private final MailItemRepository mailItems;
    private final VerdictService verdicts;
    private final DefaultScanner scanner;
    private final TenantScanContexts contexts;
    private final MailItemWriter writer;
    private final ActionPolicy policy;
    private final ActionOutbox outbox;
    private final WorkSignal workers;
    private final MailActionRepository actionHistory;
    private final CopyLock copyLock;
    private final WorkQueue queue;
    private final PipelineProperties pipeline;
    private final CampaignArrivals campaigns;
    private final AdminNotifications notifications;
    private final Clock clock;

    public MailIngestService(
            MailboxRepository mailboxes,
            MailItemRepository mailItems,
            VerdictService verdicts,
            DefaultScanner scanner,
            TenantScanContexts contexts,
            MailItemWriter writer,
            ActionPolicy policy,
            ActionOutbox outbox,
            WorkSignal workers,
            MailActionRepository actionHistory,
            CopyLock copyLock,
            WorkQueue queue,
            PipelineProperties pipeline,
            CampaignArrivals campaigns,
            AdminNotifications notifications,
            Clock clock) {
        this.mailboxes = mailboxes;
        this.mailItems = mailItems;
        this.verdicts = verdicts;
        this.scanner = scanner;
        this.contexts = contexts;
        this.writer = writer;
        this.policy = policy;
        this.outbox = outbox;
        this.workers = workers;
        this.actionHistory = actionHistory;
        this.copyLock = copyLock;
        this.queue = queue;
        this.pipeline = pipeline;
        this.campaigns = campaigns;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Ingests one copy of a message.
     *
     * @throws PermanentWorkException when the mailbox is not the tenant's
     */
    @Transactional
    public IngestOutcome ingest(IngestRequest request) {
        Mailbox mailbox = mailboxes
                .findByTenantIdAndId(request.tenantId(), request.mailboxId())
                .orElseThrow(() -> new PermanentWorkException("no mailbox " + request.mailboxId() + " in tenant"));
        copyLock.hold(request.tenantId(), request.mailboxId(), request.providerMessageId());
        Optional<MailItem> known = mailItems
                .findByTenantIdAndMailboxIdAndProviderMessageId(
                        request.tenantId(), request.mailboxId(), request.providerMessageId())
                .or(() -> movedByUs(request));
        if (known.isPresent()) {
            return alreadyKnown(known.get());
        }
        ScanReport report =
                scanner.scanWithReport(new ScanInput.Mail(request.mime()), contexts.forTenant(request.tenantId()));
        Verdict verdict = report.verdict();
        MailItem item = writer.write(request, mailbox, report);
        VerdictVersion version =
                verdicts.record(request.tenantId(), item.getId(), verdict, VerdictCause.SCAN, ENGINE_ACTOR);
        // A campaign the message joins may carry an analyst's decision: that verdict and its actions replace the
        // scan's.
        Optional<VerdictVersion> decided = campaigns.join(item, report.message());
        List<MailAction> actions = decided.isPresent() ? List.of() : act(item, version);
        if (ranOutOfTime(verdict)) {
            scheduleCompleteScan(request.tenantId(), item.getId());
        }
        LOG.info(
                "event=message_ingested tenant={} mail_item={} level={} score={} actions={}",
                request.tenantId(),
                item.getId(),
                verdict.level(),
                verdict.score(),
                actions.size());
        if (!actions.isEmpty()) {
            workers.wake();
        }
        return new IngestOutcome(
                item.getId(), decided.map(VerdictVersion::getLevel).orElse(verdict.level()), false);
    }

    /** Writes the actions the policy asks for at the scan's level; an admin notification joins its message's. */
    private List<MailAction> act(MailItem item, VerdictVersion version) {
        List<ActionKind> kinds = policy.actionsFor(item, version.getLevel());
        if (kinds.contains(ActionKind.NOTIFY_ADMINS)) {
            notifications.record(
                    item.getTenantId(), null, List.of(new AdminNotifications.Change(item, version, null)), List.of());
        }
        List<ActionKind> mailboxActions =
                kinds.stream().filter(k -> k != ActionKind.NOTIFY_ADMINS).toList();
        return outbox.add(item.getTenantId(), item.getId(), version.getId(), mailboxActions, ENGINE_ACTOR);
    }

    private static boolean ranOutOfTime(Verdict verdict) {
        return verdict.signals().stream().anyMatch(s -> TIME_BUDGET_SIGNAL.equals(s.name()));
    }

    /**
     * A scan that ran out of its time budget skipped stages, so its verdict may be too low: most often the machine
     * was busy, not the message hostile. The message is scanned once more a little later (a re-scan records a new
     * verdict version only when the level changes); a message that runs out of time again keeps that verdict.
     */
    private void scheduleCompleteScan(UUID tenantId, UUID mailItemId) {
        String payload = "{\"mailItemId\":\"" + mailItemId + "\",\"reason\":\"" + INCOMPLETE_SCAN_REASON + "\"}";
        queue.enqueueAt(
                tenantId,
                RescanHandler.KIND,
                INCOMPLETE_SCAN_REASON + ":" + mailItemId,
                payload,
                clock.instant().plus(pipeline.incompleteRescanDelay()));
        LOG.info(
                "event=incomplete_scan_rescheduled tenant={} mail_item={} delay_s={}",
                tenantId,
                mailItemId,
                pipeline.incompleteRescanDelay().toSeconds());
    }

    /**
     * Holds this copy until the transaction ends, so that a notification and a catch-up delivering the same new
     * message at once scan it once: the second waits, then finds the first one's item. The lock is keyed by a hash
     * of tenant, mailbox and provider id; a rare collision only makes two unrelated ingests wait for each other.
     */
    /**
     * The item that one of Palisade's own actions moved away from this provider id: a notification or a retried
     * fetch for the old id arrives late, and the message it names is one we already hold under its new id.
     */
    private Optional<MailItem> movedByUs(IngestRequest request) {
        return actionHistory.findStartedOn(request.tenantId(), request.providerMessageId()).stream()
                .map(action -> mailItems.findByTenantIdAndId(request.tenantId(), action.getMailItemId()))
                .flatMap(Optional::stream)
                .filter(item -> item.getMailboxId().equals(request.mailboxId()))
                .findFirst();
    }

    private IngestOutcome alreadyKnown(MailItem item) {
        var level = verdicts.current(item.getTenantId(), item.getId())
                .map(VerdictVersion::getLevel)
                .orElseThrow(() -> new IllegalStateException("mail item " + item.getId() + " has no verdict"));
        LOG.debug("event=message_already_ingested tenant={} mail_item={}", item.getTenantId(), item.getId());
        return new IngestOutcome(item.getId(), level, true);
    }
}
