package io.palisade.m365.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.onboarding.MailboxUnsubscriber;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Only subscriptions that should deliver and do not are problems; ended ones are history. */
class SubscriptionProblemsTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore store;

    @Autowired
    SubscriptionManager manager;

    @Autowired
    MailboxUnsubscriber unsubscriber;

    @Test
    void replacedAndUnwatchedSubscriptionsAreNoProblemButAFailedOneIs() throws Exception {
        OnboardedTenant tenant = OnboardedTenant.create("problems.example", null, onboarding, mailboxes);
        UUID tenantId = tenant.tenant().getId();
        manager.recreate(activeOf(tenant, tenant.bob().id()));
        unsubscriber.unsubscribe(mailbox(tenant, tenant.carol().id()), store.findByTenant(tenantId));

        assertThat(store.countByStatus(tenantId)).containsEntry("REMOVED", 2);
        assertThat(store.problems(tenantId)).isEmpty();

        SubscriptionRecord alice = activeOf(tenant, tenant.alice().id());
        store.update(tenantId, alice.subscriptionId(), SubscriptionRecord.Status.FAILED, alice.expiresAt(), "503");

        assertThat(store.problems(tenantId)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("FAILED");
            assertThat(p.resource()).isEqualTo(alice.resource());
            assertThat(p.error()).isEqualTo("503");
        });
    }

    private SubscriptionRecord activeOf(OnboardedTenant tenant, String userId) {
        UUID mailboxId = mailbox(tenant, userId).getId();
        return store.findByTenant(tenant.tenant().getId()).stream()
                .filter(r -> mailboxId.equals(r.mailboxId()) && r.status() == SubscriptionRecord.Status.ACTIVE)
                .findFirst()
                .orElseThrow();
    }

    private Mailbox mailbox(OnboardedTenant tenant, String userId) {
        return mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.tenant().getId(), Provider.M365, userId)
                .orElseThrow();
    }
}
