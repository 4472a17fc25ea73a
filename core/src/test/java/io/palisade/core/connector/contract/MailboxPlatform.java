package io.palisade.core.connector.contract;

import io.palisade.core.connector.MessageRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What {@link MailboxConnectorContract} needs from the platform behind a connector, seen from outside the connector:
 * a way to deliver mail and to look at a mailbox as its user would. Implemented by each connector's test against its
 * simulator, never through the connector under test.
 */
public interface MailboxPlatform {

    /** The Palisade tenant whose mailboxes the connector serves. */
    UUID tenantId();

    /** The platform ids of at least two mailboxes the connector watches. */
    List<String> watchedMailboxes();

    /** The platform id of a mailbox of the same tenant that the connector does not watch. */
    String unwatchedMailbox();

    /** Delivers a message to the mailbox's inbox as mail from outside would arrive. */
    MessageRef deliver(String providerMailboxId, byte[] mime);

    /** Marks the message read and gives it a category (Microsoft 365) or user label (Gmail), as its user would. */
    void markReadAndCategorise(MessageRef message, String category);

    /**
     * Flags the message for follow-up and marks it important, as its user would (Microsoft 365: {@code flag} flagged
     * and {@code importance} high; Gmail: starred and important).
     */
    void flagAndMarkImportant(MessageRef message);

    /** The message as the mailbox holds it now; empty when it is gone beyond the user's recovery. */
    Optional<StoredMessage> find(MessageRef message);

    /** The message by its internet message id in a mailbox, whatever its current platform id. */
    List<StoredMessage> findByInternetMessageId(String providerMailboxId, String internetMessageId);

    /**
     * One message as the platform stores it.
     *
     * @param providerMessageId its current id
     * @param folderId the folder (or, for Gmail, the system label standing for one) it is in
     * @param hiddenFromUser whether the user's client does not show that folder
     * @param recoverableByUser whether it sits in deleted items or trash, where the user can still restore it
     * @param read its read state
     * @param categories its categories or user labels
     * @param flagged whether it is flagged for follow-up (Gmail: starred)
     * @param important whether it is marked important (Microsoft 365: importance high)
     * @param receivedAt when it was delivered
     * @param draft whether the platform treats it as an unsent draft
     * @param mime its raw MIME
     */
    record StoredMessage(
            String providerMessageId,
            String folderId,
            boolean hiddenFromUser,
            boolean recoverableByUser,
            boolean read,
            Set<String> categories,
            boolean flagged,
            boolean important,
            Instant receivedAt,
            boolean draft,
            byte[] mime) {}
}
