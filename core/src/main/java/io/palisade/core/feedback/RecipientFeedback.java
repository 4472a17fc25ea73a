package io.palisade.core.feedback;

import java.util.UUID;

/**
 * Feedback a recipient gives on one of their messages, from the banner's live page. Both operations are
 * idempotent per recipient and message, and both feed the verdict lifecycle (user reports crossing the tenant's
 * threshold re-evaluate the message; a trusted sender lowers the weight of first-contact signals for that
 * recipient).
 */
public interface RecipientFeedback {

    /**
     * The recipient reports the message as suspicious.
     *
     * @param recipient the mailbox address of the recipient who reported, never null
     */
    void reportMessage(UUID tenantId, UUID mailItemId, String recipient);

    /**
     * The recipient marks the message's sender as trusted.
     *
     * @param recipient the mailbox address of the recipient, never null
     */
    void trustSender(UUID tenantId, UUID mailItemId, String recipient);
}
