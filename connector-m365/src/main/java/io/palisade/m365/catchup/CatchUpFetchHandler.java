package io.palisade.m365.catchup;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.pipeline.IngestRequest;
import io.palisade.core.pipeline.MailIngestService;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.work.WorkHandler;
import io.palisade.core.work.WorkSignal;
import io.palisade.m365.graph.GraphBatch;
import io.palisade.m365.graph.M365Tenants;
import io.palisade.m365.notify.MessageWork;
import io.palisade.m365.notify.NotificationIntake;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches up to 20 messages a catch-up round found, as one Graph {@code $batch} of their raw MIME, and hands each to
 * the pipeline. Messages the mailbox already holds are skipped before anything is sent. A throttled item is retried
 * inside the batch call after its Retry-After, or the whole work item later; the messages scanned by then are known
 * on the next attempt, so none is scanned twice. A message gone by then (moved or deleted) is skipped; one the batch
 * cannot carry (over the size limit, unreadable) becomes a work item of its own, fetched alone and failed visibly.
 */
@Component
public class CatchUpFetchHandler implements WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpFetchHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Exchange Online's own message size limit. */
    private static final int MAX_MIME_BYTES = 150 * 1024 * 1024;

    private final MailboxRepository mailboxes;
    private final M365Tenants tenants;
    private final GraphBatch batch;
    private final KnownMessages known;
    private final MailIngestService ingest;
    private final WorkQueue queue;
    private final WorkSignal workers;
    private final Clock clock;

    public CatchUpFetchHandler(
            MailboxRepository mailboxes,
            M365Tenants tenants,
            GraphBatch batch,
            KnownMessages known,
            MailIngestService ingest,
            WorkQueue queue,
            WorkSignal workers,
            Clock clock) {
        this.mailboxes = mailboxes;
        this.tenants = tenants;
        this.batch = batch;
        this.known = known;
        this.ingest = ingest;
        this.queue = queue;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return CatchUpFetch.KIND;
    }

    @Override
    public void handle(WorkItem item) {
        JsonNode payload = JSON.readTree(item.payloadJson());
        Mailbox mailbox = CatchUpRequests.requireMailbox(mailboxes, item.tenantId(), CatchUpFetch.mailboxId(payload));
        if (mailbox.getStatus() != MailboxStatus.ACTIVE) {
            return;
        }
        List<CatchUpFetch.Listed> wanted =
                known.unknown(item.tenantId(), mailbox.getId(), CatchUpFetch.messages(payload));
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, byte[]> fetched = fetch(mailbox, wanted);
        int scanned = 0;
        int gone = 0;
        int alone = 0;
        for (CatchUpFetch.Listed message : wanted) {
            byte[] mime = fetched.get(message.id());
            if (mime == null) {
                gone++;
            } else if (mime.length > MAX_MIME_BYTES || !ingest(mailbox, message, mime)) {
                alone += fetchAlone(mailbox, message);
            } else {
                scanned++;
            }
        }
        LOG.info(
                "event=m365_catch_up_fetched tenant={} mailbox={} listed={} scanned={} gone={} alone={}",
                item.tenantId(),
                mailbox.getId(),
                wanted.size(),
                scanned,
                gone,
                alone);
    }

    // Not yet: the batch's raw messages are held in memory together, so 20 very large messages need that much heap.
    private Map<String, byte[]> fetch(Mailbox mailbox, List<CatchUpFetch.Listed> wanted) {
        GraphServiceClient graph = tenants.graph(mailbox.getTenantId());
        Map<String, RequestInformation> requests = new LinkedHashMap<>();
        for (CatchUpFetch.Listed message : wanted) {
            requests.put(
                    message.id(),
                    graph.users()
                            .byUserId(mailbox.getProviderMailboxId())
                            .messages()
                            .byMessageId(message.id())
                            .content()
                            .toGetRequestInformation());
        }
        try {
            return batch.getAllBytes(graph, requests);
        } catch (ConnectorException e) {
            throw e.asWorkFailure();
        }
    }

    /** Ingests one message; false when the pipeline refused it for a reason other than already holding it. */
    private boolean ingest(Mailbox mailbox, CatchUpFetch.Listed message, byte[] mime) {
        IngestRequest request = new IngestRequest(
                mailbox.getTenantId(),
                mailbox.getId(),
                message.id(),
                message.folder(),
                message.receivedAt() == null ? clock.instant() : message.receivedAt(),
                mime);
        try {
            ingest.ingest(request);
            return true;
        } catch (DataIntegrityViolationException e) {
            // Ingest holds each copy under a lock, so this is not expected any more; should it happen, the message is
            // held once, which is the aim. In the race a notification and a catch-up both fetch the message.
            LOG.info("event=m365_catch_up_raced tenant={} mailbox={}", mailbox.getTenantId(), mailbox.getId());
            return true;
        } catch (RuntimeException e) {
            LOG.error(
                    "event=m365_catch_up_ingest_failed tenant={} mailbox={} error={}",
                    mailbox.getTenantId(),
                    mailbox.getId(),
                    e.toString());
            return false;
        }
    }

    /** Hands one message to the per-message path, which retries it and dead-letters it visibly if it keeps failing. */
    private int fetchAlone(Mailbox mailbox, CatchUpFetch.Listed message) {
        UUID mailboxId = mailbox.getId();
        boolean added = queue.enqueue(
                mailbox.getTenantId(),
                NotificationIntake.MESSAGE_KIND,
                MessageWork.key(mailboxId, message.id()),
                MessageWork.payload(mailboxId, message.id(), "delta").toString());
        if (added) {
            workers.wake();
        }
        return 1;
    }
}
