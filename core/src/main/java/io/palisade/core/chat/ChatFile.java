package io.palisade.core.chat;

import java.util.Objects;
import java.util.UUID;

/**
 * One file of a chat message, named by the provider's ids.
 *
 * @param tenantId the Palisade tenant
 * @param chatId the provider's chat id
 * @param messageId the provider's chat message id
 * @param fileRef what the file is within the message, e.g. {@code attachment:{id}} or {@code hosted:{id}}
 * @param name the file name as posted (may be empty)
 * @param sender the sender's address or user id (may be empty)
 */
public record ChatFile(UUID tenantId, String chatId, String messageId, String fileRef, String name, String sender) {
    public ChatFile {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(fileRef, "fileRef");
        name = name == null ? "" : name;
        sender = sender == null ? "" : sender;
    }
}
