package io.palisade.core.mailbox;

import io.palisade.core.connector.Provider;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** A tenant's mailboxes; every method takes the tenant. */
public interface MailboxRepository extends Repository<Mailbox, UUID> {

    Mailbox save(Mailbox mailbox);

    Optional<Mailbox> findByTenantIdAndId(UUID tenantId, UUID id);

    Optional<Mailbox> findByTenantIdAndProviderAndProviderMailboxId(
            UUID tenantId, Provider provider, String providerMailboxId);

    List<Mailbox> findByTenantIdAndStatusOrderByAddress(UUID tenantId, MailboxStatus status);

    long countByTenantIdAndStatus(UUID tenantId, MailboxStatus status);
}
