package io.palisade.m365.catchup;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.WorkHandler;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs one catch-up round for one mailbox; throttling and outages retry the round, which is safe to repeat. */
@Component
public class CatchUpHandler implements WorkHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MailboxRepository mailboxes;
    private final DeltaCatchUp catchUp;

    public CatchUpHandler(MailboxRepository mailboxes, DeltaCatchUp catchUp) {
        this.mailboxes = mailboxes;
        this.catchUp = catchUp;
    }

    @Override
    public String kind() {
        return CatchUpRequests.KIND;
    }

    @Override
    public void handle(WorkItem item) {
        JsonNode payload = JSON.readTree(item.payloadJson());
        UUID mailboxId = UUID.fromString(payload.path("mailboxId").asString());
        Mailbox mailbox = CatchUpRequests.requireMailbox(mailboxes, item.tenantId(), mailboxId);
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
