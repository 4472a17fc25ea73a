package io.palisade.core.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Tenants. The tenant's id is the key, so every lookup names the tenant. */
public interface TenantRepository extends Repository<Tenant, UUID> {

    Tenant save(Tenant tenant);

    Optional<Tenant> findById(UUID tenantId);

    List<Tenant> findByStatusOrderByName(TenantStatus status);

    List<Tenant> findAllByOrderByName();
}
