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
import io.palisade.lifecycle.LifecycleFixtures;
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
    void aTrustedSenderIsAnEstablishedCorrespondentOfThatRecipientOnly() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String first = LifecycleFixtures.messageId();
        LifecycleFixtures.Copy copy =
                fixtures.deliver(mailboxes.get(0), "inbox", first, LifecycleFixtures.ordinary(first), Instant.now());

        feedback.trustSender(tenantId, copy.mailItemId(), mailboxes.get(0).getAddress());

        String second = LifecycleFixtures.messageId();
        LifecycleFixtures.Copy trusted =
                fixtures.deliver(mailboxes.get(0), "inbox", second, LifecycleFixtures.ordinary(second), Instant.now());
        LifecycleFixtures.Copy stranger =
                fixtures.deliver(mailboxes.get(1), "inbox", second, LifecycleFixtures.ordinary(second), Instant.now());
        int trustedScore =
                verdicts.current(tenantId, trusted.mailItemId()).orElseThrow().getScore();
        int strangerScore =
                verdicts.current(tenantId, stranger.mailItemId()).orElseThrow().getScore();
        assertThat(trustedScore).isLessThanOrEqualTo(strangerScore);
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
