package io.palisade.core.mail;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The raw MIME of a mail item, gzip-compressed, kept until {@code retainUntil}. {@link RawMessageStore} reads it. */
@Entity
@Table(name = "raw_messages")
public class RawMessage {

    @Id
    @Column(name = "mail_item_id")
    private UUID mailItemId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content_gzip", nullable = false)
    private byte[] contentGzip;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "retain_until", nullable = false)
    private Instant retainUntil;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected RawMessage() {}

    RawMessage(
            UUID tenantId,
            UUID mailItemId,
            byte[] contentGzip,
            long sizeBytes,
            String sha256,
            Instant retainUntil,
            Instant createdAt) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.mailItemId = Objects.requireNonNull(mailItemId, "mailItemId");
        this.contentGzip = contentGzip;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.retainUntil = retainUntil;
        this.createdAt = createdAt;
    }

    public UUID getMailItemId() {
        return mailItemId;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    byte[] getContentGzip() {
        return contentGzip;
    }

    /** The uncompressed size. */
    public long getSizeBytes() {
        return sizeBytes;
    }

    /** SHA-256 of the uncompressed MIME, lower-case hex. */
    public String getSha256() {
        return sha256;
    }

    public Instant getRetainUntil() {
        return retainUntil;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    void replace(byte[] contentGzip, long sizeBytes, String sha256, Instant retainUntil) {
        this.contentGzip = contentGzip;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.retainUntil = retainUntil;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawMessage raw && mailItemId.equals(raw.mailItemId);
    }

    @Override
    public int hashCode() {
        return mailItemId.hashCode();
    }
}
