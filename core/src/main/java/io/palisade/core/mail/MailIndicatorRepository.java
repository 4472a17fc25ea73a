package io.palisade.core.mail;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The indicator index of a tenant's mail; every method takes the tenant. */
public interface MailIndicatorRepository extends Repository<MailIndicator, UUID> {

    MailIndicator save(MailIndicator indicator);

    List<MailIndicator> findByTenantIdAndMailItemId(UUID tenantId, UUID mailItemId);

    /** The ids of the tenant's mail items that carry this indicator. */
    @Query("select distinct i.mailItemId from MailIndicator i"
            + " where i.tenantId = :tenantId and i.kind = :kind and i.value = :value")
    List<UUID> findMailItemIds(
            @Param("tenantId") UUID tenantId, @Param("kind") IndicatorKind kind, @Param("value") String value);
}
