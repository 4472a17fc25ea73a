package io.palisade.core.connector;

import java.util.Objects;

/**
 * Where a quarantined message went, and where it came from.
 *
 * @param newProviderMessageId the message's id in the quarantine (platforms may change it on a move), never null
 * @param originalFolderId the folder or label it was in, for {@link MailboxConnector#release}, never null
 */
public record QuarantineResult(String newProviderMessageId, String originalFolderId) {
    public QuarantineResult {
        Objects.requireNonNull(newProviderMessageId, "newProviderMessageId");
        Objects.requireNonNull(originalFolderId, "originalFolderId");
    }
}
