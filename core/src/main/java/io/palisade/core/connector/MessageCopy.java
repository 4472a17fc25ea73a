package io.palisade.core.connector;

import java.util.Objects;

/**
 * One copy of a message found in a tenant's mailbox.
 *
 * @param providerMailboxId the mailbox that holds it, never null
 * @param providerMessageId its id there, never null
 * @param folderId the folder or label it is in; null when the platform does not say
 */
public record MessageCopy(String providerMailboxId, String providerMessageId, String folderId) {
    public MessageCopy {
        Objects.requireNonNull(providerMailboxId, "providerMailboxId");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
}
