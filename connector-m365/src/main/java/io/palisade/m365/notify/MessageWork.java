package io.palisade.m365.notify;

import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work item "fetch and scan this message", shared by notifications and delta catch-up. Both use the same
 * idempotency key, so a message seen by both, or seen twice by either, is scanned once.
 */
public final class MessageWork {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MessageWork() {}

    /** The idempotency key of a message in a mailbox. */
    public static String key(UUID mailboxId, String messageId) {
        return "message:" + mailboxId + ":" + messageId;
    }

    /** The payload {@link MessageNotificationHandler} reads; {@code source} says what found the message. */
    public static ObjectNode payload(UUID mailboxId, String messageId, String source) {
        return JSON.createObjectNode()
                .put("mailboxId", mailboxId.toString())
                .put("messageId", messageId)
                .put("source", source);
    }
}
