package io.palisade.core.verdict;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The verdict history of a tenant's mail; every method takes the tenant. */
public interface VerdictRepository extends Repository<VerdictVersion, UUID> {

    VerdictVersion save(VerdictVersion verdict);

    /** The current verdict: the highest version. */
    Optional<VerdictVersion> findFirstByTenantIdAndMailItemIdOrderByVersionDesc(UUID tenantId, UUID mailItemId);

    List<VerdictVersion> findByTenantIdAndIdIn(UUID tenantId, Collection<UUID> ids);

    /** The whole history, oldest first. */
    List<VerdictVersion> findByTenantIdAndMailItemIdOrderByVersionAsc(UUID tenantId, UUID mailItemId);

    @Query("select coalesce(max(v.version), 0) from VerdictVersion v"
            + " where v.tenantId = :tenantId and v.mailItemId = :mailItemId")
    int findLatestVersion(@Param("tenantId") UUID tenantId, @Param("mailItemId") UUID mailItemId);

    /** The current verdicts of several items, one per item. */
    @Query("select v from VerdictVersion v where v.tenantId = :tenantId and v.mailItemId in :mailItemIds"
            + " and v.version = (select max(w.version) from VerdictVersion w"
            + " where w.tenantId = v.tenantId and w.mailItemId = v.mailItemId)")
    List<VerdictVersion> findCurrent(@Param("tenantId") UUID tenantId, @Param("mailItemIds") List<UUID> mailItemIds);
}
