package io.palisade.core.intel;

import java.time.Instant;
import java.util.UUID;

/**
 * A TAXII 2.1 collection a tenant polls.
 *
 * @param collectionUrl the collection's URL (ending in {@code /collections/<id>/})
 * @param addedAfter the {@code X-TAXII-Date-Added-Last} of the last poll; null before the first
 * @param lastError why the last poll failed; null when it worked
 */
public record TaxiiFeed(
        UUID id,
        UUID tenantId,
        String collectionUrl,
        String source,
        int confidence,
        String addedAfter,
        Instant lastPolledAt,
        String lastError) {}
