package io.palisade.core.mail;

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
 * One copy of a message in one mailbox. Copies of the same message in other mailboxes share the internet message
 * id. The provider id changes when the platform moves or rewrites the message; {@link #movedTo} records that.
 */
@Entity
@Table(name = "mail_items")
public class MailItem extends TenantOwned {

    @Column(name = "mailbox_id", nullable = false, updatable = false)
    private UUID mailboxId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Provider provider;

    @Column(name = "provider_message_id", nullable = false)
    private String providerMessageId;

    @Column(name = "provider_thread_id")
    private String providerThreadId;

    @Column(name = "internet_message_id")
    private String internetMessageId;

    @Column
    private String sender;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private List<String> recipients = new ArrayList<>();

    @Column
    private String subject;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column
    private String folder;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected MailItem() {}

    /**
     * @param providerThreadId may be null
     * @param internetMessageId the Message-ID header; may be null when the message has none
     * @param sender the From address; may be null
     * @param recipients never null (may be empty)
     * @param subject may be null
     * @param folder the platform's folder or label id; may be null
     */
    public MailItem(
            UUID tenantId,
            UUID mailboxId,
            Provider provider,
            String providerMessageId,
            String providerThreadId,
            String internetMessageId,
            String sender,
            List<String> recipients,
            String subject,
            Instant receivedAt,
            String folder,
            Instant createdAt) {
        super(tenantId);
        this.mailboxId = Objects.requireNonNull(mailboxId, "mailboxId");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.providerMessageId = Objects.requireNonNull(providerMessageId, "providerMessageId");
        this.providerThreadId = providerThreadId;
        this.internetMessageId = internetMessageId;
        this.sender = sender;
        this.recipients = new ArrayList<>(recipients);
        this.subject = subject;
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.folder = folder;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID getMailboxId() {
        return mailboxId;
    }

    public Provider getProvider() {
        return provider;
    }

    public String getProviderMessageId() {
        return providerMessageId;
    }

    /** May be null. */
    public String getProviderThreadId() {
        return providerThreadId;
    }

    /** May be null. */
    public String getInternetMessageId() {
        return internetMessageId;
    }

    /** May be null. */
    public String getSender() {
        return sender;
    }

    public List<String> getRecipients() {
        return List.copyOf(recipients);
    }

    /** May be null. */
    public String getSubject() {
        return subject;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    /** May be null. */
    public String getFolder() {
        return folder;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Records a move or rewrite by the platform: the new provider id and folder (folder may be null). */
    public void movedTo(String newProviderMessageId, String newFolder) {
        this.providerMessageId = Objects.requireNonNull(newProviderMessageId, "newProviderMessageId");
        this.folder = newFolder;
    }

    @Override
    public String toString() {
        // Sender, recipients and subject stay out of logs.
        return "MailItem[id=" + getId() + ", tenant=" + getTenantId() + ", mailbox=" + mailboxId + "]";
    }
}
