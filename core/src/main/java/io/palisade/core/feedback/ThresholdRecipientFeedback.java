package io.palisade.core.feedback;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.policy.PolicyService;
import io.palisade.core.reevaluation.Reevaluator;
import io.palisade.core.scan.TenantScanContexts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.detection.parse.ParseIssue;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts recipients' reports per message (every copy, by internet message id, one report per recipient) and, when
 * they reach the tenant's threshold ({@code userReportThreshold} of its policy), raises every copy to at least
 * HIGH with cause USER_REPORTS; the policy then decides what happens in the mailboxes. Copies whose current verdict
 * is an analyst's keep it (the reports are audited as {@code verdict.kept}): the analyst has looked at the message.
 *
 * <p>A trusted sender is kept per recipient, and detection treats it as an established correspondent of that
 * recipient (no first-contact signal). Trusting also re-scans the recipient's own copy with that trust: when the
 * engine's verdict (a scan or re-scan, at most SUSPICIOUS) comes out lower, the copy gets a version with cause
 * RECIPIENT_TRUST, and its banner follows. Only that copy: other recipients keep their warning. Never an analyst's,
 * an indicator's or the reports' verdict, never HIGH or MALICIOUS, and never a mail move (no policy actions run):
 * a phisher who talks a recipient into trusting them gains at most a milder banner in that one mailbox.
 */
@Service
public class ThresholdRecipientFeedback implements RecipientFeedback {

    /** The level reports raise a message to. */
    static final RiskLevel REPORTED_LEVEL = RiskLevel.HIGH;

    /** The highest level a recipient's trust may lower: above it, the security team decides. */
    static final RiskLevel TRUST_LOWERS_AT_MOST = RiskLevel.SUSPICIOUS;

    private static final Set<VerdictCause> ENGINE_CAUSES = EnumSet.of(VerdictCause.SCAN, VerdictCause.RESCAN);
    private static final String TIME_BUDGET_SIGNAL = ParseIssue.Kind.TIME_BUDGET.signal();

    private static final Logger LOG = LoggerFactory.getLogger(ThresholdRecipientFeedback.class);

    private final JdbcTemplate jdbc;
    private final MailItemRepository mailItems;
    private final PolicyService policies;
    private final Reevaluator reevaluator;
    private final VerdictService verdicts;
    private final AuditLog audit;
    private final Clock clock;
    private final RawMessageStore rawMessages;
    private final DefaultScanner scanner;
    private final TenantScanContexts contexts;
    private final TransactionTemplate transactions;

