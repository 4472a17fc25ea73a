package io.palisade.m365.catchup;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.queue.NewWork;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.core.work.WorkSignal;
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
 * Asks for catch-up rounds as durable work items, so they survive restarts and run on any instance. Sweep and
 * start-up requests carry the sweep period in their key, so several instances asking at once make one round.
 */
@Service
public class CatchUpRequests {

    /** Work-item kind of a catch-up round for one mailbox. */
    public static final String KIND = "m365.catchup";

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpRequests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantService tenants;
    private final MailboxRepository mailboxes;
    private final WorkQueue queue;
    private final WorkSignal workers;
    private final CatchUpProperties properties;
    private final Clock clock;

    public CatchUpRequests(
            TenantService tenants,
            MailboxRepository mailboxes,
            WorkQueue queue,
            WorkSignal workers,
            CatchUpProperties properties,
            Clock clock) {
        this.tenants = tenants;
        this.mailboxes = mailboxes;
        this.queue = queue;
        this.workers = workers;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round for a mailbox, after the event {@code cause} (e.g. a lifecycle notification's work item id). */
    public boolean request(UUID tenantId, UUID mailboxId, String reason, String cause) {
        boolean added = queue.enqueue(tenantId, KIND, key(mailboxId, reason, cause), payload(mailboxId, reason));
        if (added) {
            workers.wake();
        }
        return added;
    }

    /** One round for every watched Microsoft 365 mailbox of every tenant, in the current sweep period. */
    public int requestAll(String reason) {
        String period =
                Long.toString(clock.millis() / properties.sweepInterval().toMillis());
        int added = 0;
        for (Tenant tenant : tenants.all()) {
            List<NewWork> work =
                    mailboxes.findByTenantIdAndStatusOrderByAddress(tenant.getId(), MailboxStatus.ACTIVE).stream()
                            .filter(m -> m.getProvider() == Provider.M365)
                            .map(m -> new NewWork(key(m.getId(), "sweep", period), payload(m.getId(), reason)))
                            .toList();
            if (!work.isEmpty()) {
                added += queue.enqueueAll(tenant.getId(), KIND, work);
            }
        }
        if (added > 0) {
            workers.wake();
        }
        LOG.info("event=m365_catch_up_requested reason={} mailboxes={}", reason, added);
        return added;
    }

    /** Start-up: whatever arrived while no instance was listening is caught up at once. */
    @EventListener(ApplicationReadyEvent.class)
    public void atStartUp() {
        requestAll("startup");
    }

    private static String key(UUID mailboxId, String reason, String cause) {
        return "catchup:" + mailboxId + ":" + reason + ":" + cause;
    }

    private static String payload(UUID mailboxId, String reason) {
        return JSON.createObjectNode()
                .put("mailboxId", mailboxId.toString())
                .put("reason", reason)
                .toString();
    }

    static Mailbox requireMailbox(MailboxRepository mailboxes, UUID tenantId, UUID mailboxId) {
        return mailboxes
                .findByTenantIdAndId(tenantId, mailboxId)
                .orElseThrow(() -> new io.palisade.core.work.PermanentWorkException("no mailbox " + mailboxId));
    }
}
