package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.palisade.core.action.ActionKind;
import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.campaign.MemberReason;
import io.palisade.core.clawback.ClawbackQueries;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.reevaluation.CampaignVerdicts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.lifecycle.LifecycleFixtures;
import io.palisade.lifecycle.LifecyclePlatform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Mail that arrives after its campaign was formed joins it, and gets the campaign's verdict and clawback. */
@LifecycleTest
class CampaignArrivalTest {

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
    VerdictService verdicts;

    @Autowired
    CampaignVerdicts decisions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCopyArrivingAfterAMaliciousCampaignVerdictJoinsAndIsQuarantinedByTheCampaignsClawback() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(4);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes.subList(0, 3), id);
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        UUID quarantine =
                decide(tenantId, campaign, RiskLevel.MALICIOUS).clawbacks().get(ActionKind.QUARANTINE);
        awaitSearchDone(tenantId, quarantine);

        LifecycleFixtures.Copy late =
                fixtures.deliver(mailboxes.get(3), "inbox", id, LifecycleFixtures.ordinary(id), Instant.now());

        assertThat(members(tenantId, campaign)).contains(tuple(late.mailItemId(), MemberReason.COPY));
        VerdictVersion current = verdicts.current(tenantId, late.mailItemId()).orElseThrow();
        assertThat(current.getLevel()).isEqualTo(RiskLevel.MALICIOUS);
        assertThat(current.getCause()).isEqualTo(VerdictCause.ANALYST);
        assertThat(actionsIn(tenantId, quarantine, late.mailItemId())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "quarantine".equals(platform.byKey(late.key()).folder()));
        assertThat(platform.movesOf(late.key())).isEqualTo(1);
    }

    @Test
    void aNearDuplicateOrMailSharingTheSeedsUrlArrivingLaterJoinsButUnrelatedMailFromTheSameSenderDoesNot() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(3);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        String token = id.substring(0, 8);
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes.subList(0, 1), id);
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());

        UUID nearDuplicate = deliver(
                mailboxes.get(1), CampaignFormationTest.VARIANT.formatted("INV-91", "v-" + id, "later" + token));
        UUID unrelated = deliver(mailboxes.get(2), CampaignFormationTest.UNRELATED.formatted("u-" + id));
        UUID sharing = deliver(mailboxes.get(2), CampaignFormationTest.SHARED_LINK.formatted("s-" + id, token));

        assertThat(members(tenantId, campaign))
                .contains(tuple(nearDuplicate, MemberReason.NEAR_DUPLICATE), tuple(sharing, MemberReason.SHARED_URL));
        assertThat(campaigns.find(tenantId, campaign.id()).orElseThrow().mailItemIds())
                .doesNotContain(unrelated)
                .hasSize(3);
    }

    @Test
    void theSameMessageArrivingInAnotherTenantJoinsNoneOfThisTenantsCampaigns() {
        String id = LifecycleFixtures.messageId();
        List<Mailbox> ours = fixtures.tenantWithMailboxes(2);
        List<Mailbox> theirs = fixtures.tenantWithMailboxes(1);
        UUID tenantId = ours.getFirst().getTenantId();
        UUID otherTenant = theirs.getFirst().getTenantId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(ours, id);
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        UUID quarantine =
                decide(tenantId, campaign, RiskLevel.MALICIOUS).clawbacks().get(ActionKind.QUARANTINE);
        awaitSearchDone(tenantId, quarantine);

        LifecycleFixtures.Copy foreign =
                fixtures.deliver(theirs.getFirst(), "inbox", id, LifecycleFixtures.ordinary(id), Instant.now());

        assertThat(campaigns.find(tenantId, campaign.id()).orElseThrow().mailItemIds())
                .doesNotContain(foreign.mailItemId())
                .hasSize(2);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM campaign_members WHERE mail_item_id = ?",
                        Integer.class,
                        foreign.mailItemId()))
                .isZero();
        assertThat(verdicts.history(otherTenant, foreign.mailItemId()))
                .extracting(VerdictVersion::getCause)
                .containsExactly(VerdictCause.SCAN);
        assertThat(quarantineActions(otherTenant, foreign.mailItemId())).isZero();
    }

    @Test
    void aCopyArrivingAfterTheCampaignWasDeclaredSafeAgainGetsTheLoweredVerdictAndStaysInTheInbox() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(3);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes.subList(0, 2), id);
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        awaitSearchDone(
                tenantId,
                decide(tenantId, campaign, RiskLevel.MALICIOUS).clawbacks().get(ActionKind.QUARANTINE));
        decide(tenantId, campaign, RiskLevel.CLEAN);

        LifecycleFixtures.Copy late =
                fixtures.deliver(mailboxes.get(2), "inbox", id, LifecycleFixtures.ordinary(id), Instant.now());

        assertThat(members(tenantId, campaign)).contains(tuple(late.mailItemId(), MemberReason.COPY));
        assertThat(verdicts.history(tenantId, late.mailItemId()))
                .extracting(VerdictVersion::getCause, VerdictVersion::getLevel)
                .last()
                .isEqualTo(tuple(VerdictCause.ANALYST, RiskLevel.CLEAN));
        assertThat(quarantineActions(tenantId, late.mailItemId())).isZero();
    }

    @Test
    void aCopyArrivingWhileADecisionIsBeingAppliedGetsItExactlyOnce() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(11);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes.subList(0, 10), id);
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        Verdict malicious = new Verdict(
                100,
                RiskLevel.MALICIOUS,
                List.of(new Signal("ANALYST_DECISION", "analyst", 100, "An analyst decided", "")),
                "analyst");
        UUID decision = decisions.open(tenantId, campaign.id(), malicious, "analyst-a", "phish");
        // Four of the ten members are done: the newcomer's id falls before the cursor or after it.
        decisions.applyNextChunk(tenantId, campaign.id(), decision);
        // The clawback's search of every mailbox runs in the background: the newcomer is delivered after it, so it
        // arrives as a notification brings it, not as a copy the search adopts.
        awaitSearchDone(
                tenantId,
                jdbc.queryForObject(
                        "SELECT id FROM clawbacks WHERE tenant_id = ? AND campaign_id = ?",
                        UUID.class,
                        tenantId,
                        campaign.id()));

        LifecycleFixtures.Copy late =
                fixtures.deliver(mailboxes.get(10), "inbox", id, LifecycleFixtures.ordinary(id), Instant.now());
        while (!decisions.applyNextChunk(tenantId, campaign.id(), decision)) {
            // the rest of the members, the newcomer among them unless it was given the decision on arrival
        }

        assertThat(verdicts.history(tenantId, late.mailItemId()))
                .filteredOn(v -> v.getCause() == VerdictCause.ANALYST)
                .extracting(VerdictVersion::getLevel)
                .containsExactly(RiskLevel.MALICIOUS);
        assertThat(quarantineActions(tenantId, late.mailItemId())).isEqualTo(1);
    }

    @Test
    void aCampaignOfFiftyThousandMessagesTakesNoMore() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes.subList(0, 1), id);
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        fillUp(tenantId, mailboxes.getFirst().getId(), campaign.id(), 50_000 - 1);

        LifecycleFixtures.Copy late =
                fixtures.deliver(mailboxes.get(1), "inbox", id, LifecycleFixtures.ordinary(id), Instant.now());

        assertThat(memberCount(tenantId, campaign.id())).isEqualTo(50_000);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM campaign_members WHERE tenant_id = ? AND mail_item_id = ?",
                        Integer.class,
                        tenantId,
                        late.mailItemId()))
                .isZero();
    }

    /** Adds bare mail items to the campaign, in two statements: what 50,000 deliveries would take minutes for. */
    private void fillUp(UUID tenantId, UUID mailboxId, UUID campaignId, int count) {
        String filler = "filler-" + campaignId + "-";
        jdbc.update(
                "INSERT INTO mail_items (id, tenant_id, mailbox_id, provider, provider_message_id, received_at,"
                        + " created_at) SELECT gen_random_uuid(), ?, ?, 'M365', ? || n, now(), now()"
                        + " FROM generate_series(1, ?) n",
                tenantId,
                mailboxId,
                filler,
                count);
        // Fresh statistics: the foreign-key checks below would otherwise keep a plan made for a small table.
        jdbc.execute("ANALYZE mail_items");
        jdbc.update(
                "INSERT INTO campaign_members (tenant_id, campaign_id, mail_item_id, reason)"
                        + " SELECT tenant_id, ?, id, 'SHARED_URL' FROM mail_items"
                        + " WHERE tenant_id = ? AND provider_message_id LIKE ?",
                campaignId,
                tenantId,
                filler + "%");
        assertThat(memberCount(tenantId, campaignId)).isEqualTo(50_000);
    }

    private int memberCount(UUID tenantId, UUID campaignId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM campaign_members WHERE tenant_id = ? AND campaign_id = ?",
                Integer.class,
                tenantId,
                campaignId);
    }

    private CampaignVerdicts.Applied decide(UUID tenantId, Campaign campaign, RiskLevel level) {
        return analysts.decideCampaign(tenantId, campaign.id(), level, "analyst-a", "decided on the campaign");
    }

    /** Waits until the clawback's platform search is over, so a copy delivered next is found only on arrival. */
    private void awaitSearchDone(UUID tenantId, UUID clawback) {
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        !clawbacks.progress(tenantId, clawback).orElseThrow().searching());
    }

    private List<org.assertj.core.groups.Tuple> members(UUID tenantId, Campaign campaign) {
        return campaigns.find(tenantId, campaign.id()).orElseThrow().members().stream()
                .map(m -> tuple(m.mailItemId(), m.reason()))
                .toList();
    }

    private int actionsIn(UUID tenantId, UUID clawback, UUID mailItemId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM clawback_actions c JOIN actions a ON a.tenant_id = c.tenant_id AND a.id ="
                        + " c.action_id WHERE c.tenant_id = ? AND c.clawback_id = ? AND a.mail_item_id = ?"
                        + " AND a.kind = 'QUARANTINE'",
                Integer.class,
                tenantId,
                clawback,
                mailItemId);
    }

    private int quarantineActions(UUID tenantId, UUID mailItemId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM actions WHERE tenant_id = ? AND mail_item_id = ? AND kind = 'QUARANTINE'",
                Integer.class,
                tenantId,
                mailItemId);
    }

    private UUID deliver(Mailbox mailbox, String template) {
        byte[] mime = template.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        String messageId = template.lines()
                .filter(l -> l.startsWith("Message-ID: <"))
                .findFirst()
                .orElseThrow()
                .replace("Message-ID: <", "")
                .replace(">", "");
        return fixtures.deliver(mailbox, "inbox", messageId, mime, Instant.now())
                .mailItemId();
    }
}
