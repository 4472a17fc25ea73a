package io.palisade.m365.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionManager;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.SimMailbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chat notifications are lossy like mail ones, so a catch-up round through {@code getAllMessages} finds what they
 * missed: dropped notifications, and an hour-long (simulated clock) outage of our endpoint after which Graph retries
 * its backlog too. Every chat message ends with each file scanned once and one verdict version.
 */
class ChatCatchUpTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionManager subscriptions;

    @Autowired
    ChatCatchUp catchUp;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChatCatchUpRequests requests;

    static OnboardedTenant tenant;
    static String chatId;
    static String chatSubscriptionId;
    Mailbox alice;
    Mailbox bob;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (ChatCatchUpTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("teams-catch-up.example", null, onboarding, mailboxes);
                chatSubscriptionId = subscriptions
                        .subscribeTenantChats(tenant.tenant().getId())
                        .subscriptionId();
                chatId = SharedSimulator.control()
                        .createChat(
                                tenant.sim().tenantId(),
                                "Logistics",
                                List.of(tenant.alice().id(), tenant.bob().id()));
            }
        }
        alice = mailbox(tenant.alice());
        bob = mailbox(tenant.bob());
        catchUp.catchUp(alice);
        catchUp.catchUp(bob);
    }

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().addFault(Fault.unreachableEndpoint(false));
        SharedSimulator.control().clearFaults();
    }

    @Test
    void droppedChatNotificationsAreCaughtUpAndASecondRoundFindsNothingNew() throws Exception {
        SharedSimulator.control().addFault(Fault.dropNotifications(2));
        List<String> ids = postClean(2);
        assertThat(SharedSimulator.control().notificationStats().dropped()).isGreaterThanOrEqualTo(2);

        catchUp.catchUp(alice);

        // A round of the workers' (a lifecycle event's, the sweep's) may list the messages first, since the test's
        // Spring context and simulator are shared: what counts is that every dropped message is scanned, once.
        ids.forEach(this::awaitScannedOnce);
        assertThat(catchUp.catchUp(bob))
                .as("bob's round lists the same messages, already known from alice's")
                .isZero();
        assertThat(catchUp.catchUp(alice))
                .as("a second round finds nothing new")
                .isZero();
    }

    @Test
    void anHourLongOutageOfOurEndpointLosesNoChatMessageAndScansNoneTwice() throws Exception {
        SharedSimulator.control().addFault(Fault.unreachableEndpoint(true));
        List<String> ids = postClean(3);
        ids.add(TeamsChatLifecycleTest.post(
                tenant, chatId, "invoice.pdf", "application/pdf", TeamsChatLifecycleTest.DISGUISED_PROGRAM));
        SharedSimulator.control().advanceClock(Duration.ofHours(1));

        catchUp.catchUp(alice);
        catchUp.catchUp(bob);
        SharedSimulator.control().addFault(Fault.unreachableEndpoint(false));
        SharedSimulator.control().retryNotificationsNow();

        ids.forEach(this::awaitScannedOnce);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> SharedSimulator.control().notificationStats().pending() == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> hidden(ids.getLast()));
        await().atMost(Duration.ofSeconds(30)).until(this::chatWorkFinished);
        ids.forEach(this::assertScannedOnce);
        assertThat(hidden(ids.getFirst())).isFalse();
    }

    @Test
    void aLifecycleEventOfTheChatSubscriptionCatchesEveryMailboxUp() {
        SharedSimulator.control().addFault(Fault.dropNotifications(1));
        String missed = postClean(1).getFirst();

        SharedSimulator.control()
                .lifecycleEvent(tenant.sim().tenantId(), chatSubscriptionId, "reauthorizationRequired");

        awaitScannedOnce(missed);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ? AND idempotency_key LIKE ?",
                        Integer.class,
                        tenant.tenant().getId(),
                        ChatCatchUpRequests.KIND,
                        "chatcatchup:%:lifecycle:%"))
                .as("one round per watched mailbox")
                .isEqualTo(mailboxes
                        .findByTenantIdAndStatusOrderByAddress(
                                tenant.tenant().getId(), io.palisade.core.mailbox.MailboxStatus.ACTIVE)
                        .size());
    }

    @Test
    void theSweepAsksForOneRoundPerWatchedMailboxOfATenantWhoseChatsAreWatched() {
        requests.requestAll("sweep");
        requests.requestAll("sweep");

        assertThat(jdbc.queryForList(
                        "SELECT idempotency_key FROM work_items WHERE tenant_id = ? AND kind = ?"
                                + " AND idempotency_key LIKE 'chatcatchup:%:sweep:%'",
                        String.class, tenant.tenant().getId(), ChatCatchUpRequests.KIND))
                .filteredOn(key -> key.startsWith("chatcatchup:" + alice.getId() + ":"))
                .as("two sweeps in one period make one round")
                .hasSizeBetween(1, 2);
    }

    private Mailbox mailbox(SimMailbox user) {
        return mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.tenant().getId(), Provider.M365, user.id())
                .orElseThrow();
    }

    private List<String> postClean(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] note = ("Pallets for dock " + i + " arrive on Monday.\n").getBytes(StandardCharsets.UTF_8);
            ids.add(TeamsChatLifecycleTest.post(tenant, chatId, "dock-" + i + ".txt", "text/plain", note));
        }
        return ids;
    }

    private void awaitScannedOnce(String messageId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> verdicts(messageId) >= 1);
        assertScannedOnce(messageId);
    }

    private void assertScannedOnce(String messageId) {
        assertThat(count("SELECT count(*) FROM chat_file_scans WHERE tenant_id = ? AND message_id = ?", messageId))
                .as("file scans of " + messageId)
                .isEqualTo(1);
        assertThat(verdicts(messageId)).as("verdict versions of " + messageId).isEqualTo(1);
    }

    private int verdicts(String messageId) {
        return count(
                "SELECT count(*) FROM verdicts v JOIN chat_items c"
                        + " ON c.tenant_id = v.tenant_id AND c.id = v.chat_item_id"
                        + " WHERE c.tenant_id = ? AND c.message_id = ?",
                messageId);
    }

    private int count(String sql, String messageId) {
        return jdbc.queryForObject(sql, Integer.class, tenant.tenant().getId(), messageId);
    }

    private boolean chatWorkFinished() {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind IN (?, ?)"
                                + " AND state NOT IN ('DONE', 'DEAD')",
                        Integer.class,
                        tenant.tenant().getId(),
                        ChatWork.KIND,
                        "core.chat-action")
                == 0;
    }

    private boolean hidden(String messageId) {
        return SharedSimulator.control()
                .chatMessage(tenant.sim().tenantId(), chatId, messageId)
                .path("policyViolation")
                .path("dlpAction")
                .asString("")
                .equals("blockAccess");
    }
}
