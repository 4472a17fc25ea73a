package io.palisade.m365;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import java.util.List;
import java.util.Set;

/**
 * A simulated tenant with three mailboxes (alice, bob, carol), onboarded through {@link M365Onboarding}; carol is
 * then excluded, so she stands for a mailbox Palisade does not watch.
 */
public record OnboardedTenant(SimTenant sim, Tenant tenant, SimMailbox alice, SimMailbox bob, SimMailbox carol) {

    /** Creates and onboards the tenant; {@code roles} null grants the app every role. */
    public static OnboardedTenant create(
            String domain, Set<String> roles, M365Onboarding onboarding, MailboxRepository mailboxes) throws Exception {
        SimTenant sim = roles == null
                ? SharedSimulator.consentedTenant(domain)
                : SharedSimulator.consentedTenant(domain, roles);
        SimMailbox alice = SharedSimulator.control().createMailbox(sim.tenantId(), "alice", "Alice Morgan");
        SimMailbox bob = SharedSimulator.control().createMailbox(sim.tenantId(), "bob", "Bob Ito");
        SimMailbox carol = SharedSimulator.control().createMailbox(sim.tenantId(), "carol", "Carol Diaz");
        Tenant tenant = onboarding.onboard(sim.tenantId(), domain);
        Mailbox excluded = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.getId(), Provider.M365, carol.id())
                .orElseThrow();
        excluded.setStatus(MailboxStatus.EXCLUDED);
        mailboxes.save(excluded);
        return new OnboardedTenant(sim, tenant, alice, bob, carol);
    }

    public SimulatedM365Platform platform() {
        return new SimulatedM365Platform(sim, tenant.getId(), List.of(alice.id(), bob.id()), carol.id());
    }
}
