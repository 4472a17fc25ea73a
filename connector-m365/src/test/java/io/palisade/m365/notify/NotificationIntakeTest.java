package io.palisade.m365.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.m365.CapturedLog;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.chat.ChatWork;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The intake checks each notification against its subscription and stores it once, within its tenant. */
class NotificationIntakeTest extends M365IntegrationTest {

    @Autowired
    NotificationIntake intake;

    @Autowired
    SubscriptionStore subscriptions;

    @Autowired
    TenantService tenants;

    @Autowired
    JdbcTemplate jdbc;

    Tenant tenant;
    String subscriptionId;
    String clientState;

    @BeforeEach
    void aSubscriptionWithAKnownClientState() {
        tenant = tenants.create("Intake " + UUID.randomUUID());
        subscriptionId = UUID.randomUUID().toString();
        clientState = ClientStates.generate();
        subscriptions.save(new SubscriptionRecord(
                subscriptionId,
                tenant.getId(),
                null,
                "/chats/getAllMessages",
                ClientStates.hash(clientState),
                Instant.now().plus(1, ChronoUnit.DAYS),
                SubscriptionRecord.Status.ACTIVE));
    }

    @Test
    void storesANotificationOnceWhenGraphDeliversItTwice() {
        String body = lifecycle(subscriptionId, clientState, "missed");

        IntakeResult first = intake.acceptLifecycle(body);
        IntakeResult second = intake.acceptLifecycle(body);

        assertThat(first.stored()).isEqualTo(1);
        assertThat(second.stored()).isZero();
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(workItems("m365.lifecycle")).isEqualTo(1);
    }

    @Test
    void ignoresANotificationForAnUnknownSubscription() {
        IntakeResult result = intake.acceptLifecycle(lifecycle(UUID.randomUUID().toString(), clientState, "missed"));

        assertThat(result.ignored()).isEqualTo(1);
        assertThat(result.stored()).isZero();
    }

    @Test
    void anUnknownSubscriptionIsIgnoredWithOneLogLineHoweverManyOfItsNotificationsCome() {
        String removed = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        String body = "{\"value\":[" + item(removed, clientState, "missed") + ","
                + item(removed, clientState, "reauthorizationRequired") + ","
                + item(foreign, clientState, "missed") + "]}";

        List<String> lines;
        IntakeResult result;
        try (CapturedLog log = CapturedLog.start()) {
            result = intake.acceptLifecycle(body);
            lines = log.linesOfThisThread();
        }

        assertThat(result.ignored()).isEqualTo(3);
        assertThat(lines)
                .as("one event line per unknown subscription, no batch summary")
                .hasSize(2)
                .allSatisfy(line ->
                        assertThat(line).contains("event=m365_notification_ignored reason=unknown_subscription"));
        assertThat(lines.get(0)).contains("subscription=" + removed, "notifications=2");
        assertThat(lines.get(1)).contains("subscription=" + foreign, "notifications=1");
    }

    @Test
    void anUnknownSubscriptionIdThatIsNotAnIdIsNotWrittenToTheLog() {
        String forged = "x\\nevent=forged_line secret=1";

        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            intake.acceptLifecycle(lifecycle(forged, clientState, "missed"));
            lines = log.linesOfThisThread();
        }

        assertThat(lines)
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("subscription=not_a_subscription_id")
                        .doesNotContain("forged_line")
                        .doesNotContain("\n"));
    }

    @Test
    void rejectsANotificationWhoseClientStateDoesNotMatch() {
        IntakeResult result = intake.acceptLifecycle(lifecycle(subscriptionId, clientState + "x", "missed"));

        assertThat(result.rejected()).isEqualTo(1);
        assertThat(workItems("m365.lifecycle")).isZero();
    }

    @Test
    void rejectsANotificationWithoutAClientState() {
        String body = "{\"value\":[{\"subscriptionId\":\"" + subscriptionId + "\",\"lifecycleEvent\":\"missed\"}]}";

        assertThat(intake.acceptLifecycle(body).rejected()).isEqualTo(1);
    }

    @Test
    void keepsTheGenuineNotificationsOfABatchThatAlsoCarriesAForgedOne() {
        String body = "{\"value\":[" + item(subscriptionId, "forged", "missed") + ","
                + item(subscriptionId, clientState, "reauthorizationRequired") + "]}";

        IntakeResult result = intake.acceptLifecycle(body);

        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(1);
    }

    @Test
    void refusesABodyThatIsNotANotificationCollection() {
        assertThatThrownBy(() -> intake.acceptChanges("{\"hello\":1}"))
                .isInstanceOf(MalformedNotificationException.class);
        assertThatThrownBy(() -> intake.acceptChanges("not json")).isInstanceOf(MalformedNotificationException.class);
    }

    @Test
    void storesAChatNotificationOnceAsChatWorkAndIgnoresDeletions() {
        String created = chat("created");

        IntakeResult first = intake.acceptChanges(created);
        IntakeResult repeat = intake.acceptChanges(created);
        IntakeResult deleted = intake.acceptChanges(chat("deleted"));

        assertThat(first.stored()).isEqualTo(1);
        assertThat(repeat.duplicates()).isEqualTo(1);
        assertThat(deleted.ignored()).isEqualTo(1);
        assertThat(workItems(ChatWork.KIND)).isEqualTo(1);
        assertThat(workItems("m365.notification")).isZero();
    }

    private String chat(String changeType) {
        return "{\"value\":[{\"subscriptionId\":\"" + subscriptionId + "\",\"clientState\":\"" + clientState
                + "\",\"changeType\":\"" + changeType + "\",\"resource\":\"chats('19:x')/messages('1')\","
                + "\"resourceData\":{\"id\":\"1\"}}]}";
    }

    @Test
    void clientStatesAreRandomStoredHashedAndFitGraphsLimit() {
        String a = ClientStates.generate();
        String b = ClientStates.generate();

        assertThat(a).isNotEqualTo(b).hasSizeLessThanOrEqualTo(128);
        assertThat(ClientStates.hash(a)).hasSize(64).doesNotContain(a);
        assertThat(ClientStates.matches(a, ClientStates.hash(a))).isTrue();
        assertThat(ClientStates.matches(b, ClientStates.hash(a))).isFalse();
        assertThat(ClientStates.matches(a, "not-hex")).isFalse();
    }

    private int workItems(String kind) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ?",
                Integer.class,
                tenant.getId(),
                kind);
    }

    private static String lifecycle(String subscriptionId, String clientState, String event) {
        return "{\"value\":[" + item(subscriptionId, clientState, event) + "]}";
    }

    private static String item(String subscriptionId, String clientState, String event) {
        return "{\"subscriptionId\":\"" + subscriptionId + "\",\"clientState\":\"" + clientState
                + "\",\"lifecycleEvent\":\"" + event
                + "\",\"subscriptionExpirationDateTime\":\"2026-12-06T00:00:00Z\",\"tenantId\":\"t\"}";
    }
}
