package io.palisade.m365.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionRenewal;
import io.palisade.m365.subscription.SubscriptionStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * With rich notifications off (the default), subscriptions ask for no resource data and notifications are worked as
 * plain ones: encrypted content that still arrives is left out, and a rich subscription is replaced at renewal.
 */
class PlainNotificationsTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore store;

    @Autowired
    SubscriptionRenewal renewal;

    @Autowired
    NotificationIntake intake;

    @Autowired
    JdbcTemplate jdbc;

    static OnboardedTenant tenant;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (PlainNotificationsTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("plain.example", null, onboarding, mailboxes);
            }
        }
    }

    @Test
    void subscriptionsAskForNoResourceData() {
        List<JsonNode> inGraph =
                SharedSimulator.control().subscriptions(tenant.sim().tenantId());

        assertThat(inGraph).isNotEmpty().allSatisfy(s -> {
            assertThat(s.path("includeResourceData").asBoolean(false)).isFalse();
            assertThat(s.path("resource").asString()).doesNotContain("$select");
        });
        assertThat(store.findByTenant(tenant.tenant().getId())).noneMatch(SubscriptionRecord::includesResourceData);
    }

    @Test
    void encryptedContentIsLeftOutOfTheWorkAndItsTokensAreNotNeeded() {
        UUID mailbox = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(
                        tenant.tenant().getId(), Provider.M365, tenant.alice().id())
                .orElseThrow()
                .getId();
        String clientState = ClientStates.generate();
        String subscriptionId = UUID.randomUUID().toString();
        store.save(new SubscriptionRecord(
                subscriptionId,
                tenant.tenant().getId(),
                mailbox,
                "/users/" + tenant.alice().id() + "/messages",
                ClientStates.hash(clientState),
                Instant.now().plus(1, ChronoUnit.DAYS),
                SubscriptionRecord.Status.ACTIVE));
        String body = "{\"validationTokens\":[\"not.a.token\"],\"value\":[{\"subscriptionId\":\"" + subscriptionId
                + "\",\"clientState\":\"" + clientState + "\",\"changeType\":\"created\",\"resourceData\":{\"id\":"
                + "\"plain-1\"},\"encryptedContent\":{\"data\":\"AAAA\",\"dataKey\":\"AAAA\"}}]}";

        IntakeResult result = intake.acceptChanges(body);

        assertThat(result.stored()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT payload::text FROM work_items WHERE tenant_id = ?"
                                + " AND payload->>'messageId' = 'plain-1'",
                        String.class,
                        tenant.tenant().getId()))
                .doesNotContain(RichWork.ENCRYPTED_CONTENT);
    }

    @Test
    void aRichSubscriptionIsReplacedByAPlainOneAtRenewal() {
        UUID bob = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(
                        tenant.tenant().getId(), Provider.M365, tenant.bob().id())
                .orElseThrow()
                .getId();
        SubscriptionRecord old = store.findByTenant(tenant.tenant().getId()).stream()
                .filter(r -> bob.equals(r.mailboxId()) && r.status() == SubscriptionRecord.Status.ACTIVE)
                .findFirst()
                .orElseThrow();
        jdbc.update(
                "UPDATE m365_subscriptions SET encryption_certificate_id = 'retired-cert',"
                        + " expires_at = now() + interval '2 hours' WHERE subscription_id = ?",
                old.subscriptionId());

        renewal.renewDue();

        List<SubscriptionRecord> bobs = store.findByTenant(tenant.tenant().getId()).stream()
                .filter(r -> bob.equals(r.mailboxId()))
                .toList();
        assertThat(bobs)
                .filteredOn(r -> r.status() == SubscriptionRecord.Status.ACTIVE)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.subscriptionId()).isNotEqualTo(old.subscriptionId());
                    assertThat(r.includesResourceData()).isFalse();
                });
        assertThat(SharedSimulator.control().subscriptions(tenant.sim().tenantId()))
                .extracting(s -> s.path("id").asString())
                .doesNotContain(old.subscriptionId());
    }
}
