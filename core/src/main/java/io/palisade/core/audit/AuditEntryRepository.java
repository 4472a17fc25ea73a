package io.palisade.core.audit;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** A tenant's audit log: insert and read only. Every method takes the tenant. */
interface AuditEntryRepository extends Repository<AuditEntry, UUID> {

    AuditEntry save(AuditEntry entry);

    List<AuditEntry> findByTenantIdOrderByCreatedAtDesc(UUID tenantId, Pageable page);

    List<AuditEntry> findByTenantIdAndTargetOrderByCreatedAtDesc(UUID tenantId, String target);
}
