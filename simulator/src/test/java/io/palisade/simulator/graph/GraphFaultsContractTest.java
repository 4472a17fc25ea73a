package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.WebhookReceiver;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Throttling and injected faults, seen through the real Graph SDK and a real webhook endpoint. */
class GraphFaultsContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimTenant tenant;
    static GraphServiceClient graph;
    static WebhookReceiver webhook;

    @BeforeAll
    static void tenant() throws Exception {
        tenant = sim.control().createTenant("faults.onmicrosoft.com");
        graph = sim.graphClient(tenant);
        webhook = new WebhookReceiver();
    }

    @AfterAll
    static void closeEndpoint() {
        webhook.close();
    }

    @AfterEach
    void clearFaults() {
        sim.control().clearFaults();
    }

    @Test
    void aFifthConcurrentRequestForOneMailboxGets429MailboxConcurrency() throws Exception {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "conc", "Con Current");
        sim.control().addFault(Fault.latency(5, 1500).onApi("graph").onPathsContaining("/conc"));
        String token = sim.simulator()
                .tokens()
                .issueGraphToken(tenant.tenantId(), tenant.clientId(), "faults", tenant.roles(), false);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(sim.httpBaseUrl() + "/v1.0/users/" + mailbox.userPrincipalName() + "/messages"))
                    .header("Authorization", "Bearer " + token)
                    .build();
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }

        List<HttpResponse<String>> answers =
                calls.stream().map(CompletableFuture::join).toList();

        List<HttpResponse<String>> throttled =
                answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(4);
        assertThat(throttled).hasSize(1);
        assertThat(throttled.getFirst().headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.getFirst().body()).contains("ApplicationThrottled").contains("MailboxConcurrency");
    }

    @Test
    void theSdkHonoursRetryAfterThroughAShort429Storm() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "storm", "Storm Trooper");
        sim.control().addFault(Fault.throttle(2, 1).onPathsContaining("/users/" + mailbox.id()));

        var user = graph.users().byUserId(mailbox.id()).get();

        assertThat(user.getId()).isEqualTo(mailbox.id());
    }

    @Test
    void aServerErrorTheSdkDoesNotRetryReachesTheCaller() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "err", "Err Or");
        sim.control().addFault(Fault.serverError(1, 500).onPathsContaining("/users/" + mailbox.id()));

        assertThatThrownBy(() -> graph.users().byUserId(mailbox.id()).get())
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(500));
        assertThat(graph.users().byUserId(mailbox.id()).get().getId()).isEqualTo(mailbox.id());
    }

    @Test
    void aRefusedCallGetsAccessDeniedOnceAndTheNextCallIsServed() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "ref", "Ref Used");
        sim.control().addFault(Fault.refuse(1, 403).onPathsContaining("/users/" + mailbox.id()));

        assertThatThrownBy(() -> graph.users().byUserId(mailbox.id()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(403);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorAccessDenied");
                });
        assertThat(graph.users().byUserId(mailbox.id()).get().getId()).isEqualTo(mailbox.id());
    }

    @Test
    void droppedNotificationsNeverArriveAndTheNextOnesDo() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "drop", "Drop Pe");
        Subscription s = subscribe(mailbox);
        sim.control().addFault(Fault.dropNotifications(1));

        deliver(mailbox, "<drop-1@x>");
        DeliveredMessage kept = deliver(mailbox, "<drop-2@x>");

        List<JsonNode> hits = webhook.await(of(s), 1, Duration.ofSeconds(10));
        assertThat(hits).extracting(n -> n.at("/resourceData/id").asString()).containsExactly(kept.id());
        assertThat(sim.control().notificationStats().dropped()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void duplicatedNotificationsArriveTwice() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "dup", "Dup Li");
        Subscription s = subscribe(mailbox);
        sim.control().addFault(Fault.duplicateNotifications(1));

        DeliveredMessage m = deliver(mailbox, "<dup-1@x>");

        assertThat(webhook.await(of(s), 2, Duration.ofSeconds(10)))
                .extracting(n -> n.at("/resourceData/id").asString())
                .containsExactly(m.id(), m.id());
    }

    @Test
    void reorderedNotificationsArriveAfterTheNextOne() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "reo", "Re Order");
        Subscription s = subscribe(mailbox);
        sim.control().addFault(Fault.reorderNotifications(1));

        DeliveredMessage first = deliver(mailbox, "<reo-1@x>");
        DeliveredMessage second = deliver(mailbox, "<reo-2@x>");

        assertThat(webhook.await(of(s), 2, Duration.ofSeconds(10)))
                .extracting(n -> n.at("/resourceData/id").asString())
                .containsExactly(second.id(), first.id());
    }

    @Test
    void anUnreachableEndpointKeepsNotificationsPendingUntilItIsBack() throws Exception {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "unr", "Un Reachable");
        Subscription s = subscribe(mailbox);
        sim.control().addFault(Fault.unreachableEndpoint(true));

        DeliveredMessage m = deliver(mailbox, "<unr-1@x>");
        long pending = awaitPending(1, Duration.ofSeconds(10));
        boolean arrivedWhileDown = webhook.notifications().stream().anyMatch(of(s));
        sim.control().addFault(Fault.unreachableEndpoint(false));
        sim.control().retryNotificationsNow();

        assertThat(pending).isGreaterThanOrEqualTo(1);
        assertThat(arrivedWhileDown).isFalse();
        assertThat(webhook.await(of(s), 1, Duration.ofSeconds(10)))
                .extracting(n -> n.at("/resourceData/id").asString())
                .containsExactly(m.id());
    }

    @Test
    void anEndpointThatFailsIsRetriedWithBackoffUntilItAnswers() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "retry", "Re Try");
        Subscription s = subscribe(mailbox);
        sim.control().notificationRetryPolicy(Duration.ofMillis(100), Duration.ofMillis(400));
        webhook.failNext(3);

        DeliveredMessage m = deliver(mailbox, "<retry-1@x>");

        assertThat(webhook.await(of(s), 1, Duration.ofSeconds(10)))
                .extracting(n -> n.at("/resourceData/id").asString())
                .containsExactly(m.id());
        sim.control().notificationRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    private static java.util.function.Predicate<JsonNode> of(Subscription s) {
        return n -> s.getId().equals(n.get("subscriptionId").asString());
    }

    /** The simulator's pending notifications once at least {@code count} wait, polled until {@code timeout}. */
    private static long awaitPending(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pending = sim.control().notificationStats().pending();
        while (pending < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            pending = sim.control().notificationStats().pending();
        }
        return pending;
    }

    private static DeliveredMessage deliver(SimMailbox mailbox, String messageId) {
        return sim.control()
                .deliver(tenant.tenantId(), mailbox.id(), Fixtures.message(messageId, "Fault " + messageId));
    }

    private static Subscription subscribe(SimMailbox mailbox) {
        Subscription s = new Subscription();
        s.setChangeType("created");
        s.setNotificationUrl(webhook.url());
        s.setResource("users/" + mailbox.id() + "/messages");
        s.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
        s.setClientState("faults");
        return graph.subscriptions().post(s);
    }
}
