package io.palisade.core.connector;

import java.util.Objects;
import java.util.UUID;

/**
 * Points a connector at one message in one mailbox.
 *
 * @param tenantId the Palisade tenant, never null; the connector finds the tenant's credentials by it
 * @param providerMailboxId the platform's id of the mailbox (Graph user id, Google user id), never null
 * @param providerMessageId the platform's current id of the message, never null
 */
public record MessageRef(UUID tenantId, String providerMailboxId, String providerMessageId) {
    public MessageRef {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(providerMailboxId, "providerMailboxId");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
}
