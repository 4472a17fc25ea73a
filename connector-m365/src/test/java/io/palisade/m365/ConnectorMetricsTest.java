package io.palisade.m365;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.queue.WorkState;
import io.palisade.m365.catchup.DeltaCatchUp;
import io.palisade.m365.mail.M365MailboxConnector;
import io.palisade.m365.notify.NotificationIntake;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.SimMailbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The connector's meters, read from the registry after driving Graph calls, notifications and catch-up through the
 * simulator: each count lands on its own tenant's series, and a quiet tenant's series do not move.
 */
class ConnectorMetricsTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    M365MailboxConnector connector;

    @Autowired
    NotificationIntake intake;

    @Autowired
    SubscriptionStore subscriptions;

    @Autowired
    DeltaCatchUp catchUp;

    @Autowired
    WorkQueue queue;

    @Autowired
    MeterRegistry registry;

    static OnboardedTenant metered;
    static OnboardedTenant quiet;
    static OnboardedTenant tripped;
    // Mailboxes created after onboarding: Palisade has no subscription for them, so only the test reads their mail.
    static SimMailbox meteredUnknown;
    static SimMailbox trippedUnknown;

    Map<String, Double> quietBefore;

    @BeforeEach
    void onboardOnceAndNoteTheQuietTenant() throws Exception {
        synchronized (ConnectorMetricsTest.class) {
            if (metered == null) {
                metered = OnboardedTenant.create("metered.example", null, onboarding, mailboxes);
                quiet = OnboardedTenant.create("quiet.example", null, onboarding, mailboxes);
                tripped = OnboardedTenant.create("tripped.example", null, onboarding, mailboxes);
                meteredUnknown =
                        SharedSimulator.control().createMailbox(metered.sim().tenantId(), "dave", "Dave Park");
                trippedUnknown =
                        SharedSimulator.control().createMailbox(tripped.sim().tenantId(), "dave", "Dave Park");
                awaitNoWork(quiet);
                awaitNoWork(tripped);
            }
        }
        // The previous test's mail may still be worked on, and would add to this test's counts.
        awaitNoWork(metered);
        quietBefore = quietSeries();
    }

    @AfterEach
    void clearFaultsAndCheckTheQuietTenant() {
        SharedSimulator.control().clearFaults();
        assertThat(quietSeries()).as("the quiet tenant's series").isEqualTo(quietBefore);
    }

    @Test
    void countsAThrottledAndAFailedFetchOnTheirTenantWithGraphsRetryAfter() throws Exception {
        MessageRef ref = deliver(metered, meteredUnknown);
        double ok = calls(metered, "mime", "ok");
        double throttled = calls(metered, "mime", "throttled");
        double failed = calls(metered, "mime", "server_error");
        long waits = retryAfter(metered).count();
        double waited = retryAfter(metered).totalTime(TimeUnit.SECONDS);

        SharedSimulator.control().addFault(Fault.throttle(1, 1).onPathsContaining(ref.providerMessageId()));
        connector.fetchMime(ref);
        SharedSimulator.control().addFault(Fault.serverError(1, 503).onPathsContaining(ref.providerMessageId()));
        connector.fetchMime(ref);

        assertThat(calls(metered, "mime", "throttled")).isEqualTo(throttled + 1);
        assertThat(calls(metered, "mime", "server_error")).isEqualTo(failed + 1);
        assertThat(calls(metered, "mime", "ok")).isEqualTo(ok + 2);
        assertThat(retryAfter(metered).count()).isEqualTo(waits + 1);
        assertThat(retryAfter(metered).totalTime(TimeUnit.SECONDS)).isEqualTo(waited + 1);
    }

    @Test
    void anOpenCircuitShowsOnItsTenantAndCountsTheRequestsItRefused() {
        MessageRef ref = deliver(tripped, trippedUnknown);
        double openings = counter(M365Metrics.CIRCUIT_OPENINGS, tripped);
        SharedSimulator.control().addFault(Fault.serverError(-1, 503).onPathsContaining(ref.providerMessageId()));

        for (int i = 0; i < 12 && calls(tripped, "mime", "not_sent") == 0; i++) {
            try {
                connector.fetchMime(ref);
            } catch (ConnectorException e) {
                assertThat(e.isRetryable()).isTrue();
            }
        }

        assertThat(calls(tripped, "mime", "not_sent")).isPositive();
        assertThat(counter(M365Metrics.CIRCUIT_OPENINGS, tripped)).isEqualTo(openings + 1);
        assertThat(circuitOpen(tripped)).isEqualTo(1);
        assertThat(circuitOpen(metered)).isZero();
    }

    @Test
    void countsNotificationsStoredRejectedAndIgnoredOnTheirTenant() {
        double received = notificationsReceived(metered);
        double stored = notifications(metered, "stored");
        double rejected = notifications(metered, "rejected");
        double ignoredUnknown = ignoredForNoTenant();

        deliver(metered, metered.alice());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications(metered, "stored") > stored);
        SubscriptionRecord subscription =
                subscriptions.findByTenant(metered.tenant().getId()).getFirst();
        intake.acceptChanges(notification(subscription.subscriptionId(), "guessed"));
        intake.acceptChanges(notification(UUID.randomUUID().toString(), "whatever"));

        assertThat(notifications(metered, "stored")).isEqualTo(stored + 1);
        assertThat(notifications(metered, "rejected")).isEqualTo(rejected + 1);
        assertThat(notificationsReceived(metered)).isEqualTo(received + 2);
        assertThat(ignoredForNoTenant()).isEqualTo(ignoredUnknown + 1);
    }

    @Test
    void countsTheMessagesACatchUpFoundOnItsTenant() throws Exception {
        Mailbox alice = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(
                        metered.tenant().getId(), Provider.M365, metered.alice().id())
                .orElseThrow();
        double found = counter(M365Metrics.CATCH_UP_FOUND, metered);
        SharedSimulator.control().addFault(Fault.unreachableEndpoint(true));
        deliver(metered, metered.alice());

        int added = catchUp.catchUp(alice);

        assertThat(added).isPositive();
        assertThat(counter(M365Metrics.CATCH_UP_FOUND, metered)).isEqualTo(found + added);
        SharedSimulator.control().addFault(Fault.unreachableEndpoint(false));
        SharedSimulator.control().retryNotificationsNow();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> SharedSimulator.control().notificationStats().pending() == 0);
    }

    @Test
    void showsTheRequestsInFlightForTheWholeInstallation() throws Exception {
        MessageRef ref = deliver(metered, meteredUnknown);
        SharedSimulator.control().addFault(Fault.latency(1, 2_000).onPathsContaining(ref.providerMessageId()));
        Gauge inFlight = registry.get(M365Metrics.IN_FLIGHT).gauge();

        CompletableFuture<byte[]> fetch = CompletableFuture.supplyAsync(() -> {
            try {
                return connector.fetchMime(ref);
            } catch (ConnectorException e) {
                throw new IllegalStateException(e);
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.value() >= 1);
        assertThat(fetch.get()).isNotEmpty();
    }

    /** Every series of the quiet tenant that the tests here could move: the call kinds they drive and faults. */
    private Map<String, Double> quietSeries() {
        String tenant = quiet.tenant().getId().toString();
        Map<String, Double> series = new TreeMap<>();
        registry.getMeters().stream()
                .filter(m -> tenant.equals(m.getId().getTag("tenant")))
                .filter(m -> !isBackgroundCall(
                        m.getId().getTag("operation"), m.getId().getTag("outcome")))
                .forEach(m -> m.measure()
                        .forEach(sample -> series.put(m.getId() + ":" + sample.getStatistic(), sample.getValue())));
        return series;
    }

    /** The periodic sweep and renewal jobs may reach any tenant: their successful calls are not the tests' doing. */
    private static boolean isBackgroundCall(String operation, String outcome) {
        return "ok".equals(outcome)
                && ("delta".equals(operation) || "subscription".equals(operation) || "directory".equals(operation));
    }

    private void awaitNoWork(OnboardedTenant tenant) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<WorkState, Long> counts = queue.countsByState(tenant.tenant().getId());
            return counts.get(WorkState.READY) + counts.get(WorkState.CLAIMED) == 0;
        });
    }

    private double calls(OnboardedTenant tenant, String operation, String outcome) {
        Counter counter = registry.find(M365Metrics.GRAPH_CALLS)
                .tags("tenant", id(tenant), "operation", operation, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double counter(String name, OnboardedTenant tenant) {
        Counter counter = registry.find(name).tag("tenant", id(tenant)).counter();
        return counter == null ? 0 : counter.count();
    }

    private Timer retryAfter(OnboardedTenant tenant) {
        return registry.timer(M365Metrics.GRAPH_RETRY_AFTER, "tenant", id(tenant));
    }

    private double circuitOpen(OnboardedTenant tenant) {
        Gauge gauge = registry.find(M365Metrics.CIRCUIT_OPEN)
                .tag("tenant", id(tenant))
                .gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private double notificationsReceived(OnboardedTenant tenant) {
        Counter counter = registry.find(M365Metrics.NOTIFICATIONS_RECEIVED)
                .tags("tenant", id(tenant), "endpoint", "changes")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double notifications(OnboardedTenant tenant, String outcome) {
        Counter counter = registry.find(M365Metrics.NOTIFICATIONS)
                .tags("tenant", id(tenant), "endpoint", "changes", "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double ignoredForNoTenant() {
        Counter counter = registry.find(M365Metrics.NOTIFICATIONS)
                .tags("tenant", M365Metrics.NO_TENANT, "endpoint", "changes", "outcome", "ignored")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String id(OnboardedTenant tenant) {
        return tenant.tenant().getId().toString();
    }

    private static String notification(String subscriptionId, String clientState) {
        return """
                {"value":[{"subscriptionId":"%s","clientState":"%s","changeType":"created",
                 "resource":"users/x/messages/m","resourceData":{"id":"m-%s"}}]}
                """.formatted(subscriptionId, clientState, UUID.randomUUID());
    }

    private static MessageRef deliver(OnboardedTenant into, SimMailbox mailbox) {
        String mime = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: someone@metered.example
                Subject: Pallet count
                Message-ID: <%s@fabrikam.example>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                The pallet count matches the order.
                """.formatted(UUID.randomUUID()).replace("\n", "\r\n");
        String id = SharedSimulator.control()
                .deliver(into.sim().tenantId(), mailbox.id(), mime.getBytes(StandardCharsets.UTF_8))
                .id();
        return new MessageRef(into.tenant().getId(), mailbox.id(), id);
    }
}
