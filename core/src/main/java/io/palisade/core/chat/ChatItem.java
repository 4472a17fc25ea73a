package io.palisade.core.chat;

import io.palisade.core.connector.Provider;
import java.time.Instant;
import java.util.UUID;

/**
 * A chat message with files, as core's lifecycle knows it: one item with a verdict history and actions, like a mail
 * item but held in a chat instead of a mailbox. Messages without files are not items.
 *
 * @param sender the sender's address or user id, never null (may be empty)
 * @param files how many files of the message the current verdict covers
 * @param lastModifiedAt the provider's modification time of the message when it was last worked
 * @param hidden whether Palisade last left the message hidden from its readers
 */
public record ChatItem(
        UUID id,
        UUID tenantId,
        Provider provider,
        String chatId,
        String messageId,
        String sender,
        int files,
        Instant postedAt,
        Instant lastModifiedAt,
        boolean hidden,
        Instant createdAt) {

    /** The audit log's name for this item. */
    public String auditTarget() {
        return "chat_item:" + id;
    }
}
