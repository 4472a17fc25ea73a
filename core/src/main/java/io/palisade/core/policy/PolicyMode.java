package io.palisade.core.policy;

/** How far Palisade acts on a tenant's mail on its own. */
public enum PolicyMode {
    /** Verdicts are recorded, nothing in the mailbox changes. */
    MONITOR,
    /** Banners only: no message is moved or deleted without an analyst. */
    BANNER_ONLY,
    /** The per-level actions run as configured. */
    REMEDIATE
}
