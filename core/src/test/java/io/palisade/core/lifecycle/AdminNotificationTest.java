package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.notify.AdminNotification;
import io.palisade.core.notify.AdminNotifications;
import io.palisade.core.notify.DeliveryState;
import io.palisade.core.notify.NotificationWebhooks;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.policy.PolicyAction;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.policy.PolicyService;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.detection.api.RiskLevel;
import io.palisade.lifecycle.LifecycleFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admin notifications: one per message or campaign and level change, however many copies; posted to the tenant's
 * webhook on a loopback HTTP server; retried, then failed and dead-lettered when the webhook keeps failing; never
 * seen by another tenant; the webhook's URL never logged.
 */
@LifecycleTest
@ExtendWith(OutputCaptureExtension.class)
class AdminNotificationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    PolicyService policies;

    @Autowired
    AnalystVerdicts analysts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    AdminNotifications notifications;

    @Autowired
    NotificationWebhooks webhooks;

    @Autowired
    JdbcTemplate jdbc;

    private Webhook webhook;

    @AfterEach
    void stopWebhook() {
        if (webhook != null) {
            webhook.server().stop(0);
        }
    }

    @Test
    void anAnalystsHighVerdictOnEveryCopyMakesOneNotificationPostedToTheWebhook(CapturedOutput output)
            throws IOException {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(3);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        UUID otherTenant = fixtures.tenantWithMailboxes(1).getFirst().getTenantId();
        notifyAt(tenantId, RiskLevel.HIGH);
        webhook = webhook(200);
        webhooks.set(tenantId, webhook.url(), "admin");
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());

        analysts.decide(tenantId, copies.getFirst().mailItemId(), RiskLevel.HIGH, "analyst-a", "payroll lure");

        List<AdminNotification> listed = notifications.recent(tenantId, 10);
        assertThat(listed).hasSize(1);
        AdminNotification notification = listed.getFirst();
        assertThat(notification.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(notification.previousLevel()).isEqualTo(RiskLevel.CLEAN);
        assertThat(notification.cause()).isEqualTo(VerdictCause.ANALYST);
        assertThat(notification.causedBy()).isEqualTo("analyst-a");
        assertThat(notification.items()).isEqualTo(3);
        assertThat(notification.reasons()).contains("payroll lure");
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery(tenantId, notification.id()) == DeliveryState.SENT);
        assertThat(webhook.bodies()).hasSize(1);
        JsonNode posted = JSON.readTree(webhook.bodies().getFirst());
        assertThat(posted.path("text").asString()).contains("HIGH", "was CLEAN", "3 copies", "payroll lure");
        assertThat(posted.path("palisade").path("id").asString())
                .isEqualTo(notification.id().toString());
        assertThat(notifications.recent(otherTenant, 10)).isEmpty();
        assertThat(notifications.find(otherTenant, notification.id())).isEmpty();
        assertThat(output.getAll()).doesNotContain(webhook.token());
    }

    @Test
    void aCampaignDecisionOverManyCopiesInSeveralChunksMakesOneNotification() throws IOException {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(10);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        notifyAt(tenantId, RiskLevel.MALICIOUS);
        webhook = webhook(200);
        webhooks.set(tenantId, webhook.url(), "admin");
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        Campaign campaign = campaigns.formAround(tenantId, copies.getFirst().mailItemId());

        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.MALICIOUS, "analyst-a", "phish");

        List<AdminNotification> listed = notifications.recent(tenantId, 10);
        assertThat(listed).hasSize(1);
        assertThat(listed.getFirst().items()).isEqualTo(10);
        assertThat(listed.getFirst().campaignId()).isEqualTo(campaign.id());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> delivery(tenantId, listed.getFirst().id()) == DeliveryState.SENT);
        assertThat(webhook.bodies()).hasSize(1);
    }

    @Test
    void copiesArrivingOneByOneAtANotifiedLevelJoinOneNotificationAndALevelChangeStartsANewOne() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(3);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        // Ordinary mail scans CLEAN: notifying at CLEAN makes every arrival ask for a notification.
        notifyAt(tenantId, RiskLevel.CLEAN, RiskLevel.HIGH);

        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId());
        analysts.decide(tenantId, copies.getFirst().mailItemId(), RiskLevel.HIGH, "analyst-a", "lure");
        analysts.decide(tenantId, copies.getFirst().mailItemId(), RiskLevel.CLEAN, "analyst-a", "vendor");

        List<AdminNotification> listed = notifications.recent(tenantId, 10);
        assertThat(listed)
                .extracting(AdminNotification::level, AdminNotification::items, AdminNotification::cause)
                .containsExactly(
                        tuple(RiskLevel.CLEAN, 3, VerdictCause.ANALYST),
                        tuple(RiskLevel.HIGH, 3, VerdictCause.ANALYST),
                        tuple(RiskLevel.CLEAN, 3, VerdictCause.SCAN));
        assertThat(listed).allMatch(n -> n.delivery() == DeliveryState.NONE);
    }

    @Test
    void aFailingWebhookIsRetriedThenShownAsFailedAndItsWorkDeadLettered(CapturedOutput output) throws IOException {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        notifyAt(tenantId, RiskLevel.HIGH);
        webhook = webhook(500);
        webhooks.set(tenantId, webhook.url(), "admin");
        LifecycleFixtures.Copy copy =
                fixtures.deliverToAll(mailboxes, LifecycleFixtures.messageId()).getFirst();

        analysts.decide(tenantId, copy.mailItemId(), RiskLevel.HIGH, "analyst-a", "lure");

        UUID id = notifications.recent(tenantId, 1).getFirst().id();
        await().atMost(Duration.ofSeconds(60)).until(() -> delivery(tenantId, id) == DeliveryState.FAILED);
        AdminNotification failed = notifications.find(tenantId, id).orElseThrow();
        assertThat(failed.deliveryAttempts()).isEqualTo(3);
        assertThat(failed.deliveryError()).isEqualTo("the webhook answered 500");
        assertThat(webhook.bodies()).hasSize(3);
        assertThat(jdbc.queryForObject(
                        "SELECT state FROM work_items WHERE tenant_id = ? AND kind = ? AND idempotency_key = ?",
                        String.class,
                        tenantId,
                        AdminNotifications.DELIVERY_KIND,
                        id.toString()))
                .isEqualTo("DEAD");
        assertThat(output.getAll()).doesNotContain(webhook.token());
    }

    @Test
    void aWebhookUrlThatIsNotHttpOrCarriesAPasswordIsRefusedWithoutQuotingIt() {
        UUID tenantId = fixtures.tenantWithMailboxes(1).getFirst().getTenantId();

        for (String bad : List.of("ftp://hooks.example/x", "https://user:secret-pw@hooks.example/x", "not a url")) {
            assertThat(catchThrowable(() -> webhooks.set(tenantId, bad, "admin")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .message()
                    .doesNotContain(bad);
        }
        assertThat(webhooks.status(tenantId).configured()).isFalse();
    }

    private void notifyAt(UUID tenantId, RiskLevel... levels) {
        Map<RiskLevel, List<PolicyAction>> actions = new EnumMap<>(RiskLevel.class);
        for (RiskLevel level : levels) {
            actions.put(level, List.of(PolicyAction.NOTIFY_ADMINS));
        }
        policies.save(tenantId, new PolicyDocument(null, actions, null, null, null, null), null, "admin");
    }

    private DeliveryState delivery(UUID tenantId, UUID id) {
        return notifications.find(tenantId, id).orElseThrow().delivery();
    }

    /** A loopback webhook that answers every POST with {@code status} and keeps the bodies. */
    private record Webhook(HttpServer server, String token, List<String> bodies) {
        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + token;
        }
    }

    private static Webhook webhook(int status) throws IOException {
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/" + token, exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return new Webhook(server, token, bodies);
    }
}
