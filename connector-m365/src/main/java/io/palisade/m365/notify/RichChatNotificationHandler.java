package io.palisade.m365.notify;

import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.WorkHandler;
import io.palisade.m365.chat.ChatMessageHandler;
import io.palisade.m365.chat.ChatWork;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(RichChatNotificationHandler.class);
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
        Optional<JsonNode> message = rich.resource(item, payload).filter(m -> namesThisMessage(item, payload, m));
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

    /**
     * Whether verified content is the message the notification names; content for another message is set aside with a
     * warning and the named message read from Graph, as for content that fails its signature.
     */
    private static boolean namesThisMessage(WorkItem item, JsonNode payload, JsonNode message) {
        if (payload.path("messageId").asString("").equals(message.path("id").asString(""))) {
            return true;
        }
        LOG.warn(
                "event=m365_rich_content_rejected tenant={} work_item={} kind={} reason=names_another_message"
                        + " fallback=graph",
                item.tenantId(),
                item.id(),
                item.kind());
        return false;
    }
}