    public ThresholdRecipientFeedback(
            JdbcTemplate jdbc,
            MailItemRepository mailItems,
            PolicyService policies,
            Reevaluator reevaluator,
            VerdictService verdicts,
            AuditLog audit,
            Clock clock,
            RawMessageStore rawMessages,
            DefaultScanner scanner,
            TenantScanContexts contexts,
            TransactionTemplate transactions) {
        this.rawMessages = rawMessages;
        this.scanner = scanner;
        this.contexts = contexts;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.mailItems = mailItems;
        this.policies = policies;
        this.reevaluator = reevaluator;
        this.verdicts = verdicts;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void reportMessage(UUID tenantId, UUID mailItemId, String recipient) {
        MailItem item = require(tenantId, mailItemId);
        int inserted = jdbc.update(
                "INSERT INTO user_reports (tenant_id, mail_item_id, recipient, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                tenantId,
                mailItemId,
                recipient.strip().toLowerCase(Locale.ROOT),
                Timestamp.from(clock.instant()));
        if (inserted == 0) {
            return;
        }
        audit.record(tenantId, recipient, "message.reported", "mail_item:" + mailItemId, "reported by recipient");
        List<UUID> copies = copies(item);
        int reports = countReports(tenantId, copies);
        int threshold = policies.current(tenantId).document().userReportThreshold();
        LOG.info(
                "event=message_reported tenant={} mail_item={} reports={} threshold={}",
                tenantId,
                mailItemId,
                reports,
                threshold);
        if (reports >= threshold) {
            Reevaluator.Outcome outcome = reevaluator.reevaluate(
                    tenantId,
                    copies,
                    (copy, current) -> raised(current, reports),
                    VerdictCause.USER_REPORTS,
                    reports + " reports",
                    null);
            if (!outcome.keptByAnalyst().isEmpty()) {
                audit.record(
                        tenantId,
                        "user_reports",
                        "verdict.kept",
                        "mail_item:" + mailItemId,
                        reports + " reports; the analyst's verdict stands");
            }
        }
    }

    /** Records the trust and re-scores the recipient's copy; the scan runs outside any transaction. */
    @Override
    public void trustSender(UUID tenantId, UUID mailItemId, String recipient) {
        MailItem item = require(tenantId, mailItemId);
        if (item.getSender() == null) {
            return;
        }
        String address = recipient.strip().toLowerCase(Locale.ROOT);
        Boolean inserted = transactions.execute(status -> recordTrust(item, address, recipient));
        if (Boolean.TRUE.equals(inserted)) {
            rescore(item, address);
        }
    }

    private boolean recordTrust(MailItem item, String address, String recipient) {
        int inserted = jdbc.update(
                "INSERT INTO trusted_senders (tenant_id, recipient, sender, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                item.getTenantId(),
                address,
                item.getSender().toLowerCase(Locale.ROOT),
                Timestamp.from(clock.instant()));
        audit.record(
                item.getTenantId(),
                recipient,
                "sender.trusted",
                "mail_item:" + item.getId(),
                "sender trusted by recipient");
        return inserted > 0;
    }

    /** Re-scans the recipient's copy with their trust, and records a lower engine verdict for that copy only. */
    private void rescore(MailItem item, String recipient) {
        Optional<VerdictVersion> before = verdicts.current(item.getTenantId(), item.getId());
        String skipped = before.isEmpty() ? "no_verdict" : notRescorable(before.get());
        Optional<byte[]> raw = skipped == null ? rawMessages.load(item.getTenantId(), item.getId()) : Optional.empty();
        if (skipped == null && raw.isEmpty()) {
            skipped = "raw_message_gone";
        }
        Verdict trusted = skipped == null
                ? scanner.scanWithReport(
                                new ScanInput.Mail(raw.get()), contexts.forRecipient(item.getTenantId(), recipient))
                        .verdict()
                : null;
        // A scan that ran out of time skipped stages: its lower level would say nothing about the trust.
        if (trusted != null && trusted.signals().stream().anyMatch(s -> TIME_BUDGET_SIGNAL.equals(s.name()))) {
            skipped = "scan_incomplete";
        }
        if (skipped != null) {
            LOG.info(
                    "event=trust_rescore_skipped tenant={} mail_item={} reason={}",
                    item.getTenantId(),
                    item.getId(),
                    skipped);
            return;
        }
        VerdictVersion scanned = before.get();
        transactions.executeWithoutResult(status -> recordIfLower(item, scanned, trusted));
    }

    private void recordIfLower(MailItem item, VerdictVersion scanned, Verdict trusted) {
        // Locked as the re-evaluator locks it, so an analyst's decision meanwhile is seen here, never overwritten.
        jdbc.queryForList(
                "SELECT id FROM mail_items WHERE tenant_id = ? AND id = ? FOR UPDATE",
                UUID.class,
                item.getTenantId(),
                item.getId());
        VerdictVersion current =
                verdicts.current(item.getTenantId(), item.getId()).orElseThrow();
        boolean lower =
                current.getId().equals(scanned.getId()) && trusted.level().compareTo(current.getLevel()) < 0;
        LOG.info(
                "event=trust_rescored tenant={} mail_item={} before={} after={} recorded={}",
                item.getTenantId(),
                item.getId(),
                current.getLevel(),
                trusted.level(),
                lower);
        if (lower) {
            verdicts.record(
                    item.getTenantId(), item.getId(), trusted, VerdictCause.RECIPIENT_TRUST, "trusted by recipient");
            audit.record(
                    item.getTenantId(),
                    "recipient_trust",
                    "verdict.reevaluated",
                    "mail_item:" + item.getId(),
                    VerdictCause.RECIPIENT_TRUST + ": " + current.getLevel() + " -> " + trusted.level());
        }
    }

    /** Why a recipient's trust may not re-score this verdict, or null when it may. */
    private static String notRescorable(VerdictVersion current) {
        if (!ENGINE_CAUSES.contains(current.getCause())) {
            return "decided_by_" + current.getCause().name().toLowerCase(Locale.ROOT);
        }
        if (current.getLevel() == RiskLevel.CLEAN || current.getLevel().compareTo(TRUST_LOWERS_AT_MOST) > 0) {
            return "level_" + current.getLevel().name().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private Optional<Verdict> raised(VerdictVersion current, int reports) {
        if (current != null && current.getLevel().compareTo(REPORTED_LEVEL) >= 0) {
            return Optional.empty();
        }
        List<Signal> signals = new ArrayList<>(current == null ? List.of() : verdicts.signals(current));
        signals.add(new Signal(
                "USER_REPORTS",
                "feedback",
                75,
                reports + " recipients reported this message",
                String.valueOf(reports)));
        int score = Math.max(current == null ? 0 : current.getScore(), 75);
        return Optional.of(
                new Verdict(score, REPORTED_LEVEL, signals, current == null ? "feedback" : current.getEngineVersion()));
    }

    private List<UUID> copies(MailItem item) {
        if (item.getInternetMessageId() == null) {
            return List.of(item.getId());
        }
        return mailItems.findByTenantIdAndInternetMessageId(item.getTenantId(), item.getInternetMessageId()).stream()
                .map(MailItem::getId)
                .toList();
    }

    private int countReports(UUID tenantId, List<UUID> copies) {
        Integer count = jdbc.queryForObject(
                "SELECT count(DISTINCT recipient) FROM user_reports WHERE tenant_id = ? AND mail_item_id = ANY(?)",
                Integer.class,
                tenantId,
                copies.toArray(UUID[]::new));
        return count == null ? 0 : count;
    }

    private MailItem require(UUID tenantId, UUID mailItemId) {
        return mailItems
                .findByTenantIdAndId(tenantId, mailItemId)
                .orElseThrow(() -> new NoSuchElementException("no mail item " + mailItemId + " in tenant " + tenantId));
    }
}
