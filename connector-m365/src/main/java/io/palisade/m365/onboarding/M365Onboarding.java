package io.palisade.m365.onboarding;

import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.m365.catchup.CatchUpRequests;
import io.palisade.m365.graph.GraphClients;
import io.palisade.m365.subscription.SubscriptionManager;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Connects a Microsoft 365 tenant whose admin has consented to the app: records the tenant and its connection,
 * discovers its mailboxes from its users, subscribes to each mailbox's new messages (and, with Chat.Read.All, to the
 * tenant's chat messages), and asks for a first catch-up round of each mailbox.
 */
@Service
public class M365Onboarding {

    private static final Logger LOG = LoggerFactory.getLogger(M365Onboarding.class);

    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final MailboxRepository mailboxes;
    private final GraphClients graphClients;
    private final MailboxDiscovery discovery;
    private final SubscriptionManager subscriptions;
    private final CatchUpRequests catchUp;

    public M365Onboarding(
            TenantService tenants,
            ProviderConnectionService connections,
            MailboxRepository mailboxes,
            GraphClients graphClients,
            MailboxDiscovery discovery,
            SubscriptionManager subscriptions,
            CatchUpRequests catchUp) {
        this.tenants = tenants;
        this.connections = connections;
        this.mailboxes = mailboxes;
        this.graphClients = graphClients;
        this.discovery = discovery;
        this.subscriptions = subscriptions;
        this.catchUp = catchUp;
    }

    /** Onboards a consented tenant whose granted roles are not known (operator set-up, the demo tenant). */
    public Tenant onboard(String externalTenantId, String displayName) throws ConnectorException {
        return onboard(externalTenantId, displayName, List.of());
    }

    /**
     * Onboards a consented tenant. Nothing is stored before the first Graph call for the tenant succeeded, which
     * needs a token for it.
     *
     * @param externalTenantId the Microsoft tenant id, never null
     * @param displayName the name shown to analysts, never null
     * @param grantedRoles the application roles read from the tenant's token; empty when unknown
     * @return the new Palisade tenant
     */
    public Tenant onboard(String externalTenantId, String displayName, List<String> grantedRoles)
            throws ConnectorException {
        GraphServiceClient graph = graphClients.forTenant(externalTenantId);
        List<User> users = discovery.users(graph);
        Tenant tenant = tenants.create(displayName);
        ProviderConnection connection = connections.connect(tenant.getId(), Provider.M365, externalTenantId);
        connections.activate(tenant.getId(), connection.getId(), grantedRoles);
        discovery.apply(tenant.getId(), connection.getId(), users);
        if (grantedRoles.contains("Chat.Read.All") || grantedRoles.contains("Chat.ReadWrite.All")) {
            subscribeChats(tenant);
        }
        mailboxes
                .findByTenantIdAndStatusOrderByAddress(tenant.getId(), MailboxStatus.ACTIVE)
                .forEach(m -> catchUp.request(
                        tenant.getId(), m.getId(), "onboarding", tenant.getId().toString()));
        LOG.info("event=m365_tenant_onboarded tenant={} users={}", tenant.getId(), users.size());
        return tenant;
    }

    /** Re-reads the tenant's users and applies them (the daily refresh). */
    public MailboxDiscovery.Changes refresh(Tenant tenant) throws ConnectorException {
        ProviderConnection connection = connections.list(tenant.getId()).stream()
                .filter(c -> c.getProvider() == Provider.M365)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("tenant has no Microsoft 365 connection"));
        List<User> users = discovery.users(graphClients.forTenant(connection.getExternalTenantId()));
        return discovery.apply(tenant.getId(), connection.getId(), users);
    }

    private void subscribeChats(Tenant tenant) {
        try {
            subscriptions.subscribeTenantChats(tenant.getId());
        } catch (ConnectorException e) {
            LOG.error("event=m365_chats_not_subscribed tenant={} error={}", tenant.getId(), e.getMessage());
        }
    }
}
