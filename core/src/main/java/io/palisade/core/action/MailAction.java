package io.palisade.core.action;

import io.palisade.core.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An action on one mail item (banner, quarantine, release, delete, notify), with its attempts and the provider id
 * of the message before and after, since moving or rewriting a message changes its id.
 */
@Entity
@Table(name = "actions")
public class MailAction extends TenantOwned {

    private static final int MAX_ERROR_LENGTH = 2000;

    @Column(name = "mail_item_id", nullable = false, updatable = false)
    private UUID mailItemId;

    @Column(name = "verdict_id", updatable = false)
    private UUID verdictId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ActionKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ActionStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "provider_id_before")
    private String providerIdBefore;

    @Column(name = "provider_id_after")
    private String providerIdAfter;

    @Column(name = "original_folder")
    private String originalFolder;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected MailAction() {}

    /**
     * A PENDING action.
     *
     * @param verdictId the verdict version that asked for it; null for an analyst's direct action
     * @param requestedBy who asked: {@code policy}, or an analyst's name
     */
    public MailAction(
            UUID tenantId, UUID mailItemId, UUID verdictId, ActionKind kind, String requestedBy, Instant now) {
        super(tenantId);
        this.mailItemId = Objects.requireNonNull(mailItemId, "mailItemId");
        this.verdictId = verdictId;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
        this.status = ActionStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A worker starts an attempt on the message whose provider id is {@code providerId}. */
    public void start(String providerId, Instant now) {
        this.status = ActionStatus.RUNNING;
        this.attempts++;
        this.providerIdBefore = providerId;
        this.updatedAt = now;
    }

    /**
     * The attempt worked.
     *
     * @param newProviderId the message's id afterwards; null when it did not change or the message is gone
     * @param folderBefore the folder it came from (for a release); may be null
     */
    public void succeed(String newProviderId, String folderBefore, Instant now) {
        this.status = ActionStatus.DONE;
        this.providerIdAfter = newProviderId;
        this.originalFolder = folderBefore;
        this.lastError = null;
        this.updatedAt = now;
    }

    /** The attempt failed; {@code retryable} puts it back to PENDING, else it is FAILED. */
    public void fail(String error, boolean retryable, Instant now) {
        this.status = retryable ? ActionStatus.PENDING : ActionStatus.FAILED;
        this.lastError =
                error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        this.updatedAt = now;
    }

    /** Not needed after all; {@code reason} says why. */
    public void skip(String reason, Instant now) {
        this.status = ActionStatus.SKIPPED;
        this.lastError = reason;
        this.updatedAt = now;
    }

    public UUID getMailItemId() {
        return mailItemId;
    }

    /** May be null. */
    public UUID getVerdictId() {
        return verdictId;
    }

    public ActionKind getKind() {
        return kind;
    }

    public ActionStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    /** May be null. */
    public String getLastError() {
        return lastError;
    }

    /** May be null before the first attempt. */
    public String getProviderIdBefore() {
        return providerIdBefore;
    }

    /** May be null. */
    public String getProviderIdAfter() {
        return providerIdAfter;
    }

    /** May be null. */
    public String getOriginalFolder() {
        return originalFolder;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
