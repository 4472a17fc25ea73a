package io.palisade.core.connector;

import java.util.List;
import java.util.UUID;

/**
 * What core asks of a mail platform. One implementation per {@link Provider}, found through
 * {@link MailboxConnectorRegistry}; implementations live in the connector modules.
 *
 * <p>Every operation names the tenant, and the connector uses that tenant's own credentials only. Operations are
 * blocking, may be called from many threads at once, and honour the platform's throttling themselves (a throttled
 * call ends in a retryable {@link ConnectorException} with the platform's Retry-After). Each mutating operation is
 * safe to repeat after an unknown outcome: repeating a finished quarantine, release or delete either succeeds
 * again or throws {@link MessageNotFoundException}, never harms another message.
 */
public interface MailboxConnector {

    /** The platform this connector serves. */
    Provider provider();

    /**
     * Fetches the message's raw MIME (RFC 5322) as the platform stores it.
     *
     * @return the bytes, never null
     * @throws MessageNotFoundException if the message is gone
     * @throws ConnectorException on any other failure
     */
    byte[] fetchMime(MessageRef message) throws ConnectorException;

    /**
     * Moves the message into Palisade's quarantine for its mailbox (created on first use, hidden from the user).
     *
     * @return the message's new id and the folder or label it came from, never null
     * @throws MessageNotFoundException if the message is gone
     * @throws ConnectorException on any other failure
     */
    QuarantineResult quarantine(MessageRef message) throws ConnectorException;

    /**
     * Moves a quarantined message back to {@code originalFolderId}.
     *
     * @param message the message as it is in the quarantine
     * @param originalFolderId from {@link QuarantineResult#originalFolderId()}, never null
     * @return the message's new id, never null
     * @throws MessageNotFoundException if the message or the folder is gone
     * @throws ConnectorException on any other failure
     */
    String release(MessageRef message, String originalFolderId) throws ConnectorException;

    /**
     * Moves the message to the mailbox's deleted items (Microsoft 365) or trash (Gmail), where the user can still
     * recover it.
     *
     * @throws MessageNotFoundException if the message is gone
     * @throws ConnectorException on any other failure
     */
    void softDelete(MessageRef message) throws ConnectorException;

    /**
     * Deletes the message permanently, beyond the user's recovery. Only an analyst's explicit action calls this.
     *
     * @throws MessageNotFoundException if the message is gone
     * @throws ConnectorException on any other failure
     */
    void hardDelete(MessageRef message) throws ConnectorException;

    /**
     * Searches every mailbox of the tenant that Palisade watches for messages with this internet message id
     * (the Message-ID header, angle brackets included as the header has them).
     *
     * @return every copy found, in no particular order; empty when there is none
     * @throws ConnectorException if the search could not complete; partial results are not returned
     */
    List<MessageCopy> findCopies(UUID tenantId, String internetMessageId) throws ConnectorException;

    /**
     * Replaces the message's content with {@code newMime} (banner write-back), keeping its folder, read state,
     * flags, categories or labels and received time. The platform may give the result a new id.
     *
     * @param newMime the complete rewritten message, never null
     * @return the message's id after the write, which may equal the old one, never null
     * @throws MessageNotFoundException if the message is gone
     * @throws ConnectorException on any other failure
     */
    String replaceContent(MessageRef message, byte[] newMime) throws ConnectorException;
}
