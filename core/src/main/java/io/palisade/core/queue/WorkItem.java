package io.palisade.core.queue;

import java.time.Instant;
import java.util.UUID;

/**
 * A unit of durable work as stored in {@code work_items}.
 *
 * @param id never null
 * @param tenantId never null
 * @param kind what the work is (for example {@code m365.notification}), never null
 * @param idempotencyKey the caller's key; a second enqueue with the same tenant, kind and key is a no-op
 * @param payloadJson the caller's JSON, never null
 * @param state never null
 * @param attempts how many times it has been claimed
 * @param maxAttempts after this many failed attempts it goes {@link WorkState#DEAD}
 * @param runAt when it becomes due, never null
 * @param claimedBy the worker that holds or last held it; null before the first claim
 * @param leaseToken proves the current claim; null unless {@link WorkState#CLAIMED}
 * @param leaseUntil when the current lease expires; null unless {@link WorkState#CLAIMED}
 * @param lastError the last failure's description; null if it never failed
 * @param createdAt never null
 * @param updatedAt never null
 */
public record WorkItem(
        UUID id,
        UUID tenantId,
        String kind,
        String idempotencyKey,
        String payloadJson,
        WorkState state,
        int attempts,
        int maxAttempts,
        Instant runAt,
        String claimedBy,
        UUID leaseToken,
        Instant leaseUntil,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {}
