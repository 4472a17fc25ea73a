package io.palisade.m365.notify;

import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.WorkHandler;
import io.palisade.m365.chat.ChatMessageHandler;
import io.palisade.m365.chat.ChatWork;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Works a chat-message notification that carries encrypted content: decrypts and verifies it first, then hands the
 * work to the chat handler with the decrypted message under {@link ChatWork#MESSAGE}, which saves the handler its
 * read of the message from Graph. Content that cannot be trusted or read (see {@link RichWork}) is left out, and the
 * chat handler reads the message from Graph as for a plain notification.
 */
@Component
public class RichChatNotificationHandler implements WorkHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RichWork rich;
    private final ChatMessageHandler chats;

    public RichChatNotificationHandler(RichWork rich, ChatMessageHandler chats) {
        this.rich = rich;
        this.chats = chats;
    }

    @Override
    public String kind() {
        return NotificationIntake.RICH_CHAT_KIND;
    }

    @Override
    public void handle(WorkItem item) {
        ObjectNode payload = (ObjectNode) JSON.readTree(item.payloadJson());
        Optional<JsonNode> message = rich.resource(item, payload);
        if (message.isPresent()
                && !payload.path("messageId")
                        .asString("")
                        .equals(message.get().path("id").asString(""))) {
            throw new PermanentWorkException("rich notification content names another chat message");
        }
        payload.remove(RichWork.ENCRYPTED_CONTENT);
        message.ifPresent(m -> payload.set(ChatWork.MESSAGE, m));
        chats.handle(new WorkItem(
                item.id(),
                item.tenantId(),
                ChatWork.KIND,
                item.idempotencyKey(),
                payload.toString(),
                item.state(),
                item.attempts(),
                item.maxAttempts(),
                item.runAt(),
                item.claimedBy(),
                item.leaseToken(),
                item.leaseUntil(),
                item.lastError(),
                item.createdAt(),
                item.updatedAt()));
    }
}
