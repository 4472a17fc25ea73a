package io.palisade.core.action;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** A tenant's actions; every method takes the tenant. */
public interface MailActionRepository extends Repository<MailAction, UUID> {

    MailAction save(MailAction action);

    Optional<MailAction> findByTenantIdAndId(UUID tenantId, UUID id);

    List<MailAction> findByTenantIdAndMailItemIdOrderByCreatedAt(UUID tenantId, UUID mailItemId);

    List<MailAction> findByTenantIdAndStatusOrderByCreatedAt(UUID tenantId, ActionStatus status, Pageable page);

    long countByTenantIdAndStatus(UUID tenantId, ActionStatus status);

    /** The actions that started on a message under this provider id (it may have a new id since). */
    @Query("select a from MailAction a where a.tenantId = :tenantId and a.providerIdBefore = :providerId")
    List<MailAction> findStartedOn(@Param("tenantId") UUID tenantId, @Param("providerId") String providerId);
}
