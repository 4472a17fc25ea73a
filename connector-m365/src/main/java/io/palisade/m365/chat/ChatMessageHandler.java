package io.palisade.m365.chat;

import com.microsoft.graph.models.ChatMessage;
import com.microsoft.graph.models.ChatMessageAttachment;
import io.palisade.core.chat.ChatFile;
import io.palisade.core.chat.ChatFileScans;
import io.palisade.core.chat.ChatLifecycle;
import io.palisade.core.chat.ChatMessageFacts;
import io.palisade.core.chat.FileScan;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.WorkHandler;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works a chat message named by a notification or a catch-up round: takes the message a rich notification
 * delivered, else fetches it, scans each {@code reference}
 * attachment and hosted content not scanned before as a chat file, and hands the results to core's
 * {@link ChatLifecycle}, which records the verdict and lets the tenant's policy decide whether to hide the message
 * (the hide itself runs on core's action workers). A file over the size limit is not downloaded; it is recorded as
 * not scanned and logged. Every step may be repeated after a failure: files recorded before are not fetched again.
 */
@Component
public class ChatMessageHandler implements WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatMessageHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatConnector chats;
    private final ChatFileScans scans;
    private final ChatLifecycle lifecycle;
    private final MailboxRepository mailboxes;

    public ChatMessageHandler(
            ChatConnector chats, ChatFileScans scans, ChatLifecycle lifecycle, MailboxRepository mailboxes) {
        this.chats = chats;
        this.scans = scans;
        this.lifecycle = lifecycle;
        this.mailboxes = mailboxes;
    }

    @Override
    public String kind() {
        return ChatWork.KIND;
    }

    @Override
    public void handle(WorkItem item) {
        JsonNode payload = JSON.readTree(item.payloadJson());
        UUID tenantId = item.tenantId();
        String chatId = payload.path("chatId").asString();
        String messageId = payload.path("messageId").asString();
        try {
            ChatMessage message = delivered(payload).orElse(null);
            if (message == null) {
                message = chats.message(tenantId, chatId, messageId);
            }
            if (ChatConnector.hidden(message)) {
                LOG.info("event=chat_message_already_hidden tenant={}", tenantId);
                return;
            }
            String sender = sender(tenantId, message);
            List<ChatFile> files = new ArrayList<>();
            List<FileScan> fresh = new ArrayList<>();
            if (message.getAttachments() != null) {
                for (ChatMessageAttachment attachment : message.getAttachments()) {
                    if ("reference".equals(attachment.getContentType()) && attachment.getContentUrl() != null) {
                        ChatFile file = new ChatFile(
                                tenantId,
                                chatId,
                                messageId,
                                "attachment:" + attachment.getId(),
                                attachment.getName(),
                                sender);
                        files.add(file);
                        if (scans.find(file).isEmpty()) {
                            fresh.add(reference(file, attachment.getContentUrl()));
                        }
                    }
                }
            }
            for (String hostedId : chats.hostedContentIds(tenantId, chatId, messageId)) {
                ChatFile file = new ChatFile(tenantId, chatId, messageId, "hosted:" + hostedId, "", sender);
                files.add(file);
                if (scans.find(file).isEmpty()) {
                    fresh.add(hosted(file, hostedId));
                }
            }
            var verdict = lifecycle.record(facts(tenantId, chatId, messageId, sender, message, files.size()), fresh);
            LOG.info(
                    "event=chat_message_scanned tenant={} files={} new_files={} level={}",
                    tenantId,
                    files.size(),
                    fresh.size(),
                    verdict.map(v -> v.level().name()).orElse("unchanged"));
        } catch (MessageNotFoundException e) {
            LOG.info("event=chat_message_gone tenant={}", tenantId);
        } catch (ConnectorException e) {
            throw e.asWorkFailure();
        }
    }

    /**
     * The message a rich notification delivered, decrypted, verified and checked to be the one this work names by
     * {@link io.palisade.m365.notify.RichChatNotificationHandler}.
     */
    private static Optional<ChatMessage> delivered(JsonNode payload) {
        JsonNode json = payload.get(ChatWork.MESSAGE);
        return json == null || !json.isObject() ? Optional.empty() : Optional.of(ChatConnector.parse(json.toString()));
    }

    private static ChatMessageFacts facts(
            UUID tenantId, String chatId, String messageId, String sender, ChatMessage message, int files) {
        Instant posted = instant(message.getCreatedDateTime(), Instant.EPOCH);
        return new ChatMessageFacts(
                tenantId,
                Provider.M365,
                chatId,
                messageId,
                sender,
                files,
                posted,
                instant(message.getLastModifiedDateTime(), posted));
    }

    private static Instant instant(OffsetDateTime time, Instant otherwise) {
        return time == null ? otherwise : time.toInstant();
    }

    private FileScan reference(ChatFile file, String contentUrl) throws ConnectorException {
        try {
            return scanOrRecord(file, chats.referenceFile(file.tenantId(), contentUrl));
        } catch (MessageNotFoundException e) {
            // The file was deleted or unshared since it was posted: nothing to scan, and the other files still are.
            return scans.notScanned(file, 0, "file_not_found");
        }
    }

    private FileScan hosted(ChatFile file, String hostedId) throws ConnectorException {
        return scanOrRecord(file, chats.hostedContent(file.tenantId(), file.chatId(), file.messageId(), hostedId));
    }

    private FileScan scanOrRecord(ChatFile file, ChatConnector.Download download) {
        if (download.tooLarge()) {
            return scans.notScanned(file, download.size(), "too_large_over_" + chats.maxFileBytes() + "_bytes");
        }
        return scans.scan(file, download.bytes());
    }

    /**
     * The sender as the scanner compares it with the tenant's domains: the address of the tenant's mailbox with the
     * sender's user id, else the user id (an outside sender has no mailbox here).
     */
    private String sender(UUID tenantId, ChatMessage message) {
        if (message.getFrom() == null || message.getFrom().getUser() == null) {
            return "";
        }
        String userId = message.getFrom().getUser().getId();
        if (userId == null) {
            return "";
        }
        return mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenantId, Provider.M365, userId)
                .map(Mailbox::getAddress)
                .orElse(userId);
    }
}
