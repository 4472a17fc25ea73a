package io.palisade.m365.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Mailboxes selected by Entra group through the real Graph SDK: included groups (nested ones through
 * transitiveMembers) and excluded groups, exclusion winning, stored per tenant and re-applied by the refresh.
 */
class MailboxSelectionByGroupTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    TenantSelections selections;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore subscriptions;

    @Autowired
    MailItemRepository mailItems;

    @Test
    void watchesMembersOfIncludedGroupsAndTheirNestedGroupsUnlessAnExcludedGroupHoldsThem() throws Exception {
        Directory d = directory("by-group");
        Tenant tenant = onboarding.onboard(d.sim.tenantId(), d.sim.domain());
        String sales = control().createGroup(d.sim.tenantId(), "Sales", List.of(d.ann.id()));
        String emea = control().createGroup(d.sim.tenantId(), "EMEA", List.of(sales, d.ben.id()));
        String contractors = control().createGroup(d.sim.tenantId(), "Contractors", List.of(d.ben.id()));

        selections.save(tenant.getId(), new TenantSelection(List.of(emea), List.of(contractors), List.of(), List.of()));
        MailboxDiscovery.Changes changes = onboarding.refresh(tenant);

        assertThat(changes.excluded()).isEqualTo(2);
        assertThat(status(tenant, d.ann)).as("in Sales, nested in EMEA").isEqualTo(MailboxStatus.ACTIVE);
        assertThat(status(tenant, d.ben)).as("in EMEA and in Contractors").isEqualTo(MailboxStatus.EXCLUDED);
        assertThat(status(tenant, d.cat)).isEqualTo(MailboxStatus.EXCLUDED);
        assertThat(simSubscribedMailboxes(d.sim)).containsExactly(d.ann.id());
    }

    @Test
    void aMailboxThatLeavesItsGroupIsUnsubscribedKeepsItsMailAndReturnsWithTheGroup() throws Exception {
        Directory d = directory("leaves-group");
        String team = control().createGroup(d.sim.tenantId(), "Team", List.of(d.ann.id(), d.ben.id()));
        Tenant tenant = onboarding.onboard(d.sim.tenantId(), d.sim.domain());
        selections.save(tenant.getId(), new TenantSelection(List.of(team), List.of(), List.of(), List.of()));
        onboarding.refresh(tenant);
        String messageId = "<kept-" + UUID.randomUUID() + "@partner.example>";
        control().deliver(d.sim.tenantId(), d.ann.id(), mime(messageId));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !mailItems
                        .findByTenantIdAndInternetMessageId(tenant.getId(), messageId)
                        .isEmpty());

        control().removeGroupMember(d.sim.tenantId(), team, d.ann.id());
        onboarding.refresh(tenant);

        assertThat(status(tenant, d.ann)).isEqualTo(MailboxStatus.EXCLUDED);
        assertThat(simSubscribedMailboxes(d.sim)).containsExactly(d.ben.id());
        assertThat(subscriptions.findByTenant(tenant.getId()))
                .filteredOn(s -> s.mailboxId() != null && s.mailboxId().equals(mailboxId(tenant, d.ann)))
                .extracting(SubscriptionRecord::status)
                .containsOnly(SubscriptionRecord.Status.REMOVED);
        assertThat(mailItems.findByTenantIdAndInternetMessageId(tenant.getId(), messageId))
                .as("the mail scanned while she was watched stays")
                .hasSize(1);

        control().addGroupMember(d.sim.tenantId(), team, d.ann.id());
        MailboxDiscovery.Changes back = onboarding.refresh(tenant);

        assertThat(back.reactivated()).isEqualTo(1);
        assertThat(status(tenant, d.ann)).isEqualTo(MailboxStatus.ACTIVE);
        assertThat(simSubscribedMailboxes(d.sim)).containsExactlyInAnyOrder(d.ann.id(), d.ben.id());
    }

    @Test
    void groupsAndAddressesIncludeTogetherAndAnExcludedAddressWins() throws Exception {
        Directory d = directory("groups-and-addresses");
        String team = control().createGroup(d.sim.tenantId(), "Team", List.of(d.ann.id(), d.ben.id()));
        Tenant tenant = onboarding.onboard(d.sim.tenantId(), d.sim.domain());

        selections.save(
                tenant.getId(), new TenantSelection(List.of(team), List.of(), List.of("cat@*"), List.of("ben@*")));
        onboarding.refresh(tenant);

        assertThat(status(tenant, d.ann)).isEqualTo(MailboxStatus.ACTIVE);
        assertThat(status(tenant, d.ben)).isEqualTo(MailboxStatus.EXCLUDED);
        assertThat(status(tenant, d.cat)).isEqualTo(MailboxStatus.ACTIVE);
    }

    @Test
    void aSelectionNamingAGroupTheTenantDoesNotHaveChangesNothing() throws Exception {
        Directory d = directory("missing-group");
        Tenant tenant = onboarding.onboard(d.sim.tenantId(), d.sim.domain());
        String missing = UUID.randomUUID().toString();
        selections.save(tenant.getId(), new TenantSelection(List.of(missing), List.of(), List.of(), List.of()));

        assertThatThrownBy(() -> onboarding.refresh(tenant))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("does not exist");
        assertThat(mailboxes.findByTenantIdAndStatusOrderByAddress(tenant.getId(), MailboxStatus.ACTIVE))
                .hasSize(3);
    }

    @Test
    void withoutAGroupRoleAGroupSelectionIsRefusedAndNothingChanges() throws Exception {
        Set<String> roles = new HashSet<>(SharedSimulator.app().roles());
        roles.remove("GroupMember.Read.All");
        Directory d = directory("no-group-role", roles);
        String team = control().createGroup(d.sim.tenantId(), "Team", List.of(d.ann.id()));
        Tenant tenant = onboarding.onboard(d.sim.tenantId(), d.sim.domain());
        selections.save(tenant.getId(), new TenantSelection(List.of(team), List.of(), List.of(), List.of()));

        assertThatThrownBy(() -> onboarding.refresh(tenant))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("GroupMember.Read.All");
        assertThat(status(tenant, d.ben)).isEqualTo(MailboxStatus.ACTIVE);
    }

    @Test
    void refusesGroupIdsThatAreNotEntraIds() {
        assertThatThrownBy(() -> new TenantSelection(List.of("sales"), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sales'");
        assertThatThrownBy(() -> new TenantSelection(List.of(), List.of(), List.of(" "), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private record Directory(SimTenant sim, SimMailbox ann, SimMailbox ben, SimMailbox cat) {}

    private static Directory directory(String name) {
        return directory(name, SharedSimulator.app().roles());
    }

    private static Directory directory(String name, Set<String> roles) {
        SimTenant sim = SharedSimulator.consentedTenant(
                name + "-" + UUID.randomUUID().toString().substring(0, 6) + ".example", roles);
        return new Directory(
                sim,
                control().createMailbox(sim.tenantId(), "ann", "Ann Abe"),
                control().createMailbox(sim.tenantId(), "ben", "Ben Bo"),
                control().createMailbox(sim.tenantId(), "cat", "Cat Cy"));
    }

    private MailboxStatus status(Tenant tenant, SimMailbox user) {
        return mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.getId(), Provider.M365, user.id())
                .orElseThrow()
                .getStatus();
    }

    private UUID mailboxId(Tenant tenant, SimMailbox user) {
        return mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.getId(), Provider.M365, user.id())
                .orElseThrow()
                .getId();
    }

    /** The users whose messages Graph still has a subscription for. */
    private static List<String> simSubscribedMailboxes(SimTenant sim) {
        return control().subscriptions(sim.tenantId()).stream()
                .map(s -> s.get("resource").asString())
                .filter(r -> r.startsWith("/users/"))
                .map(r -> r.split("/")[2])
                .sorted()
                .toList();
    }

    private static io.palisade.simulator.control.SimulatorClient control() {
        return SharedSimulator.control();
    }

    private static byte[] mime(String messageId) {
        return ("From: Partner <news@partner.example>\r\nTo: ann@example.org\r\nSubject: Kept\r\nMessage-ID: "
                        + messageId + "\r\nDate: Fri, 04 Dec 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n\r\nThe figures.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
