package io.palisade.m365.notify;

import io.palisade.core.queue.WorkItem;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens the encrypted content a rich notification's work carries. Content that cannot be used is set aside and the
 * worker reads the resource from Graph as for a plain notification: the batch's validation tokens and the item's
 * clientState already showed the notification came from Graph, and Graph's own copy of the resource is the truth.
 * Content that fails its signature or is not JSON is logged as rejected (a warning: it was altered or damaged on the
 * way), so nothing is built on it, while the message it names is still scanned; content encrypted for a certificate
 * Palisade no longer holds (the certificate was changed, or rich notifications turned off, before the subscription
 * was replaced) is logged as set aside.
 */
@Component
public class RichWork {

    /** The payload field holding a notification's {@code encryptedContent}, as Graph sent it. */
    public static final String ENCRYPTED_CONTENT = "encryptedContent";

    private static final Logger LOG = LoggerFactory.getLogger(RichWork.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RichNotificationKeys keys;

    public RichWork(RichNotificationKeys keys) {
        this.keys = keys;
    }

    /**
     * The decrypted resource of a work item, or empty when it carries no encrypted content or none Palisade can
     * trust and read; the caller then reads the resource from Graph.
     */
    public Optional<JsonNode> resource(WorkItem item, JsonNode payload) {
        JsonNode content = payload.get(ENCRYPTED_CONTENT);
        if (content == null || !content.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(RichContent.decrypt(content, keys)));
        } catch (RichContentException e) {
            if (e.notOurs()) {
                LOG.info(
                        "event=m365_rich_content_set_aside tenant={} work_item={} kind={} reason={} fallback=graph",
                        item.tenantId(),
                        item.id(),
                        item.kind(),
                        e.getMessage());
                return Optional.empty();
            }
            LOG.warn(
                    "event=m365_rich_content_rejected tenant={} work_item={} kind={} reason={} fallback=graph",
                    item.tenantId(),
                    item.id(),
                    item.kind(),
                    e.getMessage());
            return Optional.empty();
        } catch (JacksonException e) {
            LOG.warn(
                    "event=m365_rich_content_rejected tenant={} work_item={} kind={} reason=not_json fallback=graph",
                    item.tenantId(),
                    item.id(),
                    item.kind());
            return Optional.empty();
        }
    }
}
