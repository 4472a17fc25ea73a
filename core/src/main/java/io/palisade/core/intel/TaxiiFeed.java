package io.palisade.core.intel;

import java.time.Instant;
import java.util.UUID;

/**
 * A TAXII 2.1 collection a tenant polls.
 *
 * @param collectionUrl the collection's URL (ending in {@code /collections/<id>/})
 * @param addedAfter the {@code X-TAXII-Date-Added-Last} of the last poll; null before the first
 * @param lastError why the last poll failed; null when it worked
 * @param authentication how Palisade logs in to the collection; the credentials themselves never leave the store
 */
public record TaxiiFeed(
        UUID id,
        UUID tenantId,
        String collectionUrl,
        String source,
        int confidence,
        String addedAfter,
        Instant lastPolledAt,
        String lastError,
        TaxiiAuth authentication) {

    /** Whether the feed has credentials to poll with. */
    public boolean credentialsSet() {
        return authentication != TaxiiAuth.NONE;
    }
}
