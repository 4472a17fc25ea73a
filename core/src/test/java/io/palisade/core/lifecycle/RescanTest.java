package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.reevaluation.RescanHandler;
import io.palisade.core.reevaluation.RescanService;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.lifecycle.LifecycleFixtures;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Re-scans of recent mail after a new rule pack: what is scheduled, at what rate, and what a re-scan records. */
@LifecycleTest
class RescanTest {

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    RescanService rescans;

    @Autowired
    VerdictService verdicts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CampaignService campaigns;

    @Autowired
    AnalystVerdicts analysts;

    @Test
    void aRescanRecordsTheLevelTheRulesGiveNowWhenItDiffersFromAnEarlierScan() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        UUID tenantId = mailbox.getTenantId();
        LifecycleFixtures.Copy copy = deliver(mailbox, Instant.now());
        RiskLevel scanned = current(tenantId, copy).getLevel();
        // What an earlier rule pack said: the re-scan replaces it with what the rules say now.
        verdicts.record(tenantId, copy.mailItemId(), malicious(), VerdictCause.RESCAN, "rules 2026.11.1");

        rescans.scheduleRecent(tenantId, Duration.ofDays(1), "rules 2026.12.2", 50, "admin");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "rules 2026.12.2".equals(current(tenantId, copy).getCausedBy()));
        VerdictVersion rescanned = current(tenantId, copy);
        assertThat(rescanned.getLevel()).isEqualTo(scanned);
        assertThat(rescanned.getCause()).isEqualTo(VerdictCause.RESCAN);
        assertThat(rescanned.getVersion()).isEqualTo(3);
    }

    @Test
    void anAnalystsVerdictSurvivesARescanThatScoresTheMessageDifferently() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        UUID tenantId = mailbox.getTenantId();
        LifecycleFixtures.Copy copy = deliver(mailbox, Instant.now());
        assertThat(current(tenantId, copy).getLevel()).isNotEqualTo(RiskLevel.MALICIOUS);
        verdicts.record(tenantId, copy.mailItemId(), malicious(), VerdictCause.ANALYST, "analyst-a");

        rescans.scheduleRecent(tenantId, Duration.ofDays(1), "rules 2026.12.5", 50, "admin");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rescanWork(tenantId).stream().allMatch("DONE"::equals));
        VerdictVersion kept = current(tenantId, copy);
        assertThat(kept.getCause()).isEqualTo(VerdictCause.ANALYST);
        assertThat(kept.getLevel()).isEqualTo(RiskLevel.MALICIOUS);
        assertThat(verdicts.history(tenantId, copy.mailItemId())).hasSize(2);
    }

    @Test
    void anAnalystsCampaignDecisionSurvivesARescanOfItsMembers() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(3);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.HIGH, "analyst-a", "lure");

        rescans.scheduleRecent(tenantId, Duration.ofDays(1), "rules 2026.12.6", 50, "admin");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rescanWork(tenantId).stream().allMatch("DONE"::equals));
        for (LifecycleFixtures.Copy copy : copies) {
            VerdictVersion kept = current(tenantId, copy);
            assertThat(kept.getCause()).isEqualTo(VerdictCause.ANALYST);
            assertThat(kept.getLevel()).isEqualTo(RiskLevel.HIGH);
        }
    }

    @Test
    void aRescanThatFindsTheSameLevelAddsNoVersion() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        UUID tenantId = mailbox.getTenantId();
        LifecycleFixtures.Copy copy = deliver(mailbox, Instant.now());

        rescans.scheduleRecent(tenantId, Duration.ofDays(1), "rules 2026.12.3", 50, "admin");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rescanWork(tenantId).stream().allMatch("DONE"::equals));
        assertThat(verdicts.history(tenantId, copy.mailItemId())).hasSize(1);
    }

    @Test
    void schedulesOnlyTheTenantsMailReceivedWithinTheWindowAndOnlyOncePerReason() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Mailbox other = fixtures.tenantWithMailboxes(1).getFirst();
        deliver(mailboxes.get(0), Instant.now().minus(Duration.ofHours(1)));
        deliver(mailboxes.get(1), Instant.now().minus(Duration.ofHours(2)));
        deliver(mailboxes.get(1), Instant.now().minus(Duration.ofDays(3)));
        deliver(other, Instant.now());

        int scheduled = rescans.scheduleRecent(tenantId, Duration.ofDays(1), "rules 2026.12.4", 50, "admin");
        rescans.scheduleRecent(tenantId, Duration.ofDays(1), "rules 2026.12.4", 50, "admin");

        assertThat(scheduled).isEqualTo(2);
        assertThat(rescanWork(tenantId)).hasSize(2);
        assertThat(rescanWork(other.getTenantId())).isEmpty();
    }

    @Test
    void spreadsTheRescanAtTheGivenRate() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        UUID tenantId = mailbox.getTenantId();
        for (int i = 0; i < 4; i++) {
            deliver(mailbox, Instant.now().minusSeconds(60 + i));
        }

        rescans.scheduleRecent(tenantId, Duration.ofDays(1), "model 7", 2, "admin");

        List<Instant> runAt = jdbc
                .queryForList(
                        "SELECT run_at FROM work_items WHERE tenant_id = ? AND kind = ? ORDER BY run_at",
                        Timestamp.class,
                        tenantId,
                        RescanHandler.KIND)
                .stream()
                .map(Timestamp::toInstant)
                .toList();
        assertThat(runAt).hasSize(4);
        assertThat(Duration.between(runAt.getFirst(), runAt.getLast())).isEqualTo(Duration.ofMillis(1500));
    }

    private LifecycleFixtures.Copy deliver(Mailbox mailbox, Instant receivedAt) {
        String id = LifecycleFixtures.messageId();
        return fixtures.deliver(mailbox, "inbox", id, LifecycleFixtures.ordinary(id), receivedAt);
    }

    private VerdictVersion current(UUID tenantId, LifecycleFixtures.Copy copy) {
        return verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
    }

    private List<String> rescanWork(UUID tenantId) {
        return jdbc.queryForList(
                "SELECT state FROM work_items WHERE tenant_id = ? AND kind = ?",
                String.class,
                tenantId,
                RescanHandler.KIND);
    }

    private static Verdict malicious() {
        return new Verdict(
                100,
                RiskLevel.MALICIOUS,
                List.of(new Signal("ANALYST_DECISION", "analyst", 100, "Malicious", "")),
                "x");
    }
}
