package io.palisade.core.tenant;

import io.palisade.core.connector.Provider;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** A tenant's provider connections; every method takes the tenant. */
public interface ProviderConnectionRepository extends Repository<ProviderConnection, UUID> {

    ProviderConnection save(ProviderConnection connection);

    Optional<ProviderConnection> findByTenantIdAndId(UUID tenantId, UUID id);

    List<ProviderConnection> findByTenantId(UUID tenantId);

    Optional<ProviderConnection> findByTenantIdAndProviderAndExternalTenantId(
            UUID tenantId, Provider provider, String externalTenantId);
}
