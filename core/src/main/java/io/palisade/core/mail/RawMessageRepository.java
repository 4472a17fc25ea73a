package io.palisade.core.mail;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** A tenant's stored raw messages; every method takes the tenant. */
interface RawMessageRepository extends Repository<RawMessage, UUID> {

    RawMessage save(RawMessage message);

    Optional<RawMessage> findByTenantIdAndMailItemId(UUID tenantId, UUID mailItemId);

    @Modifying
    @Query("delete from RawMessage r where r.tenantId = :tenantId and r.retainUntil < :now")
    int deleteExpired(@Param("tenantId") UUID tenantId, @Param("now") Instant now);
}
