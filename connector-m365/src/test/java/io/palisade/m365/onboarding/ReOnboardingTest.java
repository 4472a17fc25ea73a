package io.palisade.m365.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import io.palisade.simulator.control.SimTenant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Consenting again for a Microsoft tenant that is already connected keeps its one Palisade tenant. */
class ReOnboardingTest extends M365IntegrationTest {

    @Autowired
    ConsentFlow consent;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore subscriptions;

    @Autowired
    ProviderConnectionService connections;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void consentingAgainReusesTheTenantRefreshesItsRolesAndKeepsItsMailboxesAndSubscriptions() throws Exception {
        SimTenant customer = SharedSimulator.consentedTenant(
                "again-" + UUID.randomUUID().toString().substring(0, 6) + ".example",
                Set.of("User.Read.All", "Mail.Read"));
        SharedSimulator.control().createMailbox(customer.tenantId(), "dana", "Dana Lee");
        ConsentFlow.Completed first = consent.complete(customer.tenantId(), "Again Ltd");
        List<Mailbox> before = active(first);
        List<String> subscribedBefore = mailSubscriptionIds(first);

        SharedSimulator.control().createMailbox(customer.tenantId(), "eli", "Eli Ng");
        SharedSimulator.control()
                .consent(
                        customer.tenantId(),
                        SharedSimulator.app().clientId(),
                        SharedSimulator.app().roles());
        ConsentFlow.Completed second = consent.complete(customer.tenantId(), "Again Ltd (renamed)");

        assertThat(first.reconnected()).isFalse();
        assertThat(second.reconnected()).isTrue();
        assertThat(second.tenant().getId()).isEqualTo(first.tenant().getId());
        assertThat(second.tenant().getName()).isEqualTo("Again Ltd");
        assertThat(connections.list(second.tenant().getId()))
                .singleElement()
                .satisfies(c -> assertThat(c.getGrantedRoles()).contains("Mail.ReadWrite", "GroupMember.Read.All"));
        assertThat(active(second))
                .extracting(Mailbox::getId)
                .containsAll(before.stream().map(Mailbox::getId).toList())
                .hasSize(2);
        assertThat(mailSubscriptionIds(second))
                .as("dana keeps her subscription; eli gets one")
                .containsAll(subscribedBefore)
                .hasSize(2);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM provider_connections WHERE external_tenant_id = ?",
                        Integer.class,
                        customer.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void onboardingByTheOperatorTwiceKeepsTheRolesTheConsentRecorded() throws Exception {
        SimTenant customer = SharedSimulator.consentedTenant(
                "operator-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
        ConsentFlow.Completed consented = consent.complete(customer.tenantId(), "Operator Ltd");

        var again = onboarding.onboard(customer.tenantId(), "Operator Ltd");

        assertThat(again.getId()).isEqualTo(consented.tenant().getId());
        assertThat(connections.list(again.getId()))
                .singleElement()
                .satisfies(c -> assertThat(c.getGrantedRoles()).containsAll(consented.grantedRoles()));
    }

    private List<Mailbox> active(ConsentFlow.Completed done) {
        return mailboxes.findByTenantIdAndStatusOrderByAddress(done.tenant().getId(), MailboxStatus.ACTIVE);
    }

    private List<String> mailSubscriptionIds(ConsentFlow.Completed done) {
        return subscriptions.findByTenant(done.tenant().getId()).stream()
                .filter(s -> s.mailboxId() != null && s.status() == SubscriptionRecord.Status.ACTIVE)
                .map(SubscriptionRecord::subscriptionId)
                .toList();
    }
}
