package io.palisade.m365.onboarding;

import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.m365.graph.GraphClients;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.subscription.SubscriptionManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Connects a Microsoft 365 tenant whose admin has consented to the app: records the tenant and its connection,
 * discovers its mailboxes from its users, and subscribes to each mailbox's new messages.
 */
@Service
public class M365Onboarding {

    private static final Logger LOG = LoggerFactory.getLogger(M365Onboarding.class);

    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final MailboxRepository mailboxes;
    private final GraphClients graphClients;
    private final SubscriptionManager subscriptions;
    private final Clock clock;

    public M365Onboarding(
            TenantService tenants,
            ProviderConnectionService connections,
            MailboxRepository mailboxes,
            GraphClients graphClients,
            SubscriptionManager subscriptions,
            Clock clock) {
        this.tenants = tenants;
        this.connections = connections;
        this.mailboxes = mailboxes;
        this.graphClients = graphClients;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /**
     * Onboards a consented tenant: only once a token for it was obtained (the first Graph call) is anything stored.
     *
     * @param externalTenantId the Microsoft tenant id, never null
     * @param displayName the name shown to analysts, never null
     * @return the new Palisade tenant
     */
    public Tenant onboard(String externalTenantId, String displayName) throws ConnectorException {
        GraphServiceClient graph = graphClients.forTenant(externalTenantId);
        List<User> users = users(graph);
        Tenant tenant = tenants.create(displayName);
        ProviderConnection connection = connections.connect(tenant.getId(), Provider.M365, externalTenantId);
        // Not yet: the granted application roles are not read from the token; missing roles show only as failures.
        connections.activate(tenant.getId(), connection.getId(), List.of());
        for (User user : users) {
            Mailbox mailbox = mailboxes.save(new Mailbox(
                    tenant.getId(),
                    connection.getId(),
                    Provider.M365,
                    user.getId(),
                    address(user),
                    user.getDisplayName(),
                    clock.instant()));
            subscriptions.subscribeMailbox(mailbox);
        }
        LOG.info("event=m365_tenant_onboarded tenant={} mailboxes={}", tenant.getId(), users.size());
        return tenant;
    }

    private static List<User> users(GraphServiceClient graph) throws ConnectorException {
        List<User> users = new ArrayList<>();
        try {
            UserCollectionResponse page = graph.users()
                    .get(request -> request.queryParameters.select =
                            new String[] {"id", "displayName", "mail", "userPrincipalName"});
            while (page != null) {
                if (page.getValue() != null) {
                    page.getValue().stream().filter(u -> address(u) != null).forEach(users::add);
                }
                String next = page.getOdataNextLink();
                page = next == null ? null : graph.users().withUrl(next).get();
            }
        } catch (ApiException e) {
            throw GraphErrors.map("list users", e);
        }
        return users;
    }

    private static String address(User user) {
        String address = user.getMail() != null ? user.getMail() : user.getUserPrincipalName();
        return address == null ? null : address.toLowerCase(Locale.ROOT);
    }
}
