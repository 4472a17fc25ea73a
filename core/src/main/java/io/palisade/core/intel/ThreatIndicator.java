package io.palisade.core.intel;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored indicator of a tenant.
 *
 * @param value normalised: lower case, URLs as detection normalises them
 * @param confidence 0 to 100
 * @param expiresAt null when it never expires
 */
public record ThreatIndicator(
        UUID id,
        UUID tenantId,
        IntelKind kind,
        String value,
        String source,
        int confidence,
        Instant expiresAt,
        String createdBy,
        Instant createdAt) {

    /** Whether it is in force at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
