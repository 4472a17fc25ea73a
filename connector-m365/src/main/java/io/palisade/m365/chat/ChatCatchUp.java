package io.palisade.m365.chat;

import com.microsoft.graph.models.ChatMessage;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.chats.getallmessages.GetAllMessagesGetResponse;
import com.microsoft.graph.users.item.chats.getallmessages.GetAllMessagesRequestBuilder;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.queue.NewWork;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.work.WorkSignal;
import io.palisade.m365.catchup.CatchUpProperties;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.graph.M365Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Catches a mailbox's chats up when chat notifications were lost. Graph offers no delta for chat messages in the
 * v1.0 SDK, so a round lists {@code /users/{id}/chats/getAllMessages} filtered on {@code lastModifiedDateTime gt}
 * the start of the previous round (less an overlap), as the API documents, and makes each message the same work
 * item a notification would have made: a message seen by both, or by several members' rounds, is worked once. A
 * mailbox without a previous round looks back {@link CatchUpProperties#initialWindow()}.
 */
@Service
public class ChatCatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCatchUp.class);
    /** Overlap with the previous round, so a message modified while it ran, or under clock skew, is not missed. */
    private static final Duration OVERLAP = Duration.ofMinutes(10);
    /** The largest page getAllMessages serves. */
    private static final int PAGE = 50;

    private final M365Tenants tenants;
    private final ChatSyncStore syncs;
    private final WorkQueue queue;
    private final WorkSignal workers;
    private final CatchUpProperties properties;
    private final Clock clock;

    public ChatCatchUp(
            M365Tenants tenants,
            ChatSyncStore syncs,
            WorkQueue queue,
            WorkSignal workers,
            CatchUpProperties properties,
            Clock clock) {
        this.tenants = tenants;
        this.syncs = syncs;
        this.queue = queue;
        this.workers = workers;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One round for the chats the mailbox's user is in.
     *
     * @return how many messages were new work (not already known from notifications or an earlier round)
     */
    public int catchUp(Mailbox mailbox) throws ConnectorException {
        // Not yet: one listing per watched mailbox, so a chat is listed once per watched member, and a chat with no
        // watched member is never caught up.
        Instant started = clock.instant();
        Instant from = syncs.syncedAt(mailbox.getTenantId(), mailbox.getId())
                .map(last -> last.minus(OVERLAP))
                .orElse(started.minus(properties.initialWindow()));
        int added;
        try {
            added = follow(mailbox, first(mailbox, from));
        } catch (RuntimeException e) {
            throw GraphErrors.map("chat catch-up", e);
        }
        syncs.save(mailbox.getTenantId(), mailbox.getId(), started);
        if (added > 0) {
            workers.wake();
        }
        LOG.info(
                "event=m365_chat_catch_up_done tenant={} mailbox={} from={} new={}",
                mailbox.getTenantId(),
                mailbox.getId(),
                from,
                added);
        return added;
    }

    private GetAllMessagesGetResponse first(Mailbox mailbox, Instant from) {
        String filter = "lastModifiedDateTime gt " + DateTimeFormatter.ISO_INSTANT.format(from);
        return request(mailbox).get(request -> {
            request.queryParameters.filter = filter;
            request.queryParameters.top = PAGE;
        });
    }

    private GetAllMessagesRequestBuilder request(Mailbox mailbox) {
        GraphServiceClient graph = tenants.graph(mailbox.getTenantId());
        return graph.users().byUserId(mailbox.getProviderMailboxId()).chats().getAllMessages();
    }

    private int follow(Mailbox mailbox, GetAllMessagesGetResponse page) {
        int added = 0;
        GetAllMessagesGetResponse current = page;
        while (current != null) {
            added += enqueue(mailbox, current.getValue());
            String next = current.getOdataNextLink();
            current = next == null ? null : request(mailbox).withUrl(next).get();
        }
        return added;
    }

    private int enqueue(Mailbox mailbox, List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            return 0;
        }
        List<NewWork> work = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message.getId() == null || message.getChatId() == null || message.getLastModifiedDateTime() == null) {
                continue;
            }
            ChatWork.Target target = new ChatWork.Target(message.getChatId(), message.getId());
            Instant created = message.getCreatedDateTime() == null
                    ? null
                    : message.getCreatedDateTime().toInstant();
            Instant modified = message.getLastModifiedDateTime().toInstant();
            work.add(new NewWork(
                    ChatWork.catchUpKey(target, created, modified),
                    ChatWork.payload(target, "catchup").toString()));
        }
        return work.isEmpty() ? 0 : queue.enqueueAll(mailbox.getTenantId(), ChatWork.KIND, work);
    }
}
