package io.palisade.m365.notify;

import com.microsoft.graph.models.Message;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.pipeline.IngestRequest;
import io.palisade.core.pipeline.MailIngestService;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.WorkHandler;
import io.palisade.m365.mail.M365MailboxConnector;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works a stored "message created" notification: fetches the message's metadata and raw MIME through Graph and
 * hands them to the pipeline. A message that is gone by then (moved or deleted) ends the item quietly; throttling
 * and outages retry it.
 *
 * <p>A rich notification's decrypted resource gives the metadata (received time, folder, internet message id), which
 * saves one Graph call; the raw MIME for scanning still comes from {@code $value}, since resource data carries no
 * MIME. Encrypted content that fails its signature is set aside and the message read from Graph ({@link RichWork}).
 */
@Component
public class MessageNotificationHandler implements WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MessageNotificationHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MailboxRepository mailboxes;
    private final M365MailboxConnector connector;
    private final MailIngestService ingest;
    private final MailItemRepository mailItems;
    private final Clock clock;
    private final RichWork rich;

    public MessageNotificationHandler(
            MailboxRepository mailboxes,
            M365MailboxConnector connector,
            MailIngestService ingest,
            MailItemRepository mailItems,
            Clock clock,
            RichWork rich) {
        this.rich = rich;
        this.mailItems = mailItems;
        this.mailboxes = mailboxes;
        this.connector = connector;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return NotificationIntake.MESSAGE_KIND;
    }

    @Override
    public void handle(WorkItem item) {
        JsonNode payload = JSON.readTree(item.payloadJson());
        UUID mailboxId = UUID.fromString(payload.path("mailboxId").asString());
        String messageId = payload.path("messageId").asString();
        Optional<Metadata> fromNotification = rich.resource(item, payload).map(r -> Metadata.of(r, messageId));
        Mailbox mailbox = mailboxes
                .findByTenantIdAndId(item.tenantId(), mailboxId)
                .orElseThrow(() -> new PermanentWorkException("no mailbox " + mailboxId + " in tenant"));
        MessageRef ref = new MessageRef(item.tenantId(), mailbox.getProviderMailboxId(), messageId);
        try {
            Metadata metadata =
                    fromNotification.isPresent() ? fromNotification.get() : Metadata.of(connector.metadata(ref), clock);
            if (alreadyScanned(item.tenantId(), mailboxId, metadata.internetMessageId())) {
                // A move (quarantine, release) or a re-created banner copy gives the message a new id and Graph
                // reports it as created: it is the same message, and scanning it again could loop.
                LOG.info("event=m365_message_known tenant={} mailbox={}", item.tenantId(), mailboxId);
                return;
            }
            byte[] mime = connector.fetchMime(ref);
            ingest.ingest(new IngestRequest(
                    item.tenantId(), mailboxId, messageId, metadata.folderId(), metadata.receivedAt(), mime));
        } catch (MessageNotFoundException e) {
            LOG.info("event=m365_message_gone tenant={} mailbox={}", item.tenantId(), mailboxId);
        } catch (ConnectorException e) {
            throw e.asWorkFailure();
        }
    }

    private boolean alreadyScanned(UUID tenantId, UUID mailboxId, String internetMessageId) {
        return internetMessageId != null
                && mailItems.findByTenantIdAndInternetMessageId(tenantId, internetMessageId).stream()
                        .anyMatch(i -> mailboxId.equals(i.getMailboxId()));
    }

    /** What the pipeline needs besides the MIME; {@code receivedAt} is never null, the others may be. */
    private record Metadata(String internetMessageId, String folderId, Instant receivedAt) {

        static Metadata of(Message message, Clock clock) {
            return new Metadata(
                    message.getInternetMessageId(),
                    message.getParentFolderId(),
                    message.getReceivedDateTime() == null
                            ? clock.instant()
                            : message.getReceivedDateTime().toInstant());
        }

        /** From a rich notification's resource, which must name the notified message. */
        static Metadata of(JsonNode resource, String messageId) {
            if (!messageId.equals(resource.path("id").asString(""))) {
                throw new PermanentWorkException("rich notification content names another message");
            }
            String received = resource.path("receivedDateTime").asString("");
            Instant receivedAt;
            try {
                receivedAt = OffsetDateTime.parse(received).toInstant();
            } catch (DateTimeParseException e) {
                throw new PermanentWorkException("rich notification content has no receivedDateTime", e);
            }
            return new Metadata(
                    resource.path("internetMessageId").asString(null),
                    resource.path("parentFolderId").asString(null),
                    receivedAt);
        }
    }
}
