package io.palisade.m365.chat;

import com.microsoft.graph.chats.item.messages.item.ChatMessageItemRequestBuilder;
import com.microsoft.graph.models.ChatMessage;
import com.microsoft.graph.models.ChatMessageHostedContent;
import com.microsoft.graph.models.ChatMessageHostedContentCollectionResponse;
import com.microsoft.graph.models.ChatMessagePolicyViolation;
import com.microsoft.graph.models.ChatMessagePolicyViolationDlpActionTypes;
import com.microsoft.graph.models.DriveItem;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import io.palisade.core.chat.ChatRemediation;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.Provider;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.graph.M365Tenants;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Teams chat operations through the Graph SDK: read a chat message, download its files ({@code reference}
 * attachments through the shares API, hosted contents through {@code /$value}) within a size limit, and hide a
 * message by setting its {@code policyViolation} (platform-facts sections 4 and 5), or show it again by setting its
 * {@code dlpAction} to {@code none}.
 */
@Component
public class ChatConnector implements ChatRemediation {

    private final M365Tenants tenants;
    private final long maxFileBytes;

    public ChatConnector(
            M365Tenants tenants, @Value("${palisade.m365.chat.max-file-bytes:52428800}") long maxFileBytes) {
        this.tenants = tenants;
        this.maxFileBytes = maxFileBytes;
    }

    /** The largest file downloaded for a scan; larger ones are recorded as not scanned. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /**
     * A chat message from its JSON as Graph sends it (a rich notification's decrypted content), read by the same
     * SDK model as {@link #message}, so the handler sees one shape whichever way the message came.
     */
    public static ChatMessage parse(String json) {
        return new JsonParseNodeFactory()
                .getParseNode("application/json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                .getObjectValue(ChatMessage::createFromDiscriminatorValue);
    }

    /** The chat message. */
    public ChatMessage message(UUID tenantId, String chatId, String messageId) throws ConnectorException {
        return call(
                "get chat message", () -> request(tenantId, chatId, messageId).get());
    }

    /** The ids of the message's hosted contents (inline images); their bytes come from {@link #hostedContent}. */
    public List<String> hostedContentIds(UUID tenantId, String chatId, String messageId) throws ConnectorException {
        ChatMessageHostedContentCollectionResponse page = call(
                "list hosted contents",
                () -> request(tenantId, chatId, messageId).hostedContents().get());
        List<String> ids = new ArrayList<>();
        if (page != null && page.getValue() != null) {
            for (ChatMessageHostedContent content : page.getValue()) {
                ids.add(content.getId());
            }
        }
        return ids;
    }

    /** The bytes of a hosted content, read no further than the size limit. */
    public Download hostedContent(UUID tenantId, String chatId, String messageId, String hostedContentId)
            throws ConnectorException {
        return call(
                "get hosted content",
                () -> read(request(tenantId, chatId, messageId)
                        .hostedContents()
                        .byChatMessageHostedContentId(hostedContentId)
                        .content()
                        .get()));
    }

    /**
     * A {@code reference} attachment's file through {@code /shares/{u!...}/driveItem}: its metadata first, and its
     * {@code /content} only when the size is within the limit.
     */
    public Download referenceFile(UUID tenantId, String contentUrl) throws ConnectorException {
        String share = shareToken(contentUrl);
        DriveItem item = call(
                "get shared drive item",
                () -> tenants.graph(tenantId)
                        .shares()
                        .bySharedDriveItemId(share)
                        .driveItem()
                        .get());
        long size = item.getSize() == null ? -1 : item.getSize();
        if (size > maxFileBytes) {
            return Download.tooLarge(size);
        }
        return call(
                "download shared file",
                () -> read(tenants.graph(tenantId)
                        .shares()
                        .bySharedDriveItemId(share)
                        .driveItem()
                        .content()
                        .get()));
    }

    @Override
    public Provider provider() {
        return Provider.M365;
    }

    /** Hides the message from its readers: {@code policyViolation.dlpAction = BlockAccess}. */
    @Override
    public void hide(UUID tenantId, String chatId, String messageId) throws ConnectorException {
        policyViolation(tenantId, chatId, messageId, ChatMessagePolicyViolationDlpActionTypes.BlockAccess);
    }

    /**
     * Shows the message again: {@code policyViolation.dlpAction = None}, the documented value for "no action". Graph
     * documents no way to remove a policy violation (PATCHing it to null is not described, and {@code undoSoftDelete}
     * undoes a user's deletion, with delegated permissions only).
     */
    @Override
    public void unhide(UUID tenantId, String chatId, String messageId) throws ConnectorException {
        // Not yet confirmed against a real tenant: that Teams shows the message again for dlpAction None.
        policyViolation(tenantId, chatId, messageId, ChatMessagePolicyViolationDlpActionTypes.None);
    }

    private void policyViolation(
            UUID tenantId, String chatId, String messageId, ChatMessagePolicyViolationDlpActionTypes action)
            throws ConnectorException {
        ChatMessagePolicyViolation violation = new ChatMessagePolicyViolation();
        violation.setDlpAction(EnumSet.of(action));
        ChatMessage patch = new ChatMessage();
        patch.setPolicyViolation(violation);
        call(
                "set chat message policy violation",
                () -> request(tenantId, chatId, messageId).patch(patch));
    }

    /** Whether Graph already shows the message as hidden. */
    public static boolean hidden(ChatMessage message) {
        ChatMessagePolicyViolation violation = message.getPolicyViolation();
        return violation != null
                && violation.getDlpAction() != null
                && violation.getDlpAction().contains(ChatMessagePolicyViolationDlpActionTypes.BlockAccess);
    }

    /** The shares API token of a sharing URL: {@code u!} and the unpadded base64url of the URL. */
    static String shareToken(String url) {
        return "u!" + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    private Download read(InputStream content) {
        if (content == null) {
            return new Download(new byte[0], 0);
        }
        try (content) {
            byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
            return bytes.length > maxFileBytes ? Download.tooLarge(-1) : new Download(bytes, bytes.length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ChatMessageItemRequestBuilder request(UUID tenantId, String chatId, String messageId) {
        return tenants.graph(tenantId).chats().byChatId(chatId).messages().byChatMessageId(messageId);
    }

    private static <T> T call(String operation, Supplier<T> request) throws ConnectorException {
        try {
            return request.get();
        } catch (java.io.UncheckedIOException e) {
            throw ConnectorException.retryable(
                    operation + " failed: " + e.getCause().getClass().getSimpleName(), null, e);
        } catch (RuntimeException e) {
            throw GraphErrors.map(operation, e);
        }
    }

    /**
     * A downloaded file, or the sign that it is over the limit.
     *
     * @param bytes the content, null when too large
     * @param size the size in bytes, -1 when too large and unknown
     */
    public record Download(byte[] bytes, long size) {

        static Download tooLarge(long size) {
            return new Download(null, size);
        }

        /** Whether the file was kept out of the download for its size. */
        public boolean tooLarge() {
            return bytes == null;
        }
    }
}
