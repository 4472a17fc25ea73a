package io.palisade.m365.chat;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.queue.NewWork;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.work.WorkSignal;
import io.palisade.m365.catchup.CatchUpProperties;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks for chat catch-up rounds as durable work items, one per watched mailbox: at start-up, after a lifecycle event
 * of a tenant's chat subscription, and in the periodic sweep. Sweep and start-up requests carry the sweep period in
 * their key, so several instances asking at once make one round.
 */
@Service
public class ChatCatchUpRequests {

    /** Work-item kind of a chat catch-up round for one mailbox. */
    public static final String KIND = "m365.chat-catchup";

    private static final Logger LOG = LoggerFactory.getLogger(ChatCatchUpRequests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatSyncStore syncs;
    private final MailboxRepository mailboxes;
    private final WorkQueue queue;
    private final WorkSignal workers;
    private final CatchUpProperties properties;
    private final Clock clock;

    public ChatCatchUpRequests(
            ChatSyncStore syncs,
            MailboxRepository mailboxes,
            WorkQueue queue,
            WorkSignal workers,
            CatchUpProperties properties,
            Clock clock) {
        this.syncs = syncs;
        this.mailboxes = mailboxes;
        this.queue = queue;
        this.workers = workers;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round for every watched mailbox of a tenant, after the event {@code cause} (e.g. a work item's id). */
    public int requestTenant(UUID tenantId, String reason, String cause) {
        int added = enqueue(tenantId, reason, cause);
        if (added > 0) {
            workers.wake();
        }
        LOG.info("event=m365_chat_catch_up_requested tenant={} reason={} mailboxes={}", tenantId, reason, added);
        return added;
    }

    /**
     * One round for every watched Microsoft 365 mailbox of every tenant whose chats are watched, in the current sweep
     * period.
     */
    public int requestAll(String reason) {
        String period =
                Long.toString(clock.millis() / properties.sweepInterval().toMillis());
        int added = 0;
        for (UUID tenantId : syncs.tenantsWithChats()) {
            added += enqueue(tenantId, "sweep", period);
        }
        if (added > 0) {
            workers.wake();
        }
        LOG.info("event=m365_chat_catch_up_requested reason={} mailboxes={}", reason, added);
        return added;
    }

    /** Start-up: chat messages posted while no instance was listening are caught up at once. */
    @EventListener(ApplicationReadyEvent.class)
    public void atStartUp() {
        requestAll("startup");
    }

    private int enqueue(UUID tenantId, String reason, String cause) {
        List<NewWork> work = mailboxes.findByTenantIdAndStatusOrderByAddress(tenantId, MailboxStatus.ACTIVE).stream()
                .filter(m -> m.getProvider() == Provider.M365)
                .map(m -> new NewWork(
                        "chatcatchup:" + m.getId() + ":" + reason + ":" + cause,
                        JSON.createObjectNode()
                                .put("mailboxId", m.getId().toString())
                                .put("reason", reason)
                                .toString()))
                .toList();
        return work.isEmpty() ? 0 : queue.enqueueAll(tenantId, KIND, work);
    }
}
