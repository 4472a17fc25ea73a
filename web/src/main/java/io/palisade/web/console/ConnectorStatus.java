package io.palisade.web.console;

import io.palisade.core.connector.Provider;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.queue.WorkState;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.m365.onboarding.M365Permissions;
import io.palisade.m365.subscription.SubscriptionStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each tenant's connection as an operator checks it: the roles it was granted and what the missing ones stop, its
 * mailboxes, its Graph subscriptions (one in a problem state, such as a refused renewal or a creation refused with a
 * 403 quota error, with its error and next try),
 * and its work queue. Every query takes the tenant.
 */
@Service
public class ConnectorStatus {

    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final SubscriptionStore subscriptions;
    private final WorkQueue queue;
    private final JdbcTemplate jdbc;

    public ConnectorStatus(
            TenantService tenants,
            ProviderConnectionService connections,
            SubscriptionStore subscriptions,
            WorkQueue queue,
            JdbcTemplate jdbc) {
        this.tenants = tenants;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.jdbc = jdbc;
    }

    /** One tenant's status. */
    public record TenantStatus(
            Tenant tenant,
            List<Connection> connections,
            Map<String, Integer> mailboxes,
            Map<String, Integer> subscriptions,
            List<SubscriptionStore.Problem> problems,
            Instant nextExpiry,
            Map<WorkState, Long> work) {

        /** Whether anything needs an operator. */
        public boolean degraded() {
            return !problems.isEmpty()
                    || connections.stream().anyMatch(c -> !c.missing().isEmpty());
        }
    }

    /** A provider connection with the roles it lacks. */
    public record Connection(
            String provider, String status, List<String> grantedRoles, List<M365Permissions.Missing> missing) {}

    @Transactional(readOnly = true)
    public List<TenantStatus> all() {
        return tenants.active().stream().map(this::of).toList();
    }

    private TenantStatus of(Tenant tenant) {
        UUID tenantId = tenant.getId();
        List<Connection> linked = connections.list(tenantId).stream()
                .map(ConnectorStatus::connection)
                .toList();
        return new TenantStatus(
                tenant,
                linked,
                mailboxCounts(tenantId),
                subscriptions.countByStatus(tenantId),
                subscriptions.problems(tenantId),
                subscriptions.nextExpiry(tenantId).orElse(null),
                queue.countsByState(tenantId));
    }

    private static Connection connection(ProviderConnection c) {
        List<String> granted = c.getGrantedRoles() == null ? List.of() : c.getGrantedRoles();
        return new Connection(
                c.getProvider().name(),
                c.getStatus().name(),
                granted,
                c.getProvider() == Provider.M365 ? M365Permissions.missing(new HashSet<>(granted)) : List.of());
    }

    private Map<String, Integer> mailboxCounts(UUID tenantId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbc.query(
                "SELECT status, count(*) AS n FROM mailboxes WHERE tenant_id = ? GROUP BY status ORDER BY status",
                rs -> {
                    out.put(rs.getString("status"), rs.getInt("n"));
                },
                tenantId);
        return out;
    }
}
