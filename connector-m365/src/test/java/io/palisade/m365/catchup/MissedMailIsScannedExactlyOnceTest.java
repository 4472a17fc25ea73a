package io.palisade.m365.catchup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.Provider;
import io.palisade.core.connector.QuarantineResult;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.mail.M365MailboxConnector;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.control.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Push is lossy, so every path by which a message can reach Palisade is exercised against the simulator: dropped,
 * duplicated and reordered notifications, an hour-long outage of our endpoint, and an expired delta link. Each
 * delivered message must end as exactly one scanned mail item.
 */
class MissedMailIsScannedExactlyOnceTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    DeltaCatchUp catchUp;

    @Autowired
    M365MailboxConnector connector;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    static OnboardedTenant tenant;
    Mailbox alice;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (MissedMailIsScannedExactlyOnceTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("catch-up.example", null, onboarding, mailboxes);
            }
        }
        alice = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(
                        tenant.tenant().getId(), Provider.M365, tenant.alice().id())
                .orElseThrow();
        catchUp.catchUp(alice);
    }

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().clearFaults();
    }

    @Test
    void aNotifiedMessageIsScannedOnce() {
        String id = deliver();

        awaitScannedOnce(id);
    }

    @Test
    void duplicatedAndReorderedNotificationsScanEachMessageOnce() {
        SharedSimulator.control().addFault(Fault.duplicateNotifications(3));
        SharedSimulator.control().addFault(Fault.reorderNotifications(2));
        List<String> ids = deliver(3);

        ids.forEach(this::awaitScannedOnce);
    }

    @Test
    void droppedNotificationsAreCaughtUpByDelta() throws Exception {
        SharedSimulator.control().addFault(Fault.dropNotifications(3));
        List<String> ids = deliver(3);
        assertThat(SharedSimulator.control().notificationStats().dropped()).isGreaterThanOrEqualTo(3);

        catchUp.catchUp(alice);

        ids.forEach(this::awaitScannedOnce);
        assertThat(catchUp.catchUp(alice))
                .as("a second round finds nothing new")
                .isZero();
    }

    @Test
    void anHourLongOutageOfOurEndpointLosesNothingAndScansNothingTwice() throws Exception {
        SharedSimulator.control().addFault(Fault.unreachableEndpoint(true));
        List<String> ids = deliver(3);
        SharedSimulator.control().advanceClock(Duration.ofHours(1));

        catchUp.catchUp(alice);
        SharedSimulator.control().addFault(Fault.unreachableEndpoint(false));
        SharedSimulator.control().retryNotificationsNow();

        ids.forEach(this::awaitScannedOnce);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> SharedSimulator.control().notificationStats().pending() == 0);
        ids.forEach(this::assertScannedOnce);
    }

    @Test
    void anExpiredDeltaLinkResyncsByReceivedTimeWithoutScanningOldMailAgain() throws Exception {
        String before = deliver();
        awaitScannedOnce(before);
        catchUp.catchUp(alice);
        SharedSimulator.control().addFault(Fault.dropNotifications(2));
        List<String> missed = deliver(2);
        SharedSimulator.control()
                .expireDeltaTokens(tenant.sim().tenantId(), tenant.alice().id(), "inbox");

        catchUp.catchUp(alice);

        missed.forEach(this::awaitScannedOnce);
        assertScannedOnce(before);
    }

    @Test
    void aMessageMovedOrRewrittenUnderANewIdIsNotScannedAgain() throws Exception {
        String messageId = deliver();
        awaitScannedOnce(messageId);
        String graphId = mailItems
                .findByTenantIdAndInternetMessageId(tenant.tenant().getId(), messageId)
                .get(0)
                .getProviderMessageId();
        MessageRef ref = new MessageRef(tenant.tenant().getId(), tenant.alice().id(), graphId);

        QuarantineResult quarantined = connector.quarantine(ref);
        String released = connector.release(
                new MessageRef(ref.tenantId(), ref.providerMailboxId(), quarantined.newProviderMessageId()),
                quarantined.originalFolderId());
        catchUp.catchUp(alice);

        await().atMost(Duration.ofSeconds(20)).until(() -> workDone(released));
        assertScannedOnce(messageId);
    }

    @Test
    void a429StormThenAPeriodOf5xxWhileMailFlowsInScanEveryMessageOnce() {
        SharedSimulator.control()
                .addFault(Fault.throttle(-1, 1).onPathsContaining(tenant.alice().id()));
        List<Delivered> duringStorm = deliverNotified(3);
        duringStorm.forEach(m -> awaitFailedWith(m, "HTTP 429"));

        SharedSimulator.control().clearFaults();
        SharedSimulator.control()
                .addFault(Fault.serverError(-1, 503)
                        .onPathsContaining(tenant.alice().id()));
        List<Delivered> duringOutage = deliverNotified(3);
        duringOutage.forEach(m -> awaitFailedWith(m, "503", "circuit open"));
        SharedSimulator.control().clearFaults();

        // The sweep's catch-up, once the tenant's circuit lets calls through again, finds what the retries have not.
        await().atMost(Duration.ofSeconds(60)).until(this::caughtUp);
        await().atMost(Duration.ofSeconds(120)).until(this::noWorkLeft);
        duringStorm.forEach(m -> assertScannedOnce(m.messageId()));
        duringOutage.forEach(m -> assertScannedOnce(m.messageId()));
    }

    /** A message delivered to alice: its Message-ID and its Graph id. */
    private record Delivered(String messageId, String graphId) {}

    private List<Delivered> deliverNotified(int count) {
        List<Delivered> delivered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delivered.add(deliverWithIds());
        }
        return delivered;
    }

    /** Waits until the message's notification work has failed at least once with one of these errors. */
    private void awaitFailedWith(Delivered message, String... errors) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String error = jdbc
                    .queryForList(
                            "SELECT last_error FROM work_items WHERE tenant_id = ? AND idempotency_key = ?",
                            String.class,
                            tenant.tenant().getId(),
                            "message:" + alice.getId() + ":" + message.graphId())
                    .stream()
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse("");
            return Arrays.stream(errors).anyMatch(error::contains);
        });
    }

    private boolean caughtUp() {
        try {
            catchUp.catchUp(alice);
            return true;
        } catch (ConnectorException e) {
            return false;
        }
    }

    private boolean noWorkLeft() {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM work_items WHERE tenant_id = ? AND state IN ('READY', 'CLAIMED')",
                        Integer.class,
                        tenant.tenant().getId())
                == 0;
    }

    /** Whether the work item for this Graph message id (from a notification or delta) has finished. */
    private boolean workDone(String graphId) {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM work_items"
                                + " WHERE tenant_id = ? AND idempotency_key = ? AND state = 'DONE'",
                        Integer.class,
                        tenant.tenant().getId(),
                        "message:" + alice.getId() + ":" + graphId)
                == 1;
    }

    private List<String> deliver(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(deliver());
        }
        return ids;
    }

    /** Delivers an ordinary message to alice; returns its Message-ID. */
    private String deliver() {
        return deliverWithIds().messageId();
    }

    private Delivered deliverWithIds() {
        String messageId = "<" + UUID.randomUUID() + "@fabrikam.example>";
        String mime = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: alice@catch-up.example
                Subject: Delivery schedule for next week
                Message-ID: %s
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                Hello Alice, the trucks arrive on Monday and Thursday as usual.
                """.formatted(messageId).replace("\n", "\r\n");
        String graphId = SharedSimulator.control()
                .deliver(tenant.sim().tenantId(), tenant.alice().id(), mime.getBytes(StandardCharsets.UTF_8))
                .id();
        return new Delivered(messageId, graphId);
    }

    private void awaitScannedOnce(String messageId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> scanned(messageId) >= 1);
        assertScannedOnce(messageId);
    }

    private void assertScannedOnce(String messageId) {
        assertThat(scanned(messageId)).as("mail items for %s", messageId).isEqualTo(1);
    }

    private int scanned(String messageId) {
        return mailItems
                .findByTenantIdAndInternetMessageId(tenant.tenant().getId(), messageId)
                .size();
    }
}
