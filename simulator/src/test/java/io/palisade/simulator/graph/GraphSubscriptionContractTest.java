package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.WebhookReceiver;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Subscriptions and change notifications through the real Graph SDK and a real webhook endpoint. */
class GraphSubscriptionContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static WebhookReceiver webhook;
    static SimTenant tenant;
    static GraphServiceClient graph;

    @BeforeAll
    static void tenantAndEndpoint() throws Exception {
        webhook = new WebhookReceiver();
        tenant = sim.control().createTenant("fabrikam.onmicrosoft.com");
        graph = sim.graphClient(tenant);
    }

    @AfterAll
    static void closeEndpoint() {
        webhook.close();
    }

    @Test
    void createValidatesTheEndpointWithTheDecodedToken() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "val", "Val Idate");
        int before = webhook.validationTokens().size();

        Subscription created = graph.subscriptions().post(subscription("users/" + mailbox.id() + "/messages", 120));

        assertThat(created.getId()).isNotBlank();
        assertThat(created.getClientState()).isEqualTo("secret-state");
        assertThat(created.getApplicationId()).isEqualTo(tenant.clientId());
        assertThat(webhook.validationTokens()).hasSize(before + 1);
        assertThat(webhook.validationTokens().get(before)).startsWith("Validation: Testing client application");
    }

    @Test
    void deliveredMessageRaisesACreatedNotificationWithTheDocumentedShape() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "nora", "Nora North");
        Subscription created = graph.subscriptions().post(subscription("users/" + mailbox.id() + "/messages", 120));

        DeliveredMessage delivered =
                sim.control().deliver(tenant.tenantId(), mailbox.id(), Fixtures.message("<notify-1@x>", "Notify me"));

        JsonNode n = webhook.await(
                        item -> created.getId()
                                .equals(item.get("subscriptionId").asString()),
                        1,
                        Duration.ofSeconds(10))
                .get(0);
        assertThat(n.get("changeType").asString()).isEqualTo("created");
        assertThat(n.get("clientState").asString()).isEqualTo("secret-state");
        assertThat(n.get("tenantId").asString()).isEqualTo(tenant.tenantId());
        assertThat(n.get("resource").asString()).isEqualTo("Users/" + mailbox.id() + "/Messages/" + delivered.id());
        assertThat(n.get("resourceData").get("id").asString()).isEqualTo(delivered.id());
        assertThat(n.get("resourceData").get("@odata.type").asString()).isEqualTo("#Microsoft.Graph.Message");
        assertThat(n.get("subscriptionExpirationDateTime").asString()).isNotBlank();
    }

    @Test
    void folderSubscriptionIgnoresMailInOtherFolders() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "fiona", "Fiona Fox");
        Subscription inbox = graph.subscriptions()
                .post(subscription("users/" + mailbox.id() + "/mailFolders('inbox')/messages", 120));

        sim.control().deliver(tenant.tenantId(), mailbox.id(), "junkemail", Fixtures.message("<junk@x>", "Junk"));
        DeliveredMessage wanted =
                sim.control().deliver(tenant.tenantId(), mailbox.id(), Fixtures.message("<inbox@x>", "Inbox"));

        List<JsonNode> hits = webhook.await(
                item -> inbox.getId().equals(item.get("subscriptionId").asString()), 1, Duration.ofSeconds(10));
        assertThat(hits)
                .extracting(h -> h.get("resourceData").get("id").asString())
                .containsExactly(wanted.id());
    }

    @Test
    void refusesAnEndpointThatDoesNotEchoTheToken() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "echo", "Echo Less");
        Subscription bad = subscription("users/" + mailbox.id() + "/messages", 120);
        bad.setNotificationUrl("http://localhost:" + sim.simulator().httpPort() + "/_sim/health");

        assertThatThrownBy(() -> graph.subscriptions().post(bad)).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(400);
            assertThat(e.getError().getCode()).isEqualTo("ValidationError");
        });
    }

    @Test
    void refusesALifetimeBeyondTheOutlookMaximum() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "long", "Long Life");

        assertThatThrownBy(() ->
                        graph.subscriptions().post(subscription("users/" + mailbox.id() + "/messages", 10_081 + 5)))
                .isInstanceOfSatisfying(
                        ODataError.class, e -> assertThat(e.getMessage()).contains("10080 minutes"));
    }

    @Test
    void raisesAShortLifetimeToFortyFiveMinutes() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "short", "Short Life");

        Subscription created = graph.subscriptions().post(subscription("users/" + mailbox.id() + "/messages", 5));

        assertThat(created.getExpirationDateTime())
                .isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(44));
    }

    @Test
    void renewsListsAndDeletesItsSubscriptions() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "renew", "Re New");
        Subscription created = graph.subscriptions().post(subscription("users/" + mailbox.id() + "/messages", 120));

        Subscription renewal = new Subscription();
        renewal.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusDays(6));
        Subscription renewed =
                graph.subscriptions().bySubscriptionId(created.getId()).patch(renewal);
        List<Subscription> listed = graph.subscriptions().get().getValue();
        graph.subscriptions().bySubscriptionId(created.getId()).delete();

        assertThat(renewed.getExpirationDateTime())
                .isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusDays(5));
        assertThat(listed).extracting(Subscription::getId).contains(created.getId());
        assertThat(graph.subscriptions().get().getValue())
                .extracting(Subscription::getId)
                .doesNotContain(created.getId());
    }

    @Test
    void reauthorizationRequiredPausesNotificationsUntilTheAppReauthorizes() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "rene", "Rene Auth");
        Subscription request = subscription("users/" + mailbox.id() + "/messages", 120);
        request.setLifecycleNotificationUrl(webhook.url());
        Subscription created = graph.subscriptions().post(request);

        sim.control().lifecycleEvent(tenant.tenantId(), created.getId(), "reauthorizationRequired");
        JsonNode event = webhook.await(
                        n -> created.getId().equals(n.get("subscriptionId").asString()) && n.has("lifecycleEvent"),
                        1,
                        Duration.ofSeconds(10))
                .getFirst();
        DeliveredMessage paused =
                sim.control().deliver(tenant.tenantId(), mailbox.id(), Fixtures.message("<paused@x>", "Paused"));
        graph.subscriptions().bySubscriptionId(created.getId()).reauthorize().post();
        DeliveredMessage resumed =
                sim.control().deliver(tenant.tenantId(), mailbox.id(), Fixtures.message("<resumed@x>", "Resumed"));

        List<JsonNode> changes = webhook.await(
                n -> created.getId().equals(n.get("subscriptionId").asString()) && n.has("resourceData"),
                1,
                Duration.ofSeconds(10));
        assertThat(event.get("lifecycleEvent").asString()).isEqualTo("reauthorizationRequired");
        assertThat(event.get("clientState").asString()).isEqualTo("secret-state");
        assertThat(event.has("resourceData")).isFalse();
        assertThat(changes)
                .extracting(n -> n.at("/resourceData/id").asString())
                .containsExactly(resumed.id())
                .doesNotContain(paused.id());
    }

    @Test
    void subscriptionRemovedEndsTheSubscription() {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "remy", "Remy Moved");
        Subscription request = subscription("users/" + mailbox.id() + "/messages", 120);
        request.setLifecycleNotificationUrl(webhook.url());
        Subscription created = graph.subscriptions().post(request);

        sim.control().lifecycleEvent(tenant.tenantId(), created.getId(), "subscriptionRemoved");

        JsonNode event = webhook.await(
                        n -> created.getId().equals(n.get("subscriptionId").asString()) && n.has("lifecycleEvent"),
                        1,
                        Duration.ofSeconds(10))
                .getFirst();
        assertThat(event.get("lifecycleEvent").asString()).isEqualTo("subscriptionRemoved");
        assertThat(graph.subscriptions().get().getValue())
                .extracting(Subscription::getId)
                .doesNotContain(created.getId());
    }

    private static Subscription subscription(String resource, int minutes) {
        Subscription s = new Subscription();
        s.setChangeType("created,updated,deleted");
        s.setNotificationUrl(webhook.url());
        s.setResource(resource);
        s.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(minutes));
        s.setClientState("secret-state");
        return s;
    }
}
