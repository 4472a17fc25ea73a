package io.palisade.m365.catchup;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaRequestBuilder;
import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.work.WorkSignal;
import io.palisade.m365.M365Metrics;
import io.palisade.m365.graph.GraphBatch;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.graph.M365Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Catches a mailbox up with Graph delta queries, one tracked folder at a time, from the folder's stored delta link.
 * The messages delta reports that the mailbox does not hold yet become {@link CatchUpFetch} work items of up to 20
 * messages each, fetched with one Graph {@code $batch} apiece ({@link CatchUpFetchHandler}); a message already
 * scanned (from a notification or an earlier round) is left out before anything is fetched, and the pipeline holds
 * each message once even when a notification fetches it at the same moment. A folder without a link starts from
 * {@link CatchUpProperties#initialWindow()}; an
 * expired link (HTTP 410) restarts from the last successful round, bounded by {@link CatchUpProperties#maxResync()},
 * filtered on receivedDateTime as Graph allows.
 */
@Service
public class DeltaCatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaCatchUp.class);
    /** Overlap with the previous round, so a message delivered while it finished is not missed. */
    private static final Duration OVERLAP = Duration.ofMinutes(10);
    /** What a batch fetch needs besides the MIME, so no message is read one by one. */
    private static final String[] SELECT = {"id", "receivedDateTime", "parentFolderId", "internetMessageId"};

    private final M365Tenants tenants;
    private final DeltaLinkStore links;
    private final KnownMessages known;
    private final WorkQueue queue;
    private final WorkSignal workers;
    private final CatchUpProperties properties;
    private final M365Metrics metrics;
    private final Clock clock;

    public DeltaCatchUp(
            M365Tenants tenants,
            DeltaLinkStore links,
            KnownMessages known,
            WorkQueue queue,
            WorkSignal workers,
            CatchUpProperties properties,
            M365Metrics metrics,
            Clock clock) {
        this.tenants = tenants;
        this.links = links;
        this.known = known;
        this.queue = queue;
        this.workers = workers;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Catches up every tracked folder of the mailbox.
     *
     * @return how many messages were new work (not already scanned, nor listed by an earlier round)
     */
    public int catchUp(Mailbox mailbox) throws ConnectorException {
        GraphServiceClient graph = tenants.graph(mailbox.getTenantId());
        int added = 0;
        for (String folder : properties.folders()) {
            added += catchUpFolder(graph, mailbox, folder);
        }
        if (added > 0) {
            workers.wake();
        }
        metrics.catchUpFound(mailbox.getTenantId(), added);
        LOG.info("event=m365_catch_up_done tenant={} mailbox={} new={}", mailbox.getTenantId(), mailbox.getId(), added);
        return added;
    }

    private int catchUpFolder(GraphServiceClient graph, Mailbox mailbox, String folder) throws ConnectorException {
        Instant started = clock.instant();
        Optional<DeltaLinkStore.DeltaLink> stored = links.find(mailbox.getTenantId(), mailbox.getId(), folder);
        try {
            if (stored.isPresent()) {
                return follow(
                        graph,
                        mailbox,
                        folder,
                        started,
                        delta(graph, mailbox, folder).withUrl(stored.get().link()));
            }
            return follow(
                    graph,
                    mailbox,
                    folder,
                    started,
                    since(graph, mailbox, folder, started.minus(properties.initialWindow())));
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 410 || stored.isEmpty()) {
                throw GraphErrors.map("delta of " + folder, e);
            }
            Instant from = resyncFrom(stored.get().syncedAt(), started);
            LOG.warn(
                    "event=m365_delta_expired tenant={} mailbox={} folder={} resync_from={}",
                    mailbox.getTenantId(),
                    mailbox.getId(),
                    folder,
                    from);
            return follow(graph, mailbox, folder, started, since(graph, mailbox, folder, from));
        } catch (RuntimeException e) {
            throw GraphErrors.map("delta of " + folder, e);
        }
    }

    private Instant resyncFrom(Instant lastSync, Instant now) {
        Instant wanted = lastSync.minus(OVERLAP);
        Instant bound = now.minus(properties.maxResync());
        return wanted.isBefore(bound) ? bound : wanted;
    }

    private static DeltaRequestBuilder delta(GraphServiceClient graph, Mailbox mailbox, String folder) {
        return graph.users()
                .byUserId(mailbox.getProviderMailboxId())
                .mailFolders()
                .byMailFolderId(folder)
                .messages()
                .delta();
    }

    private static DeltaGetResponse since(GraphServiceClient graph, Mailbox mailbox, String folder, Instant from) {
        String filter =
                "receivedDateTime ge " + DateTimeFormatter.ISO_INSTANT.format(from.truncatedTo(ChronoUnit.SECONDS));
        return delta(graph, mailbox, folder).get(request -> {
            request.queryParameters.select = SELECT;
            request.queryParameters.filter = filter;
        });
    }

    private int follow(
            GraphServiceClient graph, Mailbox mailbox, String folder, Instant started, DeltaRequestBuilder page) {
        return follow(graph, mailbox, folder, started, page.get());
    }

    /**
     * Follows the pages to the delta link. New messages wait in {@code pending} until 20 are there (delta pages are
     * often smaller), so each fetch item fills a whole batch; the rest are queued before the link is stored.
     */
    private int follow(
            GraphServiceClient graph, Mailbox mailbox, String folder, Instant started, DeltaGetResponse page) {
        int added = 0;
        List<CatchUpFetch.Listed> pending = new ArrayList<>();
        DeltaGetResponse current = page;
        while (current != null) {
            pending.addAll(fresh(mailbox, current.getValue()));
            while (pending.size() >= GraphBatch.MAX_REQUESTS) {
                List<CatchUpFetch.Listed> chunk = pending.subList(0, GraphBatch.MAX_REQUESTS);
                added += enqueue(mailbox, List.copyOf(chunk));
                chunk.clear();
            }
            if (current.getOdataDeltaLink() != null) {
                added += enqueue(mailbox, pending);
                links.save(mailbox.getTenantId(), mailbox.getId(), folder, current.getOdataDeltaLink(), started);
                return added;
            }
            String next = current.getOdataNextLink();
            if (next == null) {
                throw new IllegalStateException("delta page with neither nextLink nor deltaLink");
            }
            current = delta(graph, mailbox, folder).withUrl(next).get();
        }
        return added;
    }

    /** The page's messages the mailbox does not hold yet; {@code @removed} entries are left out. */
    private List<CatchUpFetch.Listed> fresh(Mailbox mailbox, List<Message> messages) {
        if (messages == null || messages.isEmpty()) {
            return List.of();
        }
        List<CatchUpFetch.Listed> listed = new ArrayList<>();
        for (Message message : messages) {
            boolean removed = message.getAdditionalData() != null
                    && message.getAdditionalData().containsKey("@removed");
            if (!removed && message.getId() != null) {
                listed.add(new CatchUpFetch.Listed(
                        message.getId(),
                        message.getParentFolderId(),
                        message.getReceivedDateTime() == null
                                ? null
                                : message.getReceivedDateTime().toInstant(),
                        message.getInternetMessageId()));
            }
        }
        return known.unknown(mailbox.getTenantId(), mailbox.getId(), listed);
    }

    /** Queues one fetch item; returns how many messages it holds when it is new, 0 when it was queued before. */
    private int enqueue(Mailbox mailbox, List<CatchUpFetch.Listed> chunk) {
        if (chunk.isEmpty()) {
            return 0;
        }
        boolean isNew = queue.enqueue(
                mailbox.getTenantId(),
                CatchUpFetch.KIND,
                CatchUpFetch.key(mailbox.getId(), chunk),
                CatchUpFetch.payload(mailbox.getId(), chunk));
        return isNew ? chunk.size() : 0;
    }
}
