package io.palisade.m365.subscription;

import java.time.Instant;
import java.util.UUID;

/**
 * A Graph subscription as Palisade keeps it.
 *
 * @param subscriptionId Graph's id, never null
 * @param tenantId the Palisade tenant, never null
 * @param mailboxId the mailbox whose messages it covers; null for the tenant's chat subscription
 * @param resource the subscribed resource path, never null
 * @param clientStateHash the SHA-256 of the clientState, never null
 * @param expiresAt when Graph ends it unless renewed, never null
 * @param status never null
 * @param encryptionCertificateId the certificate it asked resource data to be encrypted for (rich notifications);
 *     null for a plain subscription
 */
public record SubscriptionRecord(
        String subscriptionId,
        UUID tenantId,
        UUID mailboxId,
        String resource,
        String clientStateHash,
        Instant expiresAt,
        Status status,
        String encryptionCertificateId) {

    /** A subscription without resource data. */
    public SubscriptionRecord(
            String subscriptionId,
            UUID tenantId,
            UUID mailboxId,
            String resource,
            String clientStateHash,
            Instant expiresAt,
            Status status) {
        this(subscriptionId, tenantId, mailboxId, resource, clientStateHash, expiresAt, status, null);
    }

    /** Whether it asked for resource data (rich notifications). */
    public boolean includesResourceData() {
        return encryptionCertificateId != null;
    }

    /** Whether it watches a mailbox's messages (Outlook) rather than the tenant's chats. */
    public boolean isMail() {
        return mailboxId != null;
    }

    /** The states of a subscription. */
    public enum Status {
        /** Delivering notifications. */
        ACTIVE,
        /** Graph asked for reauthorization and it has not been answered yet. */
        REAUTHORIZE,
        /** Ended on purpose (replaced, or its mailbox no longer watched): history, not trouble. */
        REMOVED,
        /** A renewal or re-creation failed; the renewal job tries again. */
        FAILED,
        /**
         * Graph refused to create it (a quota error, an outage): no subscription exists at Graph, the row keeps the
         * error under a local id, and the renewal job tries the creation again with backoff.
         */
        CREATE_FAILED;

        /** Whether a subscription in this state needs an operator's eye: it should deliver and does not. */
        public boolean isProblem() {
            return this == FAILED || this == REAUTHORIZE || this == CREATE_FAILED;
        }
    }
}
