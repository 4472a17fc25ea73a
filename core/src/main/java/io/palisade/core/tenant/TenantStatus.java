package io.palisade.core.tenant;

/** Whether Palisade processes a tenant's mail. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
