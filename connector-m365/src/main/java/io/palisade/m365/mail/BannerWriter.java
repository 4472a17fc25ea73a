package io.palisade.m365.mail;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageRef;
import io.palisade.m365.graph.GraphErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a rewritten (bannered) message back into its mailbox, in the order {@code platform-facts.md} section 0
 * sets: PATCH the delivered message's body (Mail-Advanced.ReadWrite.All; the id stays); when Graph refuses that, or
 * answers 200 but leaves the body unchanged, import the rewritten MIME with beta {@code importMime} and delete the
 * original; when that is refused too, create a non-draft copy ({@code Integer 0x0E07}) and delete the original.
 * Folder, read state, flag, categories and importance are kept on every path; the received time on the PATCH and
 * copy paths.
 *
 * <p>The PATCH goes first, without reading the message: its answer is the message as Exchange keeps it, which tells
 * whether the body took ({@link BodyText}) and, when it did not, carries the state the fallbacks keep. Only a
 * refused PATCH costs a read.
 */
@Component
class BannerWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BannerWriter.class);

    private final MimeImport mimeImport;
    private final FlaggedCopy flaggedCopy;

    BannerWriter(MimeImport mimeImport, FlaggedCopy flaggedCopy) {
        this.mimeImport = mimeImport;
        this.flaggedCopy = flaggedCopy;
    }

    /** Writes {@code newMime} over the message; returns its id afterwards. */
    String write(GraphServiceClient graph, MessageRef ref, byte[] newMime) throws ConnectorException {
        RewrittenMessage rewritten = RewrittenMessage.parse(newMime);
        Patched patched = patchBody(graph, ref, rewritten);
        if (patched.applied()) {
            LOG.info("event=m365_content_replaced tenant={} method=patch id_changed=false", ref.tenantId());
            return ref.providerMessageId();
        }
        Message original = patched.answer() != null ? patched.answer() : MessageState.read(graph, ref);
        String method = "import_mime";
        String newId = imported(graph, ref, original, newMime);
        if (newId == null) {
            method = "flagged_copy";
            newId = flaggedCopy.create(graph, ref, original, rewritten);
        }
        try {
            MessageState.deleteOriginal(graph, ref);
        } catch (ConnectorException e) {
            // Retrying the whole write would make a second copy; the bannered copy stands, the old one stays.
            LOG.error(
                    "event=m365_original_not_removed tenant={} method={} error={}",
                    ref.tenantId(),
                    method,
                    e.getMessage());
        }
        LOG.info("event=m365_content_replaced tenant={} method={} id_changed=true", ref.tenantId(), method);
        return newId;
    }

    /**
     * What a body PATCH did.
     *
     * @param applied whether the message now shows the new body
     * @param answer the message as Graph answered it; null when the PATCH was refused or answered without one
     */
    private record Patched(boolean applied, Message answer) {}

    private static Patched patchBody(GraphServiceClient graph, MessageRef ref, RewrittenMessage rewritten)
            throws ConnectorException {
        Message patch = new Message();
        patch.setBody(rewritten.body());
        Message answer;
        try {
            answer = MessageState.item(graph, ref).patch(patch);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 403) {
                LOG.info("event=m365_body_patch_refused tenant={} status=403", ref.tenantId());
                return new Patched(false, null);
            }
            throw GraphErrors.map("banner body PATCH", e);
        } catch (RuntimeException e) {
            throw GraphErrors.map("banner body PATCH", e);
        }
        // Exchange has been seen answering 200 while leaving a non-draft body as it was: trust only a body that
        // reads as the one sent.
        if (answer == null || answer.getBody() == null) {
            return new Patched(true, answer);
        }
        boolean applied = BodyText.sameReading(answer.getBody(), rewritten.bodyType(), rewritten.bodyContent());
        if (!applied) {
            LOG.warn("event=m365_body_patch_ignored tenant={}", ref.tenantId());
        }
        return new Patched(applied, answer);
    }

    private String imported(GraphServiceClient graph, MessageRef ref, Message original, byte[] newMime)
            throws ConnectorException {
        String newId;
        try {
            newId = mimeImport.importInto(graph, ref, original.getParentFolderId(), newMime);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 403 || e.getResponseStatusCode() == 400) {
                LOG.info(
                        "event=m365_import_mime_refused tenant={} status={}",
                        ref.tenantId(),
                        e.getResponseStatusCode());
                return null;
            }
            throw GraphErrors.map("banner importMime", e);
        } catch (RuntimeException e) {
            throw GraphErrors.map("banner importMime", e);
        }
        // The import exists now: a failure from here on must not lead to a second copy.
        try {
            MessageState.restoreUserState(
                    graph, new MessageRef(ref.tenantId(), ref.providerMailboxId(), newId), original);
        } catch (RuntimeException e) {
            LOG.warn("event=m365_import_state_not_restored tenant={}", ref.tenantId());
        }
        return newId;
    }
}
