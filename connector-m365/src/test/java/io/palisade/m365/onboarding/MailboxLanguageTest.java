package io.palisade.m365.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.SharedSimulator;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Each watched user's preferred language, read with the users in discovery, is published for the banners. */
@RecordApplicationEvents
class MailboxLanguageTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    ApplicationEvents events;

    @Test
    void publishesEachWatchedUsersPreferredLanguageOnOnboardingAndOnRefresh() throws Exception {
        SimTenant sim = SharedSimulator.consentedTenant(
                "languages-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
        SimMailbox amelie = SharedSimulator.control().createMailbox(sim.tenantId(), "amelie", "Amelie Roux");
        SimMailbox noLanguage = SharedSimulator.control().createMailbox(sim.tenantId(), "nolang", "No Lang");
        SharedSimulator.control().setPreferredLanguage(sim.tenantId(), amelie.id(), "fr-FR");
        SharedSimulator.control().setPreferredLanguage(sim.tenantId(), noLanguage.id(), null);

        Tenant tenant = onboarding.onboard(sim.tenantId(), sim.domain());
        UUID amelieMailbox = mailboxId(tenant, amelie);

        assertThat(events.stream(MailboxLanguageRead.class)
                        .filter(e -> e.tenantId().equals(tenant.getId())))
                .containsExactly(
                        new MailboxLanguageRead(tenant.getId(), amelieMailbox, Locale.forLanguageTag("fr-FR")));

        SharedSimulator.control().setPreferredLanguage(sim.tenantId(), amelie.id(), "de-DE");
        onboarding.refresh(tenant);

        assertThat(events.stream(MailboxLanguageRead.class)
                        .filter(e -> e.tenantId().equals(tenant.getId())))
                .last()
                .isEqualTo(new MailboxLanguageRead(tenant.getId(), amelieMailbox, Locale.forLanguageTag("de-DE")));
    }

    @Test
    void aLanguageThatIsNotATagIsIgnored() {
        assertThat(MailboxDiscovery.language("fr-FR")).contains(Locale.FRANCE);
        assertThat(MailboxDiscovery.language("not a language!")).isEmpty();
        assertThat(MailboxDiscovery.language("")).isEmpty();
        assertThat(MailboxDiscovery.language(null)).isEmpty();
    }

    private UUID mailboxId(Tenant tenant, SimMailbox user) {
        return mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.getId(), Provider.M365, user.id())
                .orElseThrow()
                .getId();
    }
}
