package io.palisade.m365.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.control.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Subscriptions are created with what Graph needs, renewed well before expiry, and repaired on lifecycle events. */
class SubscriptionLifecycleTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore store;

    @Autowired
    SubscriptionManager manager;

    @Autowired
    SubscriptionRenewal renewal;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MailItemRepository mailItems;

    static OnboardedTenant tenant;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (SubscriptionLifecycleTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("lifecycle.example", null, onboarding, mailboxes);
            }
        }
    }

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().clearFaults();
    }

    @Test
    void everyMailboxHasASubscriptionWithALifecycleUrlAndAHashedClientState() {
        List<JsonNode> inGraph =
                SharedSimulator.control().subscriptions(tenant.sim().tenantId());

        assertThat(inGraph).hasSizeGreaterThanOrEqualTo(3);
        assertThat(inGraph).allSatisfy(s -> {
            assertThat(s.path("lifecycleNotificationUrl").asString()).endsWith("/webhooks/m365/lifecycle");
            assertThat(s.path("changeType").asString()).isEqualTo("created");
        });
        List<SubscriptionRecord> stored = store.findByTenant(tenant.tenant().getId());
        assertThat(stored).allSatisfy(r -> assertThat(r.clientStateHash()).hasSize(64));
        assertThat(stored)
                .extracting(SubscriptionRecord::resource)
                .contains("/users/" + tenant.alice().id() + "/messages");
        inGraph.stream()
                .map(s -> s.path("clientState").asString(""))
                .filter(state -> !state.isEmpty())
                .forEach(state ->
                        assertThat(stored).noneMatch(r -> r.clientStateHash().equals(state)));
    }

    @Test
    void aSubscriptionCloseToExpiryIsRenewed() {
        SubscriptionRecord alice = aliceSubscription();
        Instant soon = Instant.now().plus(2, ChronoUnit.HOURS);
        store.update(alice.tenantId(), alice.subscriptionId(), SubscriptionRecord.Status.ACTIVE, soon, null);

        renewal.renewDue();

        SubscriptionRecord renewed = byId(alice.subscriptionId()).orElseThrow();
        assertThat(renewed.expiresAt()).isAfter(Instant.now().plus(2, ChronoUnit.DAYS));
        assertThat(renewed.status()).isEqualTo(SubscriptionRecord.Status.ACTIVE);
    }

    @Test
    void aFailedRenewalIsVisibleAndRetriedOnTheNextRun() {
        SubscriptionRecord alice = aliceSubscription();
        store.update(
                alice.tenantId(),
                alice.subscriptionId(),
                SubscriptionRecord.Status.ACTIVE,
                Instant.now().plus(1, ChronoUnit.HOURS),
                null);
        SharedSimulator.control().addFault(Fault.serverError(20, 503).onPathsContaining("/subscriptions/"));

        assertThat(renewal.renewDue()).isGreaterThanOrEqualTo(1);
        assertThat(byId(alice.subscriptionId()).orElseThrow().status()).isEqualTo(SubscriptionRecord.Status.FAILED);
        assertThat(store.countByStatus()).containsKey("FAILED");
        assertThat(jdbc.queryForObject(
                        "SELECT last_error FROM m365_subscriptions WHERE subscription_id = ?",
                        String.class,
                        alice.subscriptionId()))
                .contains("503");

        SharedSimulator.control().clearFaults();
        renewal.renewDue();
        assertThat(byId(alice.subscriptionId()).orElseThrow().status()).isEqualTo(SubscriptionRecord.Status.ACTIVE);
    }

    @Test
    void aRemovedSubscriptionIsRecreatedThenMailDeliveredWhileItWasGoneIsScannedOnce() {
        SubscriptionRecord bob = subscriptionOf(tenant.bob().id());
        // Our endpoint is unreachable at first, so Graph holds the subscriptionRemoved notification in its retries and
        // mail arrives while the mailbox has no subscription at all: no notification will ever tell of it.
        SharedSimulator.control().addFault(Fault.unreachableEndpoint(true));
        SharedSimulator.control().lifecycleEvent(tenant.sim().tenantId(), bob.subscriptionId(), "subscriptionRemoved");
        String messageId = deliverTo(tenant.bob().id());
        assertThat(SharedSimulator.control().subscriptions(tenant.sim().tenantId()))
                .as("no subscription watches bob's mailbox while the mail arrives")
                .noneMatch(
                        s -> s.path("resource").asString().contains(tenant.bob().id()));
        assertThat(scanned(messageId)).isZero();

        SharedSimulator.control().addFault(Fault.unreachableEndpoint(false));
        SharedSimulator.control().retryNotificationsNow();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> byId(bob.subscriptionId())
                                .map(SubscriptionRecord::status)
                                .orElse(null)
                        == SubscriptionRecord.Status.REMOVED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> activeFor(tenant.bob().id()).isPresent());
        String replacement = activeFor(tenant.bob().id()).orElseThrow().subscriptionId();
        assertThat(replacement).isNotEqualTo(bob.subscriptionId());
        assertThat(SharedSimulator.control().subscriptions(tenant.sim().tenantId()))
                .extracting(s -> s.path("id").asString())
                .contains(replacement)
                .doesNotContain(bob.subscriptionId());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lifecycleCatchUpsDone(tenant.bob().id()) >= 1 && scanned(messageId) >= 1);
        assertThat(scanned(messageId))
                .as("the catch-up after the recreation scans the missed mail once")
                .isEqualTo(1);
    }

    @Test
    void reauthorizationRequiredIsAnsweredSoDeliveryGoesOn() {
        SubscriptionRecord alice = aliceSubscription();
        int before = catchUpRounds();

        SharedSimulator.control()
                .lifecycleEvent(tenant.sim().tenantId(), alice.subscriptionId(), "reauthorizationRequired");

        assertThat(simulated(alice.subscriptionId()).reauthorizationRequired()).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> catchUpRounds() > before);
        assertThat(simulated(alice.subscriptionId()).reauthorizationRequired()).isFalse();
    }

    @Test
    void aMissedEventStartsACatchUp() {
        SubscriptionRecord alice = aliceSubscription();
        int before = catchUpRounds();

        SharedSimulator.control().lifecycleEvent(tenant.sim().tenantId(), alice.subscriptionId(), "missed");

        await().atMost(Duration.ofSeconds(30)).until(() -> catchUpRounds() > before);
    }

    @Test
    void theTenantsChatsHaveOneSubscription() throws Exception {
        SubscriptionRecord chats = manager.subscribeTenantChats(tenant.tenant().getId());

        assertThat(chats.mailboxId()).isNull();
        assertThat(SharedSimulator.control().subscriptions(tenant.sim().tenantId()))
                .filteredOn(s -> s.path("resource").asString().equals("/chats/getAllMessages"))
                .singleElement()
                .satisfies(s -> assertThat(s.path("lifecycleNotificationUrl").asString())
                        .isNotBlank());
    }

    /** The lifecycle catch-up rounds of the user's mailbox that have finished. */
    private int lifecycleCatchUpsDone(String userId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = 'm365.catchup' AND state = 'DONE'"
                        + " AND idempotency_key LIKE ?",
                Integer.class,
                tenant.tenant().getId(),
                "catchup:" + mailboxOf(userId).getId() + ":lifecycle:%");
    }

    private int scanned(String messageId) {
        return mailItems
                .findByTenantIdAndInternetMessageId(tenant.tenant().getId(), messageId)
                .size();
    }

    /** Delivers an ordinary message to the user's inbox; returns its Message-ID. */
    private String deliverTo(String userId) {
        String messageId = "<" + UUID.randomUUID() + "@fabrikam.example>";
        String mime = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: bob@lifecycle.example
                Subject: Stock count on Friday
                Message-ID: %s
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                Hello Bob, the stock count starts at eight on Friday.
                """.formatted(messageId).replace("\n", "\r\n");
        SharedSimulator.control().deliver(tenant.sim().tenantId(), userId, mime.getBytes(StandardCharsets.UTF_8));
        return messageId;
    }

    private int catchUpRounds() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = 'm365.catchup'",
                Integer.class,
                tenant.tenant().getId());
    }

    private SubscriptionRecord aliceSubscription() {
        return activeFor(tenant.alice().id()).orElseThrow();
    }

    private SubscriptionRecord subscriptionOf(String userId) {
        return activeFor(userId).orElseThrow();
    }

    private Mailbox mailboxOf(String userId) {
        return mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.tenant().getId(), Provider.M365, userId)
                .orElseThrow();
    }

    private Optional<SubscriptionRecord> activeFor(String userId) {
        Mailbox mailbox = mailboxOf(userId);
        return store.findByTenant(tenant.tenant().getId()).stream()
                .filter(r -> mailbox.getId().equals(r.mailboxId()))
                .filter(r -> r.status() == SubscriptionRecord.Status.ACTIVE)
                .findFirst();
    }

    private Optional<SubscriptionRecord> byId(String id) {
        return Optional.ofNullable(store.findByIds(List.of(id)).get(id));
    }

    private static io.palisade.simulator.state.Subscription simulated(String id) {
        return SharedSimulator.get()
                .state()
                .tenant(tenant.sim().tenantId())
                .orElseThrow()
                .subscriptions()
                .get(id);
    }
}
