package io.palisade.banners.live;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a verified live-page token grants: read the state of one message of one tenant, and give feedback on it.
 *
 * @param tenantId the tenant, never null
 * @param mailItemId the mail item (one copy of the message, in one mailbox), never null
 * @param expiresAt when the token stops working, never null
 */
public record LiveLink(UUID tenantId, UUID mailItemId, Instant expiresAt) {
    public LiveLink {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(mailItemId, "mailItemId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
