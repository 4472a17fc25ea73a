package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.palisade.core.action.ActionKind;
import io.palisade.core.audit.AuditEntry;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.clawback.ClawbackDiscovery;
import io.palisade.core.clawback.ClawbackProgress;
import io.palisade.core.clawback.ClawbackQueries;
import io.palisade.core.clawback.CopyState;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.ActionOutbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.policy.PolicyService;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.reevaluation.CampaignDecisions;
import io.palisade.core.reevaluation.CampaignVerdicts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkerPool;
import io.palisade.detection.api.RiskLevel;
import io.palisade.lifecycle.LifecycleFixtures;
import io.palisade.lifecycle.LifecyclePlatform;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

@LifecycleTest
class ClawbackTest {

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    LifecyclePlatform platform;

    @Autowired
    CampaignService campaigns;

    @Autowired
    AnalystVerdicts analysts;

    @Autowired
    ClawbackQueries clawbacks;

    @Autowired
    PolicyService policies;

    @Autowired
    WorkerPool workers;

    @Autowired
    WorkQueue queue;

    @Autowired
    AuditLog audit;

    @Autowired
    CampaignDecisions decisions;

    @Autowired
    VerdictService verdicts;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void workersRunAgain() {
        workers.start();
    }

    @Test
    void quarantinesEveryCopyIncludingOnesOnlyThePlatformFindsWhenTheCampaignTurnsMalicious() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(6);
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes.subList(0, 5), id);
        String unseen = fixtures.deliverUnseen(mailboxes.get(5), id);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());

        UUID clawback = malicious(tenantId, campaign.id(), "analyst-a");

        ClawbackProgress done = awaitFinished(tenantId, clawback, 6);
        assertThat(done.copies()).extracting(ClawbackProgress.Copy::state).containsOnly(CopyState.DONE);
        assertThat(copies)
                .allSatisfy(c -> assertThat(platform.byKey(c.key()).folder()).isEqualTo("quarantine"));
        assertThat(platform.byKey(unseen).folder()).isEqualTo("quarantine");
        assertThat(campaigns.find(tenantId, campaign.id()).orElseThrow().members())
                .hasSize(6);
        assertThat(audit.recent(tenantId, PageRequest.of(0, 100)))
                .extracting(e -> e.getAction())
                .contains("verdict.set", "clawback.quarantine", "action.quarantine");
    }

    @Test
    void finishesAfterWorkersDieMidCampaignWithoutMovingAnyCopyTwice() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(24);
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, id);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        workers.stop();

        UUID clawback = malicious(tenantId, campaign.id(), "analyst-a");
        // One worker claimed five copies and was killed before it called the platform; its leases run out.
        assertThat(queue.claim(List.of(ActionOutbox.KIND), "killed-worker", Duration.ofMillis(300), 5))
                .hasSize(5);
        // Others are killed right after the platform moved a copy, before they could record it.
        platform.dieAfterNextMoves(3);
        workers.start();

        ClawbackProgress done = awaitFinished(tenantId, clawback, 24);
        assertThat(done.copies()).extracting(ClawbackProgress.Copy::state).containsOnly(CopyState.DONE);
        assertThat(copies).allSatisfy(c -> {
            assertThat(platform.movesOf(c.key())).isEqualTo(1);
            assertThat(platform.byKey(c.key()).folder()).isEqualTo("quarantine");
        });
    }

    @Test
    void concurrentAnalystActionsOnOneCampaignMoveEachCopyOnce() throws Exception {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(10);
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, id);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        CountDownLatch go = new CountDownLatch(1);
        Callable<CampaignVerdicts.Applied> analystA = () -> {
            go.await();
            return analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.MALICIOUS, "analyst-a", "phish");
        };
        Callable<CampaignVerdicts.Applied> analystB = () -> {
            go.await();
            return analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.MALICIOUS, "analyst-b", "phish");
        };

        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            Future<CampaignVerdicts.Applied> a = both.submit(analystA);
            Future<CampaignVerdicts.Applied> b = both.submit(analystB);
            go.countDown();
            a.get();
            b.get();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> copies.stream()
                        .allMatch(
                                c -> "quarantine".equals(platform.byKey(c.key()).folder())));
        awaitSettled(tenantId, campaign.id());
        assertThat(copies).allSatisfy(c -> assertThat(platform.movesOf(c.key())).isEqualTo(1));
    }

    @Test
    void conflictingDecisionsMadeAtOnceLeaveEveryCopyWhereTheLastOnePutsIt() throws Exception {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(10);
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        CountDownLatch go = new CountDownLatch(1);
        Callable<CampaignVerdicts.Applied> malicious = () -> {
            go.await();
            return analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.MALICIOUS, "analyst-a", "phish");
        };
        Callable<CampaignVerdicts.Applied> clean = () -> {
            go.await();
            return analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.CLEAN, "analyst-b", "newsletter");
        };

        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            Future<CampaignVerdicts.Applied> a = both.submit(malicious);
            Future<CampaignVerdicts.Applied> b = both.submit(clean);
            go.countDown();
            assertThat(a.get().finished()).isTrue();
            assertThat(b.get().finished()).isTrue();
        }

        List<CampaignDecisions.Progress> decided =
                decisions.ofCampaign(tenantId, campaign.id()).reversed();
        assertThat(decided)
                .extracting(CampaignDecisions.Progress::decidedBy, CampaignDecisions.Progress::level)
                .containsExactlyInAnyOrder(
                        tuple("analyst-a", RiskLevel.MALICIOUS), tuple("analyst-b", RiskLevel.CLEAN));
        RiskLevel first = decided.getFirst().level();
        RiskLevel last = decided.getLast().level();
        awaitSettled(tenantId, campaign.id());
        assertThat(copies).allSatisfy(c -> {
            assertThat(analystLevels(tenantId, c)).containsExactly(first, last);
            assertThat(platform.byKey(c.key()).folder())
                    .isEqualTo(last == RiskLevel.MALICIOUS ? "quarantine" : c.folder());
            Map<String, Integer> moves = doneMoves(tenantId, c);
            assertThat(moves.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
            assertThat(platform.movesOf(c.key()))
                    .isEqualTo(moves.values().stream().mapToInt(n -> n).sum());
        });
        assertThat(audit.about(tenantId, "campaign:" + campaign.id()).reversed())
                .filteredOn(e -> e.getAction().equals("verdict.set"))
                .extracting(
                        AuditEntry::getActor,
                        e -> e.getReason().substring(0, e.getReason().indexOf(':')))
                .containsExactly(
                        tuple(decided.getFirst().decidedBy(), first.name()),
                        tuple(decided.getLast().decidedBy(), last.name()));
    }

    @Test
    void aCleanDecisionMadeWhileTheQuarantinesAreQueuedCancelsThemAndMovesNoCopy() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(6);
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        workers.stop();
        UUID quarantine = malicious(tenantId, campaign.id(), "analyst-a");

        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.CLEAN, "analyst-b", "newsletter");
        workers.start();

        awaitSettled(tenantId, campaign.id());
        assertThat(copies).allSatisfy(c -> {
            assertThat(platform.byKey(c.key()).folder()).isEqualTo(c.folder());
            assertThat(platform.movesOf(c.key())).isZero();
        });
        assertThat(clawbacks.progress(tenantId, quarantine).orElseThrow().copies())
                .hasSize(6)
                .allSatisfy(c -> {
                    assertThat(c.state()).isEqualTo(CopyState.SKIPPED);
                    assertThat(c.reason()).contains("released before it ran");
                });
    }

    @Test
    void aCleanDecisionMadeWhileAQuarantineIsOnItsWayBringsTheCopyBackOnceItArrives() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        workers.stop();
        malicious(tenantId, campaign.id(), "analyst-a");
        // A worker has started every quarantine (its platform call is under way) when the analyst changes her mind.
        jdbc.update(
                "UPDATE actions SET status = 'RUNNING', attempts = 1, updated_at = now() WHERE tenant_id = ?"
                        + " AND kind = 'QUARANTINE'",
                tenantId);

        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.CLEAN, "analyst-b", "newsletter");
        workers.start();

        awaitSettled(tenantId, campaign.id());
        assertThat(copies).allSatisfy(c -> {
            assertThat(platform.byKey(c.key()).folder()).isEqualTo(c.folder());
            assertThat(doneMoves(tenantId, c)).containsOnly(entry("QUARANTINE", 1), entry("RELEASE", 1));
            assertThat(platform.movesOf(c.key())).isEqualTo(2);
        });
    }

    @Test
    void releaseAfterClawbackReturnsEveryCopyToItsOriginalFolder() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(8);
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, id);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        UUID quarantine = malicious(tenantId, campaign.id(), "analyst-a");
        awaitFinished(tenantId, quarantine, 8);

        UUID release = analysts.releaseCampaign(tenantId, campaign.id(), "analyst-b", "false positive");

        awaitFinished(tenantId, release, 8);
        assertThat(copies)
                .allSatisfy(c -> assertThat(platform.byKey(c.key()).folder()).isEqualTo(c.folder()));
        assertThat(clawbacks.progress(tenantId, quarantine).orElseThrow().copies())
                .extracting(ClawbackProgress.Copy::state)
                .containsOnly(CopyState.RELEASED);
    }

    @Test
    void honoursThePlatformsThrottlingAndStillFinishes() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(4);
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, id);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        platform.throttleNext(3, Duration.ofSeconds(1));

        UUID clawback = malicious(tenantId, campaign.id(), "analyst-a");

        ClawbackProgress done = awaitFinished(tenantId, clawback, 4);
        assertThat(done.copies()).extracting(ClawbackProgress.Copy::state).containsOnly(CopyState.DONE);
        assertThat(done.copies()).anySatisfy(c -> assertThat(c.attempts()).isGreaterThan(1));
        assertThat(copies).allSatisfy(c -> assertThat(platform.movesOf(c.key())).isEqualTo(1));
    }

    @Test
    void aLoweredVerdictReleasesOnlyWhereThePolicySaysSo() {
        List<Mailbox> releasing = fixtures.tenantWithMailboxes(3);
        List<Mailbox> keeping = fixtures.tenantWithMailboxes(3);
        UUID releasingTenant = releasing.getFirst().getTenantId();
        UUID keepingTenant = keeping.getFirst().getTenantId();
        policies.save(keepingTenant, new PolicyDocument(null, null, null, null, false, null), 0, "admin");
        List<LifecycleFixtures.Copy> released = quarantineThenClear(releasing);
        List<LifecycleFixtures.Copy> kept = quarantineThenClear(keeping);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> released.stream()
                        .allMatch(c -> c.folder().equals(platform.byKey(c.key()).folder())));
        assertThat(kept)
                .allSatisfy(c -> assertThat(platform.byKey(c.key()).folder()).isEqualTo("quarantine"));
    }

    @Test
    void hardDeleteRemovesEveryCopyOnlyOnTheAnalystsExplicitAction() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(3);
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, id);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        awaitFinished(tenantId, malicious(tenantId, campaign.id(), "analyst-a"), 3);
        assertThat(copies).allSatisfy(c -> assertThat(platform.byKey(c.key())).isNotNull());

        UUID delete = analysts.hardDeleteCampaign(tenantId, campaign.id(), "analyst-a", "confirmed malware");

        awaitFinished(tenantId, delete, 3);
        assertThat(copies).allSatisfy(c -> assertThat(platform.byKey(c.key())).isNull());
    }

    private List<LifecycleFixtures.Copy> quarantineThenClear(List<Mailbox> mailboxes) {
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, id);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        awaitFinished(tenantId, malicious(tenantId, campaign.id(), "analyst-a"), copies.size());
        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.CLEAN, "analyst-b", "false positive");
        return copies;
    }

    private UUID malicious(UUID tenantId, UUID campaignId, String analyst) {
        return analysts.decideCampaign(tenantId, campaignId, RiskLevel.MALICIOUS, analyst, "credential phish")
                .clawbacks()
                .get(ActionKind.QUARANTINE);
    }

    /** Waits until no search for copies runs and no action on a member of the campaign waits or runs. */
    private void awaitSettled(UUID tenantId, UUID campaignId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "SELECT (SELECT count(*) FROM work_items w WHERE w.tenant_id = ? AND w.kind = ?"
                                        + " AND w.state IN ('READY', 'CLAIMED'))"
                                        + " + (SELECT count(*) FROM actions a JOIN campaign_members m"
                                        + " ON m.tenant_id = a.tenant_id AND m.mail_item_id = a.mail_item_id"
                                        + " WHERE a.tenant_id = ? AND m.campaign_id = ?"
                                        + " AND a.status IN ('PENDING', 'RUNNING'))",
                                Integer.class,
                                tenantId,
                                ClawbackDiscovery.KIND,
                                tenantId,
                                campaignId)
                        == 0);
    }

    /** The copy's quarantines and releases that moved it, by kind. */
    private Map<String, Integer> doneMoves(UUID tenantId, LifecycleFixtures.Copy copy) {
        Map<String, Integer> moves = new HashMap<>();
        jdbc.query(
                "SELECT kind, count(*) AS n FROM actions WHERE tenant_id = ? AND mail_item_id = ? AND status = 'DONE'"
                        + " AND kind IN ('QUARANTINE', 'RELEASE') GROUP BY kind",
                rs -> {
                    moves.put(rs.getString("kind"), rs.getInt("n"));
                },
                tenantId,
                copy.mailItemId());
        return moves;
    }

    private List<RiskLevel> analystLevels(UUID tenantId, LifecycleFixtures.Copy copy) {
        return verdicts.history(tenantId, copy.mailItemId()).stream()
                .filter(v -> v.getCause() == VerdictCause.ANALYST)
                .map(VerdictVersion::getLevel)
                .toList();
    }

    private ClawbackProgress awaitFinished(UUID tenantId, UUID clawbackId, int copies) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ClawbackProgress progress = clawbacks.progress(tenantId, clawbackId).orElseThrow();
            return !progress.searching()
                    && progress.copies().size() == copies
                    && progress.counts().get(CopyState.PENDING) == 0;
        });
        return clawbacks.progress(tenantId, clawbackId).orElseThrow();
    }
}
