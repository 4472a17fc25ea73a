package io.palisade.m365.graph;

import java.util.Optional;
import java.util.UUID;

/** Finds the Palisade tenant connected to a Microsoft tenant, so that Graph's meters carry the Palisade tenant id. */
public interface ConnectedTenantLookup {

    /** The Palisade tenant with a live or pending connection to this Microsoft tenant id; else empty. */
    Optional<UUID> palisadeTenant(String externalTenantId);
}
