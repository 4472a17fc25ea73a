package io.palisade.core.chat;

import io.palisade.core.connector.Provider;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a connector read of one chat message before handing its files to core.
 *
 * @param sender the sender's address or user id, may be empty
 * @param files how many files the message carries now (scanned before or not)
 * @param postedAt when the message was posted
 * @param lastModifiedAt the provider's last modification time, which tells one version of the message from another
 */
public record ChatMessageFacts(
        UUID tenantId,
        Provider provider,
        String chatId,
        String messageId,
        String sender,
        int files,
        Instant postedAt,
        Instant lastModifiedAt) {

    public ChatMessageFacts {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(messageId, "messageId");
        sender = sender == null ? "" : sender;
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(lastModifiedAt, "lastModifiedAt");
    }
}
