package io.palisade.core.tenant;

/** The state of a tenant's link to its mail platform. */
public enum ConnectionStatus {
    /** Consent started, no token obtained yet. */
    PENDING,
    /** Working. */
    ACTIVE,
    /** Working with gaps: a missing role, failing renewals or quota errors. */
    DEGRADED,
    /** Consent withdrawn or credentials rejected. */
    REVOKED
}
