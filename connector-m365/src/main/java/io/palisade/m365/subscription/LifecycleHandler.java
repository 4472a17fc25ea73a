package io.palisade.m365.subscription;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.WorkHandler;
import io.palisade.m365.catchup.CatchUpRequests;
import io.palisade.m365.chat.ChatCatchUpRequests;
import io.palisade.m365.notify.NotificationIntake;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acts on a stored lifecycle notification, as Graph's lifecycle documentation asks: reauthorizationRequired →
 * reauthorize; subscriptionRemoved → create a new subscription, then catch up; missed → catch up. Every event also
 * catches the mailbox up, since notifications may have been paused or lost before it.
 */
@Component
public class LifecycleHandler implements WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SubscriptionStore store;
    private final SubscriptionManager subscriptions;
    private final CatchUpRequests catchUp;
    private final ChatCatchUpRequests chatCatchUp;

    public LifecycleHandler(
            SubscriptionStore store,
            SubscriptionManager subscriptions,
            CatchUpRequests catchUp,
            ChatCatchUpRequests chatCatchUp) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.catchUp = catchUp;
        this.chatCatchUp = chatCatchUp;
    }

    /** A retried item finds the old row already REMOVED and its replacement made: nothing to re-create. */
    private void recreateOnce(SubscriptionRecord record) throws ConnectorException {
        if (record.status() != SubscriptionRecord.Status.REMOVED) {
            subscriptions.recreate(record);
        }
    }

    @Override
    public String kind() {
        return NotificationIntake.LIFECYCLE_KIND;
    }

    @Override
    public void handle(WorkItem item) {
        JsonNode payload = JSON.readTree(item.payloadJson());
        String subscriptionId = payload.path("subscriptionId").asString("");
        String event = payload.path("lifecycleEvent").asString("");
        SubscriptionRecord record = store.findByIds(List.of(subscriptionId)).get(subscriptionId);
        if (record == null || !record.tenantId().equals(item.tenantId())) {
            throw new PermanentWorkException("no subscription " + subscriptionId + " in tenant");
        }
        try {
            switch (event) {
                case "reauthorizationRequired" -> subscriptions.reauthorize(record);
                case "subscriptionRemoved" -> recreateOnce(record);
                case "missed" -> {}
                default -> {
                    LOG.warn("event=m365_lifecycle_unknown tenant={} lifecycle_event={}", item.tenantId(), event);
                    return;
                }
            }
        } catch (ConnectorException e) {
            throw e.asWorkFailure();
        }
        if (record.mailboxId() != null) {
            catchUp.request(
                    item.tenantId(), record.mailboxId(), "lifecycle", item.id().toString());
        } else {
            // The tenant's chat subscription: every watched mailbox's chats are caught up.
            chatCatchUp.requestTenant(item.tenantId(), "lifecycle", item.id().toString());
        }
        LOG.info(
                "event=m365_lifecycle_handled tenant={} subscription={} lifecycle_event={}",
                item.tenantId(),
                subscriptionId,
                event);
    }
}
