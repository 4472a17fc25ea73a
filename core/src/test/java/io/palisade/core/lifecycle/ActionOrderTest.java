package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.pipeline.BannerComposer;
import io.palisade.core.policy.PolicyAction;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.policy.PolicyService;
import io.palisade.detection.api.RiskLevel;
import io.palisade.lifecycle.LifecycleFixtures;
import io.palisade.lifecycle.LifecyclePlatform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The actions one verdict asks for on a copy run one after the other, in the policy's order, even while the
 * platform is slow: the banner is written before the quarantine moves the copy, so neither finds the message gone
 * and a release brings back the bannered copy.
 */
@LifecycleTest
@Import(ActionOrderTest.MarkingBanners.class)
class ActionOrderTest {

    static final String MARK = "X-Test-Banner: written";

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    LifecyclePlatform platform;

    @Autowired
    PolicyService policies;

    @Autowired
    CampaignService campaigns;

    @Autowired
    AnalystVerdicts analysts;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void platformFastAgain() {
        platform.latency(0);
    }

    @Test
    void aBannerAndAQuarantineAskedByOneVerdictRunOneAfterTheOtherOnEveryCopy() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(6);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        policies.save(
                tenantId,
                new PolicyDocument(
                        null,
                        Map.of(RiskLevel.MALICIOUS, List.of(PolicyAction.BANNER, PolicyAction.QUARANTINE)),
                        null,
                        null,
                        null,
                        null),
                0,
                "admin");
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());
        // Each call now takes long enough for a second action on the same copy to start while the first is out.
        platform.latency(150);

        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.MALICIOUS, "analyst-a", "phish");

        await().atMost(Duration.ofSeconds(60)).until(() -> unfinished(tenantId, copies) == 0);
        assertThat(statuses(tenantId, copies, "BANNER")).hasSize(copies.size()).containsOnly("DONE");
        assertThat(statuses(tenantId, copies, "QUARANTINE"))
                .hasSize(copies.size())
                .containsOnly("DONE");
        assertThat(copies).allSatisfy(c -> {
            LifecyclePlatform.Stored stored = platform.byKey(c.key());
            assertThat(stored.folder()).isEqualTo("quarantine");
            assertThat(new String(stored.mime(), StandardCharsets.US_ASCII)).startsWith(MARK);
            assertThat(platform.movesOf(c.key())).isEqualTo(1);
        });

        analysts.releaseCampaign(tenantId, campaign.id(), "analyst-a", "checked");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> copies.stream()
                        .allMatch(c -> c.folder().equals(platform.byKey(c.key()).folder())));
        assertThat(copies)
                .allSatisfy(c -> assertThat(new String(platform.byKey(c.key()).mime(), StandardCharsets.US_ASCII))
                        .startsWith(MARK));
    }

    private int unfinished(UUID tenantId, List<LifecycleFixtures.Copy> copies) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM actions WHERE tenant_id = ? AND mail_item_id = ANY (?)"
                        + " AND status IN ('PENDING', 'RUNNING')",
                Integer.class,
                tenantId,
                items(copies));
    }

    private List<String> statuses(UUID tenantId, List<LifecycleFixtures.Copy> copies, String kind) {
        return jdbc.queryForList(
                "SELECT status || coalesce(' ' || last_error, '') FROM actions"
                        + " WHERE tenant_id = ? AND mail_item_id = ANY (?) AND kind = ?",
                String.class,
                tenantId,
                items(copies),
                kind);
    }

    private static UUID[] items(List<LifecycleFixtures.Copy> copies) {
        return copies.stream().map(LifecycleFixtures.Copy::mailItemId).toArray(UUID[]::new);
    }

    /** A banner that is one header line on top of the message, so the test can see it was written. */
    @TestConfiguration
    static class MarkingBanners {
        @Bean
        BannerComposer markingComposer() {
            return (MailItem item, byte[] mime) -> {
                byte[] mark = (MARK + "\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] marked = new byte[mark.length + mime.length];
                System.arraycopy(mark, 0, marked, 0, mark.length);
                System.arraycopy(mime, 0, marked, mark.length, mime.length);
                return BannerComposer.Composition.of(marked);
            };
        }
    }
}
