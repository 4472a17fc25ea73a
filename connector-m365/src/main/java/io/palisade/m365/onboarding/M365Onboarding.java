package io.palisade.m365.onboarding;

import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.ConnectionStatus;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.m365.catchup.CatchUpRequests;
import io.palisade.m365.graph.GraphClients;
import io.palisade.m365.subscription.SubscriptionManager;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects a Microsoft 365 tenant whose admin has consented to the app: records the tenant and its connection,
 * discovers its mailboxes from its users, subscribes to each mailbox's new messages (and, with Chat.Read.All, to the
 * tenant's chat messages), and asks for a first catch-up round of each mailbox. A Microsoft tenant that is already
 * connected keeps its Palisade tenant: consenting again refreshes the granted roles and the mailboxes, and keeps
 * every mailbox, subscription and message it has.
 */
@Service
public class M365Onboarding {

    private static final Logger LOG = LoggerFactory.getLogger(M365Onboarding.class);

    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final ConnectedTenants connected;
    private final MailboxRepository mailboxes;
    private final GraphClients graphClients;
    private final MailboxDiscovery discovery;
    private final SubscriptionManager subscriptions;
    private final SubscriptionStore subscriptionStore;
    private final CatchUpRequests catchUp;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public M365Onboarding(
            TenantService tenants,
            ProviderConnectionService connections,
            ConnectedTenants connected,
            MailboxRepository mailboxes,
            GraphClients graphClients,
            MailboxDiscovery discovery,
            SubscriptionManager subscriptions,
            SubscriptionStore subscriptionStore,
            CatchUpRequests catchUp,
            TransactionTemplate transactions,
            Clock clock) {
        this.tenants = tenants;
        this.connections = connections;
        this.connected = connected;
        this.mailboxes = mailboxes;
        this.graphClients = graphClients;
        this.discovery = discovery;
        this.subscriptions = subscriptions;
        this.subscriptionStore = subscriptionStore;
        this.catchUp = catchUp;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Onboards a consented tenant whose granted roles are not known (operator set-up, the demo tenant). */
    public Tenant onboard(String externalTenantId, String displayName) throws ConnectorException {
        return onboard(externalTenantId, displayName, List.of());
    }

    /**
     * Onboards a consented tenant, or refreshes the one already connected to this Microsoft tenant. Nothing is stored
     * before the first Graph calls for the tenant succeeded, which need a token for it.
     *
     * @param externalTenantId the Microsoft tenant id, never null
     * @param displayName the name shown to analysts for a new tenant, never null; an existing tenant keeps its name
     * @param grantedRoles the application roles read from the tenant's token; empty when unknown, which keeps the
     *     roles recorded before
     * @return the Palisade tenant, new or existing
     */
    public Tenant onboard(String externalTenantId, String displayName, List<String> grantedRoles)
            throws ConnectorException {
        GraphServiceClient graph = graphClients.forTenant(externalTenantId);
        List<User> users = discovery.users(graph);
        Optional<ConnectedTenants.Connected> existing = connected.find(externalTenantId);
        if (existing.isPresent()) {
            return reconnect(existing.get(), graph, users, grantedRoles);
        }
        AppliedSelection selection = discovery.selection(null, graph);
        ConnectedTenants.Connected created;
        try {
            created = transactions.execute(status -> create(externalTenantId, displayName, grantedRoles));
        } catch (DataIntegrityViolationException e) {
            // Another consent callback for the same Microsoft tenant won the race: join the tenant it made.
            ConnectedTenants.Connected winner = connected.find(externalTenantId).orElseThrow(() -> e);
            return reconnect(winner, graph, users, grantedRoles);
        }
        Tenant tenant = tenants.require(created.tenantId());
        discovery.apply(tenant.getId(), created.connectionId(), users, selection);
        if (grantsChats(grantedRoles)) {
            subscribeChats(tenant);
        }
        requestCatchUp(tenant, "onboarding", tenant.getId().toString());
        LOG.info("event=m365_tenant_onboarded tenant={} users={}", tenant.getId(), users.size());
        return tenant;
    }

    /** Re-reads the tenant's users and applies them with its selection (the daily refresh). */
    public MailboxDiscovery.Changes refresh(Tenant tenant) throws ConnectorException {
        ProviderConnection connection = connections.list(tenant.getId()).stream()
                .filter(c -> c.getProvider() == Provider.M365 && c.getStatus() != ConnectionStatus.REVOKED)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("tenant has no live Microsoft 365 connection"));
        GraphServiceClient graph = graphClients.forTenant(connection.getExternalTenantId());
        List<User> users = discovery.users(graph);
        AppliedSelection selection = discovery.selection(tenant.getId(), graph);
        return discovery.apply(tenant.getId(), connection.getId(), users, selection);
    }

    private ConnectedTenants.Connected create(String externalTenantId, String displayName, List<String> roles) {
        Tenant tenant = tenants.create(displayName);
        ProviderConnection connection = connections.connect(tenant.getId(), Provider.M365, externalTenantId);
        connections.activate(tenant.getId(), connection.getId(), roles);
        return new ConnectedTenants.Connected(tenant.getId(), connection.getId());
    }

    private Tenant reconnect(
            ConnectedTenants.Connected existing, GraphServiceClient graph, List<User> users, List<String> roles)
            throws ConnectorException {
        Tenant tenant = tenants.require(existing.tenantId());
        List<String> kept = roles.isEmpty()
                ? connections
                        .find(tenant.getId(), existing.connectionId())
                        .map(ProviderConnection::getGrantedRoles)
                        .orElse(List.of())
                : roles;
        connections.activate(tenant.getId(), existing.connectionId(), kept);
        MailboxDiscovery.Changes changes = discovery.apply(
                tenant.getId(), existing.connectionId(), users, discovery.selection(tenant.getId(), graph));
        if (grantsChats(kept) && !watchesChats(tenant.getId())) {
            subscribeChats(tenant);
        }
        requestCatchUp(tenant, "reconsent", clock.instant().toString());
        LOG.info(
                "event=m365_tenant_reconsented tenant={} users={} added={} reactivated={}",
                tenant.getId(),
                users.size(),
                changes.added(),
                changes.reactivated());
        return tenant;
    }

    private static boolean grantsChats(List<String> roles) {
        return roles.contains("Chat.Read.All") || roles.contains("Chat.ReadWrite.All");
    }

    private boolean watchesChats(UUID tenantId) {
        return subscriptionStore.findByTenant(tenantId).stream()
                .anyMatch(s -> s.mailboxId() == null && s.status() != SubscriptionRecord.Status.REMOVED);
    }

    private void requestCatchUp(Tenant tenant, String reason, String cause) {
        mailboxes
                .findByTenantIdAndStatusOrderByAddress(tenant.getId(), MailboxStatus.ACTIVE)
                .forEach(m -> catchUp.request(tenant.getId(), m.getId(), reason, cause));
    }

    private void subscribeChats(Tenant tenant) {
        try {
            subscriptions.subscribeTenantChats(tenant.getId());
        } catch (ConnectorException e) {
            LOG.error("event=m365_chats_not_subscribed tenant={} error={}", tenant.getId(), e.getMessage());
        }
    }
}
