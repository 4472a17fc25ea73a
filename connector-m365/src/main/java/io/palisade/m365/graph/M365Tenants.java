package io.palisade.m365.graph;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.core.connector.Provider;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Finds the Microsoft tenant, and so the Graph client, of a Palisade tenant. */
@Component
public class M365Tenants {

    private final ProviderConnectionService connections;
    private final GraphClients clients;
    private final Map<UUID, String> externalIds = new ConcurrentHashMap<>();

    public M365Tenants(ProviderConnectionService connections, GraphClients clients) {
        this.connections = connections;
        this.clients = clients;
    }

    /**
     * The Graph client for a Palisade tenant's Microsoft 365 connection.
     *
     * @throws IllegalStateException when the tenant has no Microsoft 365 connection
     */
    public GraphServiceClient graph(UUID tenantId) {
        return clients.forTenant(externalTenantId(tenantId));
    }

    /** The Microsoft tenant id of a Palisade tenant. */
    public String externalTenantId(UUID tenantId) {
        return externalIds.computeIfAbsent(
                tenantId,
                id -> connections.list(id).stream()
                        .filter(c -> c.getProvider() == Provider.M365)
                        .map(ProviderConnection::getExternalTenantId)
                        .findFirst()
                        .orElseThrow(
                                () -> new IllegalStateException("tenant " + id + " has no Microsoft 365 connection")));
    }
}
