package io.palisade.m365.onboarding;

import io.palisade.core.connector.Provider;
import io.palisade.core.tenant.ConnectionStatus;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily mailbox refresh of every Microsoft 365 tenant with a live connection, on one instance of the cluster at
 * a time: users and group members are read again and each tenant's selection applied.
 */
@DisallowConcurrentExecution
public class MailboxRefreshJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxRefreshJob.class);

    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final M365Onboarding onboarding;

    public MailboxRefreshJob(TenantService tenants, ProviderConnectionService connections, M365Onboarding onboarding) {
        this.tenants = tenants;
        this.connections = connections;
        this.onboarding = onboarding;
    }

    @Override
    public void execute(JobExecutionContext context) {
        for (Tenant tenant : tenants.active()) {
            boolean m365 = connections.list(tenant.getId()).stream()
                    .anyMatch(c -> c.getProvider() == Provider.M365 && c.getStatus() != ConnectionStatus.REVOKED);
            if (!m365) {
                continue;
            }
            try {
                onboarding.refresh(tenant);
            } catch (Exception e) {
                LOG.error("event=m365_mailbox_refresh_failed tenant={} error={}", tenant.getId(), e.getMessage());
            }
        }
    }
}
