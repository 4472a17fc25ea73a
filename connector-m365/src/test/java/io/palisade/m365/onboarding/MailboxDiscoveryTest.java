package io.palisade.m365.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import io.palisade.simulator.control.SimMailbox;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Watched mailboxes follow the tenant's users and the address selection. */
class MailboxDiscoveryTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore subscriptions;

    @Test
    void theRefreshWatchesAndSubscribesANewUserAndWatchesAReturningOneAgain() throws Exception {
        OnboardedTenant tenant = OnboardedTenant.create("discovery.example", null, onboarding, mailboxes);
        SimMailbox erin = SharedSimulator.control().createMailbox(tenant.sim().tenantId(), "erin", "Erin Park");

        MailboxDiscovery.Changes changes = onboarding.refresh(tenant.tenant());

        assertThat(changes.added()).isEqualTo(1);
        assertThat(changes.reactivated())
                .as("carol, excluded by hand, is a user again")
                .isEqualTo(1);
        Mailbox watched = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.tenant().getId(), Provider.M365, erin.id())
                .orElseThrow();
        assertThat(watched.getStatus()).isEqualTo(MailboxStatus.ACTIVE);
        assertThat(subscriptions.findByTenant(tenant.tenant().getId()))
                .extracting(SubscriptionRecord::mailboxId)
                .contains(watched.getId());
        assertThat(onboarding.refresh(tenant.tenant()))
                .as("a second refresh changes nothing")
                .isEqualTo(new MailboxDiscovery.Changes(0, 0, 0));
    }

    @Test
    void addressPatternsIncludeAndExclude() {
        MailboxSelection everyone = new MailboxSelection(List.of(), List.of());
        MailboxSelection contosoButShared =
                new MailboxSelection(List.of("*@contoso.com"), List.of("shared-*", "ceo@contoso.com"));

        assertThat(everyone.watches("anyone@example.org")).isTrue();
        assertThat(contosoButShared.watches("Alice@Contoso.com")).isTrue();
        assertThat(contosoButShared.watches("shared-finance@contoso.com")).isFalse();
        assertThat(contosoButShared.watches("ceo@contoso.com")).isFalse();
        assertThat(contosoButShared.watches("alice@fabrikam.com")).isFalse();
        assertThat(contosoButShared.watches("alice@contoso.com.evil.example")).isFalse();
    }
}
