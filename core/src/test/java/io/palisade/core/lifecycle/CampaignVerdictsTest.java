package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.action.ActionKind;
import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.clawback.ClawbackDiscovery;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.reevaluation.CampaignDecisions;
import io.palisade.core.reevaluation.CampaignVerdicts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkerPool;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.lifecycle.LifecycleFixtures;
import io.palisade.lifecycle.LifecyclePlatform;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A campaign decision applied in chunks (four members each here): handed to a worker when its request runs out of
 * time, resumed after its caller stops, kept in order.
 */
@LifecycleTest
class CampaignVerdictsTest {

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    LifecyclePlatform platform;

    @Autowired
    CampaignService campaigns;

    @Autowired
    CampaignVerdicts decisions;

    @Autowired
    AnalystVerdicts analysts;

    @Autowired
    VerdictService verdicts;

    @Autowired
    WorkerPool workers;

    @Autowired
    CampaignDecisions progress;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @AfterEach
    void workersRunAgain() {
        workers.start();
    }

    @Test
    void workersFinishADecisionWhoseCallerStoppedMidwayWithoutWritingOrMovingAnyCopyTwice() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(10);
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());

        UUID decision = decisions.open(tenantId, campaign.id(), analyst(RiskLevel.MALICIOUS), "analyst-a", "phish");
        assertThat(decisions.applyNextChunk(tenantId, campaign.id(), decision)).isFalse();
        assertThat(decisions.applyNextChunk(tenantId, campaign.id(), decision)).isFalse();
        assertThat(copies)
                .filteredOn(c -> analystLevels(tenantId, c).size() == 1)
                .hasSize(8);
        // The caller stops here, with two members left; the watchdog hands the rest to a worker.

        await().atMost(Duration.ofSeconds(60))
                .until(() -> copies.stream()
                        .allMatch(
                                c -> "quarantine".equals(platform.byKey(c.key()).folder())));
        assertThat(copies).allSatisfy(c -> {
            assertThat(analystLevels(tenantId, c)).containsExactly(RiskLevel.MALICIOUS);
            assertThat(platform.movesOf(c.key())).isEqualTo(1);
        });
        assertThat(decisions.applyNextChunk(tenantId, campaign.id(), decision)).isTrue();
    }

    @Test
    void aRequestOutOfTimeAnswersAfterItsFirstChunkAndAWorkerAppliesTheRestOnce() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(10);
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());

        CampaignVerdicts.Applied applied = decisions.decide(
                tenantId, campaign.id(), analyst(RiskLevel.MALICIOUS), "analyst-a", "phish", Duration.ZERO);
        Instant answeredAt = clock.instant();

        assertThat(applied.finished()).isFalse();
        assertThat(applied.versions()).hasSize(4);
        assertThat(applied.membersDone()).isEqualTo(4);
        assertThat(applied.members()).isEqualTo(10);
        assertThat(applied.clawbacks()).containsKey(ActionKind.QUARANTINE);
        // Handed to a worker at once, not after the two seconds' resume delay a stopped caller is given.
        assertThat(dueAt(tenantId, applied.decisionId())).isBeforeOrEqualTo(answeredAt);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        progress.ofCampaign(tenantId, campaign.id()).getFirst().finishedAt() != null);
        CampaignDecisions.Progress finished =
                progress.ofCampaign(tenantId, campaign.id()).getFirst();
        assertThat(finished.id()).isEqualTo(applied.decisionId());
        assertThat(finished.membersDone()).isEqualTo(10);
        assertThat(finished.level()).isEqualTo(RiskLevel.MALICIOUS);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> copies.stream()
                        .allMatch(
                                c -> "quarantine".equals(platform.byKey(c.key()).folder())));
        assertThat(copies).allSatisfy(c -> {
            assertThat(analystLevels(tenantId, c)).containsExactly(RiskLevel.MALICIOUS);
            assertThat(platform.movesOf(c.key())).isEqualTo(1);
        });
    }

    @Test
    void aDecisionsProgressIsShownToItsTenantOnly() {
        List<Mailbox> ours = fixtures.tenantWithMailboxes(3);
        List<Mailbox> theirs = fixtures.tenantWithMailboxes(2);
        UUID tenantId = ours.getFirst().getTenantId();
        UUID otherTenant = theirs.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(
                tenantId,
                fixtures.deliverToAll(ours, LifecycleFixtures.messageId())
                        .getFirst()
                        .mailItemId());

        CampaignVerdicts.Applied applied =
                decisions.decide(tenantId, campaign.id(), analyst(RiskLevel.HIGH), "analyst-a", "phish");

        assertThat(applied.finished()).isTrue();
        assertThat(progress.ofCampaign(tenantId, campaign.id())).singleElement().satisfies(p -> {
            assertThat(p.membersDone()).isEqualTo(3);
            assertThat(p.members()).isEqualTo(3);
            assertThat(p.decidedBy()).isEqualTo("analyst-a");
            assertThat(p.finishedAt()).isNotNull();
        });
        assertThat(progress.ofCampaign(otherTenant, campaign.id())).isEmpty();
    }

    @Test
    void aLaterDecisionOnACampaignWaitsUntilTheEarlierOneCoversEveryMember() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(10);
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        workers.stop();

        UUID first = decisions.open(tenantId, campaign.id(), analyst(RiskLevel.MALICIOUS), "analyst-a", "phish");
        decisions.applyNextChunk(tenantId, campaign.id(), first);
        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.CLEAN, "analyst-b", "false positive");

        assertThat(copies)
                .allSatisfy(c ->
                        assertThat(analystLevels(tenantId, c)).containsExactly(RiskLevel.MALICIOUS, RiskLevel.CLEAN));
        assertThat(decisions.applyNextChunk(tenantId, campaign.id(), first)).isTrue();
    }

    @Test
    void aCampaignDecisionLeavesAnotherTenantsCopiesOfTheSameMessageAlone() {
        String messageId = LifecycleFixtures.messageId();
        List<Mailbox> ours = fixtures.tenantWithMailboxes(5);
        List<Mailbox> theirs = fixtures.tenantWithMailboxes(3);
        List<LifecycleFixtures.Copy> ourCopies = fixtures.deliverToAll(ours, messageId);
        List<LifecycleFixtures.Copy> theirCopies = fixtures.deliverToAll(theirs, messageId);
        UUID tenantId = ours.getFirst().getTenantId();
        UUID otherTenant = theirs.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, ourCopies.getFirst().mailItemId());

        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.MALICIOUS, "analyst-a", "phish");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ourCopies.stream()
                        .allMatch(
                                c -> "quarantine".equals(platform.byKey(c.key()).folder())));
        fixtures.awaitWorkDone(tenantId, ClawbackDiscovery.KIND, 1);
        fixtures.awaitWorkDone(otherTenant, ClawbackDiscovery.KIND, 0);
        assertThat(theirCopies).allSatisfy(c -> {
            assertThat(analystLevels(otherTenant, c)).isEmpty();
            assertThat(platform.byKey(c.key()).folder()).isEqualTo(c.folder());
            assertThat(platform.movesOf(c.key())).isZero();
        });
    }

    private Instant dueAt(UUID tenantId, UUID decision) {
        return jdbc.queryForObject(
                        "SELECT run_at FROM work_items WHERE tenant_id = ? AND kind = ? AND idempotency_key = ?",
                        Timestamp.class,
                        tenantId,
                        CampaignVerdicts.KIND,
                        decision.toString())
                .toInstant();
    }

    private List<RiskLevel> analystLevels(UUID tenantId, LifecycleFixtures.Copy copy) {
        return verdicts.history(tenantId, copy.mailItemId()).stream()
                .filter(v -> v.getCause() == VerdictCause.ANALYST)
                .map(VerdictVersion::getLevel)
                .toList();
    }

    private static Verdict analyst(RiskLevel level) {
        return new Verdict(
                100,
                level,
                List.of(new Signal("ANALYST_DECISION", "analyst", 100, "An analyst decided", "")),
                "analyst");
    }
}
