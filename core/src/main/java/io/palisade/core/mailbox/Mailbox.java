package io.palisade.core.mailbox;

import io.palisade.core.TenantOwned;
import io.palisade.core.connector.Provider;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A user's or shared mailbox in a tenant, as discovered through its provider connection. */
@Entity
@Table(name = "mailboxes")
public class Mailbox extends TenantOwned {

    @Column(name = "connection_id", nullable = false, updatable = false)
    private UUID connectionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Provider provider;

    @Column(name = "provider_mailbox_id", nullable = false, updatable = false)
    private String providerMailboxId;

    @Column(nullable = false)
    private String address;

    @Column(name = "display_name")
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MailboxStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Mailbox() {}

    /**
     * @param providerMailboxId the platform's id (Graph user id, Google user id), never null
     * @param displayName may be null
     */
    public Mailbox(
            UUID tenantId,
            UUID connectionId,
            Provider provider,
            String providerMailboxId,
            String address,
            String displayName,
            Instant createdAt) {
        super(tenantId);
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.providerMailboxId = Objects.requireNonNull(providerMailboxId, "providerMailboxId");
        this.address = Objects.requireNonNull(address, "address");
        this.displayName = displayName;
        this.status = MailboxStatus.ACTIVE;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID getConnectionId() {
        return connectionId;
    }

    public Provider getProvider() {
        return provider;
    }

    public String getProviderMailboxId() {
        return providerMailboxId;
    }

    public String getAddress() {
        return address;
    }

    /** May be null. */
    public String getDisplayName() {
        return displayName;
    }

    public MailboxStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setStatus(MailboxStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    public void setAddress(String address, String displayName) {
        this.address = Objects.requireNonNull(address, "address");
        this.displayName = displayName;
    }
}
