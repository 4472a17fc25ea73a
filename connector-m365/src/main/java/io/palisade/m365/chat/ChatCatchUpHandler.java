package io.palisade.m365.chat;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.WorkHandler;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Runs one chat catch-up round for one mailbox; throttling and outages retry the round, which is safe to repeat. */
@Component
public class ChatCatchUpHandler implements WorkHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MailboxRepository mailboxes;
    private final ChatCatchUp catchUp;

    public ChatCatchUpHandler(MailboxRepository mailboxes, ChatCatchUp catchUp) {
        this.mailboxes = mailboxes;
        this.catchUp = catchUp;
    }

    @Override
    public String kind() {
        return ChatCatchUpRequests.KIND;
    }

    @Override
    public void handle(WorkItem item) {
        UUID mailboxId = UUID.fromString(
                JSON.readTree(item.payloadJson()).path("mailboxId").asString());
        Mailbox mailbox = mailboxes
                .findByTenantIdAndId(item.tenantId(), mailboxId)
                .orElseThrow(() -> new PermanentWorkException("no mailbox " + mailboxId + " in tenant"));
        if (mailbox.getStatus() != MailboxStatus.ACTIVE) {
            return;
        }
        try {
            catchUp.catchUp(mailbox);
        } catch (ConnectorException e) {
            throw e.asWorkFailure();
        }
    }
}
