package io.palisade.m365.onboarding;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.m365.graph.M365Tenants;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An administrator's change of a tenant's mailbox selection: every group it names must exist in the tenant, then the
 * selection is stored and applied at once (the daily refresh applies it again from then on).
 */
@Service
public class SelectionChange {

    private static final Logger LOG = LoggerFactory.getLogger(SelectionChange.class);

    private final TenantService tenants;
    private final M365Tenants m365;
    private final GroupMembers groups;
    private final TenantSelections selections;
    private final M365Onboarding onboarding;

    public SelectionChange(
            TenantService tenants,
            M365Tenants m365,
            GroupMembers groups,
            TenantSelections selections,
            M365Onboarding onboarding) {
        this.tenants = tenants;
        this.m365 = m365;
        this.groups = groups;
        this.selections = selections;
        this.onboarding = onboarding;
    }

    /** The selection in force for the tenant, its own or the installation's. */
    public TenantSelection current(UUID tenantId) {
        tenants.require(tenantId);
        return selections.inForce(tenantId);
    }

    /**
     * Stores and applies the tenant's new selection.
     *
     * @throws IllegalArgumentException when a named group does not exist in the tenant; nothing is stored then
     * @throws ConnectorException when Graph could not be read; nothing is stored then
     */
    public MailboxDiscovery.Changes change(UUID tenantId, TenantSelection selection) throws ConnectorException {
        Tenant tenant = tenants.require(tenantId);
        GraphServiceClient graph = m365.graph(tenantId);
        for (String group : Stream.concat(selection.includeGroups().stream(), selection.excludeGroups().stream())
                .toList()) {
            if (!groups.exists(graph, group)) {
                throw new IllegalArgumentException("no Entra group " + group + " in the tenant");
            }
        }
        selections.save(tenantId, selection);
        LOG.info(
                "event=m365_selection_changed tenant={} include_groups={} exclude_groups={} include_addresses={}"
                        + " exclude_addresses={}",
                tenantId,
                selection.includeGroups().size(),
                selection.excludeGroups().size(),
                selection.includeAddresses().size(),
                selection.excludeAddresses().size());
        return onboarding.refresh(tenant);
    }
}
