package io.palisade.core.feedback;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.policy.PolicyService;
import io.palisade.core.reevaluation.Reevaluator;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts recipients' reports per message (every copy, by internet message id, one report per recipient) and, when
 * they reach the tenant's threshold ({@code userReportThreshold} of its policy), raises every copy to at least
 * HIGH with cause USER_REPORTS; the policy then decides what happens in the mailboxes. Copies whose current verdict
 * is an analyst's keep it (the reports are audited as {@code verdict.kept}): the analyst has looked at the message.
 * A trusted sender is kept per recipient, and detection treats it as an established correspondent of that recipient.
 */
@Service
public class ThresholdRecipientFeedback implements RecipientFeedback {

    /** The level reports raise a message to. */
    static final RiskLevel REPORTED_LEVEL = RiskLevel.HIGH;

    private static final Logger LOG = LoggerFactory.getLogger(ThresholdRecipientFeedback.class);

    private final JdbcTemplate jdbc;
    private final MailItemRepository mailItems;
    private final PolicyService policies;
    private final Reevaluator reevaluator;
    private final VerdictService verdicts;
    private final AuditLog audit;
    private final Clock clock;

    public ThresholdRecipientFeedback(
            JdbcTemplate jdbc,
            MailItemRepository mailItems,
            PolicyService policies,
            Reevaluator reevaluator,
            VerdictService verdicts,
            AuditLog audit,
            Clock clock) {
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

    @Override
    @Transactional
    public void trustSender(UUID tenantId, UUID mailItemId, String recipient) {
        MailItem item = require(tenantId, mailItemId);
        if (item.getSender() == null) {
            return;
        }
        jdbc.update(
                "INSERT INTO trusted_senders (tenant_id, recipient, sender, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                tenantId,
                recipient.strip().toLowerCase(Locale.ROOT),
                item.getSender().toLowerCase(Locale.ROOT),
                Timestamp.from(clock.instant()));
        audit.record(tenantId, recipient, "sender.trusted", "mail_item:" + mailItemId, "sender trusted by recipient");
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
