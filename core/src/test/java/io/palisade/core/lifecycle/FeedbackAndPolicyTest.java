package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.audit.AuditEntry;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.feedback.RecipientFeedback;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.policy.PolicyConflictException;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.policy.PolicyMode;
import io.palisade.core.policy.PolicyService;
import io.palisade.core.policy.TenantPolicy;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.lifecycle.LifecycleFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LifecycleTest
class FeedbackAndPolicyTest {

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    RecipientFeedback feedback;

    @Autowired
    VerdictService verdicts;

    @Autowired
    PolicyService policies;

    @Autowired
    AnalystVerdicts analysts;

    @Autowired
    AuditLog audit;

    @Test
    void reportsFromDistinctRecipientsReachingTheThresholdRaiseEveryCopy() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(3);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        policies.save(tenantId, new PolicyDocument(null, null, null, null, null, 2), null, "admin");
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, id);

        feedback.reportMessage(
                tenantId, copies.get(0).mailItemId(), mailboxes.get(0).getAddress());
        feedback.reportMessage(
                tenantId, copies.get(0).mailItemId(), mailboxes.get(0).getAddress());
        assertThat(verdicts.history(tenantId, copies.get(2).mailItemId())).hasSize(1);

        feedback.reportMessage(
                tenantId, copies.get(1).mailItemId(), mailboxes.get(1).getAddress());

        for (LifecycleFixtures.Copy copy : copies) {
            VerdictVersion current =
                    verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
            assertThat(current.getCause()).isEqualTo(VerdictCause.USER_REPORTS);
            assertThat(current.getLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(current.getCausedBy()).isEqualTo("2 reports");
        }
    }

    /**
     * A company claim from free mail (20), a link built to look like another site (15) and a first contact (5):
     * SUSPICIOUS (40) from a stranger, LOW (35) from a sender the recipient knows.
     */
    static final String FIRST_CONTACT_INVOICE = """
            From: "Fabrikam Billing" <%s>
            To: staff@contoso.example
            Subject: Invoice 4471 for December
            Message-ID: <%s>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hello, your invoice for December is ready. Please settle it today.
            https://view.secure.invoices.billing.fabrikam-billing.com/view/4471
            Kind regards, the billing team
            """;

    @Test
    void reportsReachingTheThresholdLeaveAnAnalystsVerdictAlone() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        policies.save(tenantId, new PolicyDocument(null, null, null, null, null, 2), null, "admin");
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, id);
        analysts.decide(tenantId, copies.getFirst().mailItemId(), RiskLevel.CLEAN, "analyst-a", "newsletter");

        feedback.reportMessage(
                tenantId, copies.get(0).mailItemId(), mailboxes.get(0).getAddress());
        feedback.reportMessage(
                tenantId, copies.get(1).mailItemId(), mailboxes.get(1).getAddress());

        for (LifecycleFixtures.Copy copy : copies) {
            VerdictVersion current =
                    verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
            assertThat(current.getCause()).isEqualTo(VerdictCause.ANALYST);
            assertThat(current.getLevel()).isEqualTo(RiskLevel.CLEAN);
        }
        assertThat(audit.about(tenantId, "mail_item:" + copies.get(1).mailItemId()))
                .extracting(AuditEntry::getAction)
                .contains("verdict.kept");
    }

    @Test
    void trustingTheSenderLowersAFirstContactWarningOnThatRecipientsCopyOnly() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        byte[] mime = firstContactInvoice(id);
        LifecycleFixtures.Copy trusting = fixtures.deliver(mailboxes.get(0), "inbox", id, mime, Instant.now());
        LifecycleFixtures.Copy other = fixtures.deliver(mailboxes.get(1), "inbox", id, mime, Instant.now());
        VerdictVersion scanned =
                verdicts.current(tenantId, trusting.mailItemId()).orElseThrow();
        assertThat(scanned.getLevel()).isEqualTo(RiskLevel.SUSPICIOUS);
        assertThat(signalNames(scanned)).contains("FIRST_CONTACT");
        List<VerdictVersion> otherBefore = verdicts.history(tenantId, other.mailItemId());

        feedback.trustSender(tenantId, trusting.mailItemId(), mailboxes.get(0).getAddress());

        VerdictVersion trusted =
                verdicts.current(tenantId, trusting.mailItemId()).orElseThrow();
        assertThat(trusted.getCause()).isEqualTo(VerdictCause.RECIPIENT_TRUST);
        assertThat(trusted.getLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(signalNames(trusted))
                .doesNotContain("FIRST_CONTACT")
                .contains("FREEMAIL_COMPANY_CLAIM", "URL_DEEP_SUBDOMAINS");
        assertThat(verdicts.history(tenantId, other.mailItemId()))
                .extracting(VerdictVersion::getId)
                .containsExactlyElementsOf(
                        otherBefore.stream().map(VerdictVersion::getId).toList());

        feedback.trustSender(tenantId, trusting.mailItemId(), mailboxes.get(0).getAddress());
        assertThat(verdicts.history(tenantId, trusting.mailItemId())).hasSize(2);
    }

    @Test
    void trustingTheSenderNeverLowersAnAnalystsDecision() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        LifecycleFixtures.Copy copy =
                fixtures.deliver(mailboxes.getFirst(), "inbox", id, firstContactInvoice(id), Instant.now());
        analysts.decide(tenantId, copy.mailItemId(), RiskLevel.SUSPICIOUS, "analyst-a", "fake supplier");

        feedback.trustSender(tenantId, copy.mailItemId(), mailboxes.getFirst().getAddress());

        VerdictVersion current = verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
        assertThat(current.getCause()).isEqualTo(VerdictCause.ANALYST);
        assertThat(current.getLevel()).isEqualTo(RiskLevel.SUSPICIOUS);
    }

    private static byte[] firstContactInvoice(String internetMessageId) {
        String sender = "fabrikam.billing." + internetMessageId.substring(0, 8) + "@gmail.com";
        return FIRST_CONTACT_INVOICE
                .formatted(sender, internetMessageId)
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private List<String> signalNames(VerdictVersion version) {
        return verdicts.signals(version).stream().map(Signal::name).toList();
    }

    @Test
    void policiesAreVersionedAndAnEditBasedOnAStaleVersionIsRefused() {
        UUID tenantId = fixtures.tenantWithMailboxes(1).getFirst().getTenantId();
        assertThat(policies.current(tenantId).version()).isZero();
        assertThat(policies.current(tenantId).document()).isEqualTo(PolicyDocument.defaults());

        policies.save(tenantId, new PolicyDocument(PolicyMode.MONITOR, null, null, null, null, null), 0, "admin");
        TenantPolicy second = policies.save(
                tenantId, new PolicyDocument(PolicyMode.BANNER_ONLY, null, null, null, null, 5), 1, "admin");

        assertThat(second.version()).isEqualTo(2);
        assertThat(policies.current(tenantId).document().mode()).isEqualTo(PolicyMode.BANNER_ONLY);
        assertThat(policies.history(tenantId)).extracting(TenantPolicy::version).containsExactly(2, 1);
        assertThatThrownBy(() -> policies.save(tenantId, PolicyDocument.defaults(), 1, "admin"))
                .isInstanceOf(PolicyConflictException.class);
        assertThatThrownBy(
                        () -> policies.save(tenantId, new PolicyDocument(null, null, null, null, null, 0), 2, "admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userReportThreshold");
    }

    @Test
    void aMonitoringTenantsMaliciousMailStaysWhereItIs() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        policies.save(tenantId, new PolicyDocument(PolicyMode.MONITOR, null, null, null, null, null), 0, "admin");
        String id = LifecycleFixtures.messageId();
        LifecycleFixtures.Copy copy = fixtures.deliverToAll(mailboxes, id).getFirst();

        var outcome = analystsDecide(tenantId, copy);

        assertThat(outcome.getLevel()).isEqualTo(RiskLevel.MALICIOUS);
        assertThat(fixtures.item(tenantId, copy.mailItemId()).getFolder()).isEqualTo("inbox");
        assertThat(actionsOf(tenantId, copy)).isZero();
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private VerdictVersion analystsDecide(UUID tenantId, LifecycleFixtures.Copy copy) {
        return analysts.decide(tenantId, copy.mailItemId(), RiskLevel.MALICIOUS, "analyst-a", "phish");
    }

    private int actionsOf(UUID tenantId, LifecycleFixtures.Copy copy) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM actions WHERE tenant_id = ? AND mail_item_id = ?",
                Integer.class,
                tenantId,
                copy.mailItemId());
    }
}
