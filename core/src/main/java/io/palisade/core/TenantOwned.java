package io.palisade.core;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.Objects;
import java.util.UUID;

/** A row that belongs to one tenant: a generated id and the owning tenant's id, both never null once stored. */
@MappedSuperclass
public abstract class TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    protected TenantOwned() {}

    protected TenantOwned(UUID tenantId) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    }

    /** The id, null until the row is saved. */
    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return id != null
                && other instanceof TenantOwned owned
                && getClass() == owned.getClass()
                && id.equals(owned.id);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
