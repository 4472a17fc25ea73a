package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.intel.IntelKind;
import io.palisade.core.intel.IntelService;
import io.palisade.core.intel.NewIndicator;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.lifecycle.LifecycleFixtures;
import io.palisade.lifecycle.LifecyclePlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LifecycleTest
class IndicatorReevaluationTest {

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    LifecyclePlatform platform;

    @Autowired
    IntelService intel;

    @Autowired
    VerdictService verdicts;

    @Autowired
    AnalystVerdicts analysts;

    @Autowired
    AuditLog audit;

    @Test
    void aNewIndicatorClawsBackMailDeliveredAnHourEarlierAndNothingCrossesTenants() {
        String id = LifecycleFixtures.messageId();
        List<Mailbox> contoso = fixtures.tenantWithMailboxes(3);
        List<Mailbox> fabrikam = fixtures.tenantWithMailboxes(2);
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        List<LifecycleFixtures.Copy> hit = deliver(contoso, id, anHourAgo);
        List<LifecycleFixtures.Copy> untouched = deliver(fabrikam, id, anHourAgo);
        UUID tenantId = contoso.getFirst().getTenantId();
        UUID otherTenant = fabrikam.getFirst().getTenantId();

        IntelService.Added added = intel.add(
                tenantId, new NewIndicator(IntelKind.URL, url(id), "feed:phishtank-style", 90, null), "analyst-a");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> hit.stream()
                        .allMatch(
                                c -> "quarantine".equals(platform.byKey(c.key()).folder())));
        for (LifecycleFixtures.Copy copy : hit) {
            VerdictVersion current =
                    verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
            assertThat(current.getLevel()).isEqualTo(RiskLevel.MALICIOUS);
            assertThat(current.getCause()).isEqualTo(VerdictCause.INDICATOR);
            assertThat(current.getCausedBy()).isEqualTo(added.id().toString());
            assertThat(current.getVersion()).isEqualTo(2);
        }
        for (LifecycleFixtures.Copy copy : untouched) {
            assertThat(verdicts.history(otherTenant, copy.mailItemId())).hasSize(1);
            assertThat(platform.byKey(copy.key()).folder()).isEqualTo("inbox");
        }
    }

    @Test
    void anIndicatorLeavesAnAnalystsCleanVerdictAloneAndAuditsTheMatch() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = deliver(mailboxes, id, Instant.now());
        analysts.decide(tenantId, copies.getFirst().mailItemId(), RiskLevel.CLEAN, "analyst-a", "known vendor");

        IntelService.Added added =
                intel.add(tenantId, new NewIndicator(IntelKind.URL, url(id), "feed", 95, null), "analyst-b");

        String target = "indicator:" + added.id();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        audit.about(tenantId, target).stream().anyMatch(e -> "verdict.kept".equals(e.getAction())));
        for (LifecycleFixtures.Copy copy : copies) {
            VerdictVersion current =
                    verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
            assertThat(current.getCause()).isEqualTo(VerdictCause.ANALYST);
            assertThat(current.getLevel()).isEqualTo(RiskLevel.CLEAN);
            assertThat(platform.byKey(copy.key()).folder()).isEqualTo("inbox");
        }
    }

    @Test
    void anIndicatorLeavesMailThatDoesNotCarryItAndMailPastTheRetentionWindowAlone() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String carrier = LifecycleFixtures.messageId();
        String other = LifecycleFixtures.messageId();
        LifecycleFixtures.Copy old = fixtures.deliver(
                mailboxes.get(0),
                "inbox",
                carrier,
                LifecycleFixtures.ordinary(carrier),
                Instant.now().minus(Duration.ofDays(40)));
        LifecycleFixtures.Copy unrelated =
                fixtures.deliver(mailboxes.get(1), "inbox", other, LifecycleFixtures.ordinary(other), Instant.now());

        intel.add(tenantId, new NewIndicator(IntelKind.URL, url(carrier), "feed", 95, null), "analyst-a");
        intel.add(tenantId, new NewIndicator(IntelKind.DOMAIN, "unrelated-phish.example", "feed", 95, null), "a");

        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(verdicts.history(tenantId, old.mailItemId())).hasSize(1);
        assertThat(verdicts.history(tenantId, unrelated.mailItemId())).hasSize(1);
    }

    @Test
    void aLowConfidenceIndicatorRaisesTheVerdictWithoutQuarantining() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        LifecycleFixtures.Copy copy = deliver(mailboxes, id, Instant.now()).getFirst();

        intel.add(tenantId, new NewIndicator(IntelKind.URL, url(id), "community list", 40, null), "analyst-a");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> verdicts.history(tenantId, copy.mailItemId()).size() == 2);
        assertThat(verdicts.current(tenantId, copy.mailItemId()).orElseThrow().getLevel())
                .isEqualTo(RiskLevel.SUSPICIOUS);
        assertThat(platform.byKey(copy.key()).folder()).isEqualTo("inbox");
    }

    @Test
    void newMailCarryingAKnownSenderIsFlaggedByThePrefilter() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        intel.add(
                tenantId,
                new NewIndicator(IntelKind.SENDER, "Billing@Fabrikam-Invoices.example", "analyst", 95, null),
                "analyst-a");
        String id = LifecycleFixtures.messageId();

        LifecycleFixtures.Copy copy = deliver(mailboxes, id, Instant.now()).getFirst();

        VerdictVersion verdict = verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
        assertThat(verdicts.signals(verdict)).extracting(Signal::name).contains("THREAT_INTEL_MATCH");
        assertThat(verdict.getLevel()).isGreaterThanOrEqualTo(RiskLevel.HIGH);
    }

    @Test
    void anExpiredIndicatorNeitherFlagsNewMailNorReevaluates() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        intel.add(
                tenantId,
                new NewIndicator(
                        IntelKind.DOMAIN,
                        "fabrikam-invoices.example",
                        "old feed",
                        95,
                        Instant.now().minusSeconds(60)),
                "analyst-a");
        String id = LifecycleFixtures.messageId();

        LifecycleFixtures.Copy copy = deliver(mailboxes, id, Instant.now()).getFirst();

        VerdictVersion verdict = verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
        assertThat(verdicts.signals(verdict)).extracting(Signal::name).doesNotContain("THREAT_INTEL_MATCH");
        assertThat(verdict.getLevel()).isLessThan(RiskLevel.SUSPICIOUS);
    }

    private List<LifecycleFixtures.Copy> deliver(List<Mailbox> mailboxes, String id, Instant receivedAt) {
        List<LifecycleFixtures.Copy> copies = new ArrayList<>();
        for (Mailbox mailbox : mailboxes) {
            copies.add(fixtures.deliver(mailbox, "inbox", id, LifecycleFixtures.ordinary(id), receivedAt));
        }
        return copies;
    }

    private static String url(String internetMessageId) {
        return "https://invoices.fabrikam-invoices.example/view/" + internetMessageId.substring(0, 8);
    }
}
