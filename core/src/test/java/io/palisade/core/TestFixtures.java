package io.palisade.core;

import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds tenants, mailboxes and mail items through core's own services and repositories. */
@Component
public class TestFixtures {

    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final MailboxRepository mailboxes;
    private final MailItemRepository mailItems;
    private final Clock clock;

    public TestFixtures(
            TenantService tenants,
            ProviderConnectionService connections,
            MailboxRepository mailboxes,
            MailItemRepository mailItems,
            Clock clock) {
        this.tenants = tenants;
        this.connections = connections;
        this.mailboxes = mailboxes;
        this.mailItems = mailItems;
        this.clock = clock;
    }

    public Tenant tenant() {
        return tenants.create("Contoso " + UUID.randomUUID());
    }

    public ProviderConnection connection(UUID tenantId) {
        return connections.connect(tenantId, Provider.M365, "entra-" + UUID.randomUUID());
    }

    public Mailbox mailbox(UUID tenantId) {
        ProviderConnection connection = connection(tenantId);
        String user = UUID.randomUUID().toString();
        return mailboxes.save(new Mailbox(
                tenantId, connection.getId(), Provider.M365, user, user + "@contoso.test", "Alex", clock.instant()));
    }

    public MailItem mailItem(Mailbox mailbox, String internetMessageId) {
        return mailItems.save(new MailItem(
                mailbox.getTenantId(),
                mailbox.getId(),
                Provider.M365,
                "AAMk-" + UUID.randomUUID(),
                null,
                internetMessageId,
                "billing@fabrikam.test",
                List.of(mailbox.getAddress()),
                "Invoice 4471",
                clock.instant(),
                "inbox",
                clock.instant()));
    }
}
