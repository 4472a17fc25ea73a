package io.palisade.core.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored version of a tenant's policy.
 *
 * @param version 0 for the built-in default of a tenant that never saved one
 * @param createdBy who saved it; {@code default} for the built-in default
 */
public record TenantPolicy(UUID tenantId, int version, PolicyDocument document, String createdBy, Instant createdAt) {}
