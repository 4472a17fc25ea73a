package io.palisade.core.mail;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

/** A tenant's mail items; every method takes the tenant. */
public interface MailItemRepository extends Repository<MailItem, UUID> {

    MailItem save(MailItem item);

    Optional<MailItem> findByTenantIdAndId(UUID tenantId, UUID id);

    /** The item, locked for update until the transaction ends (serialises verdict versions of one item). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<MailItem> findForUpdateByTenantIdAndId(UUID tenantId, UUID id);

    Optional<MailItem> findByTenantIdAndMailboxIdAndProviderMessageId(
            UUID tenantId, UUID mailboxId, String providerMessageId);

    /** Every known copy of a message in the tenant. */
    List<MailItem> findByTenantIdAndInternetMessageId(UUID tenantId, String internetMessageId);

    /** One copy of the message in the tenant, the first stored; without loading every copy of a large campaign. */
    Optional<MailItem> findFirstByTenantIdAndInternetMessageIdOrderByCreatedAtAsc(
            UUID tenantId, String internetMessageId);

    List<MailItem> findByTenantIdOrderByReceivedAtDesc(UUID tenantId, Pageable page);

    List<MailItem> findByTenantIdAndIdIn(UUID tenantId, List<UUID> ids);
}
