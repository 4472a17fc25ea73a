package io.palisade.core.tenant;

import io.palisade.core.TenantOwned;
import io.palisade.core.connector.Provider;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A tenant's connection to Microsoft 365 or Google Workspace. Its secret is held only as {@code SecretCipher}
 * output; {@link ProviderConnectionService} encrypts and decrypts it.
 */
@Entity
@Table(name = "provider_connections")
public class ProviderConnection extends TenantOwned {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Provider provider;

    @Column(name = "external_tenant_id", nullable = false, updatable = false)
    private String externalTenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConnectionStatus status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "granted_roles", nullable = false)
    private List<String> grantedRoles = new ArrayList<>();

    @Column(name = "secret_ciphertext")
    private String secretCiphertext;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ProviderConnection() {}

    ProviderConnection(UUID tenantId, Provider provider, String externalTenantId, Instant now) {
        super(tenantId);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.externalTenantId = Objects.requireNonNull(externalTenantId, "externalTenantId");
        this.status = ConnectionStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Provider getProvider() {
        return provider;
    }

    /** The platform's own id of the organisation (Entra tenant id, Google customer id), never null. */
    public String getExternalTenantId() {
        return externalTenantId;
    }

    public ConnectionStatus getStatus() {
        return status;
    }

    /** The application roles or scopes the platform granted, never null. */
    public List<String> getGrantedRoles() {
        return List.copyOf(grantedRoles);
    }

    /** Whether a secret is stored; the secret itself is only available through the service. */
    public boolean hasSecret() {
        return secretCiphertext != null;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    String getSecretCiphertext() {
        return secretCiphertext;
    }

    void setSecretCiphertext(String ciphertext, Instant now) {
        this.secretCiphertext = ciphertext;
        this.updatedAt = now;
    }

    void setStatus(ConnectionStatus status, Instant now) {
        this.status = Objects.requireNonNull(status, "status");
        this.updatedAt = now;
    }

    void setGrantedRoles(List<String> roles, Instant now) {
        this.grantedRoles = new ArrayList<>(roles);
        this.updatedAt = now;
    }

    @Override
    public String toString() {
        // No secret here, not even its ciphertext.
        return "ProviderConnection[id=" + getId() + ", tenant=" + getTenantId() + ", provider=" + provider + ", status="
                + status + "]";
    }
}
