package io.palisade.core.action;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** A tenant's actions; every method takes the tenant. */
public interface MailActionRepository extends Repository<MailAction, UUID> {

    MailAction save(MailAction action);

    Optional<MailAction> findByTenantIdAndId(UUID tenantId, UUID id);

    List<MailAction> findByTenantIdAndMailItemIdOrderByCreatedAt(UUID tenantId, UUID mailItemId);

    List<MailAction> findByTenantIdAndStatusOrderByCreatedAt(UUID tenantId, ActionStatus status, Pageable page);

    long countByTenantIdAndStatus(UUID tenantId, ActionStatus status);

    /** The actions that started on a message under this provider id (it may have a new id since). */
    List<MailAction> findByTenantIdAndProviderIdBefore(UUID tenantId, String providerIdBefore);
}
