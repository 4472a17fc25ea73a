package io.palisade.m365.mail;

import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.queue.NewWork;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.work.WorkHandler;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.graph.M365Tenants;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a watched mailbox's quarantine folder ahead of its first quarantine, one work item per mailbox, so that a
 * campaign's first clawback across thousands of mailboxes costs one move a copy rather than a folder's creation
 * as well. Asked for when discovery starts watching a mailbox; repeating it is harmless.
 */
@Component
public class QuarantinePreparation implements WorkHandler {

    /** The work-item kind. */
    public static final String KIND = "m365.quarantine-folder";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkQueue queue;
    private final MailboxRepository mailboxes;
    private final M365Tenants tenants;
    private final QuarantineFolders folders;

    QuarantinePreparation(
            WorkQueue queue, MailboxRepository mailboxes, M365Tenants tenants, QuarantineFolders folders) {
        this.queue = queue;
        this.mailboxes = mailboxes;
        this.tenants = tenants;
        this.folders = folders;
    }

    /** Asks for the folders of the tenant's mailboxes, once each (the work key is the mailbox). */
    public void request(UUID tenantId, Collection<UUID> mailboxIds) {
        if (mailboxIds.isEmpty()) {
            return;
        }
        queue.enqueueAll(
                tenantId,
                KIND,
                mailboxIds.stream()
                        .map(id -> new NewWork(id.toString(), "{\"mailboxId\":\"" + id + "\"}"))
                        .toList());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(WorkItem item) {
        UUID mailboxId = UUID.fromString(
                JSON.readTree(item.payloadJson()).path("mailboxId").asString());
        Mailbox mailbox =
                mailboxes.findByTenantIdAndId(item.tenantId(), mailboxId).orElse(null);
        if (mailbox == null || mailbox.getStatus() != MailboxStatus.ACTIVE) {
            return;
        }
        try {
            folders.ensure(tenants.graph(item.tenantId()), item.tenantId(), mailbox.getProviderMailboxId());
        } catch (RuntimeException e) {
            throw GraphErrors.map("quarantine folder", e).asWorkFailure();
        }
    }
}
