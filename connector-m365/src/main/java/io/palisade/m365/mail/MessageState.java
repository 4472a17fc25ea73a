package io.palisade.m365.mail;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.MessageItemRequestBuilder;
import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageRef;
import io.palisade.m365.graph.GraphErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading a message's user-visible state before a rewrite, restoring it on the new copy, removing the original. */
final class MessageState {

    private static final Logger LOG = LoggerFactory.getLogger(MessageState.class);

    static final String[] FIELDS = {
        "id",
        "subject",
        "body",
        "from",
        "sender",
        "toRecipients",
        "ccRecipients",
        "replyTo",
        "internetMessageId",
        "isRead",
        "isDraft",
        "flag",
        "categories",
        "importance",
        "receivedDateTime",
        "sentDateTime",
        "parentFolderId",
        "hasAttachments"
    };

    private MessageState() {}

    static MessageItemRequestBuilder item(GraphServiceClient graph, MessageRef ref) {
        return graph.users().byUserId(ref.providerMailboxId()).messages().byMessageId(ref.providerMessageId());
    }

    /** The message with everything a rewrite must keep. */
    static Message read(GraphServiceClient graph, MessageRef ref) throws ConnectorException {
        try {
            return item(graph, ref).get(request -> request.queryParameters.select = FIELDS);
        } catch (RuntimeException e) {
            throw GraphErrors.map("read message before rewrite", e);
        }
    }

    /** Puts the read state, flag, categories and importance of {@code original} on the message {@code copy}. */
    static void restoreUserState(GraphServiceClient graph, MessageRef copy, Message original) {
        Message patch = new Message();
        patch.setIsRead(original.getIsRead());
        patch.setFlag(ModelCopies.flag(original.getFlag()));
        patch.setCategories(original.getCategories());
        patch.setImportance(original.getImportance());
        item(graph, copy).patch(patch);
    }

    /**
     * Removes the original after its rewritten copy exists. Purged, so the user does not find the unbannered
     * version in Deleted Items; a soft delete when the purge is refused. A message already gone is fine.
     */
    static void deleteOriginal(GraphServiceClient graph, MessageRef ref) throws ConnectorException {
        try {
            item(graph, ref).permanentDelete().post();
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404) {
                return;
            }
            LOG.warn("event=m365_original_purge_failed tenant={} status={}", ref.tenantId(), e.getResponseStatusCode());
            try {
                item(graph, ref).delete();
            } catch (RuntimeException second) {
                throw GraphErrors.map("delete original after rewrite", second);
            }
        } catch (RuntimeException e) {
            throw GraphErrors.map("delete original after rewrite", e);
        }
    }
}
