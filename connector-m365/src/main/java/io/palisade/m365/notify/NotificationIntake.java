package io.palisade.m365.notify;

import io.palisade.core.queue.WorkQueue;
import io.palisade.core.work.WorkSignal;
import io.palisade.m365.chat.ChatWork;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes a POST of Graph change or lifecycle notifications: checks each against its subscription's clientState and
 * stores it as durable work, in one transaction, so the endpoint can answer 202 within Graph's 3 seconds and
 * process later. A repeat of a stored notification is a no-op.
 */
@Service
public class NotificationIntake {

    /** Work-item kind of a message change notification. */
    public static final String MESSAGE_KIND = "m365.notification";

    /** Work-item kind of a lifecycle notification. */
    public static final String LIFECYCLE_KIND = "m365.lifecycle";

    private static final Logger LOG = LoggerFactory.getLogger(NotificationIntake.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final SubscriptionStore subscriptions;
    private final WorkQueue queue;
    private final WorkSignal workers;
    private final Clock clock;

    public NotificationIntake(SubscriptionStore subscriptions, WorkQueue queue, WorkSignal workers, Clock clock) {
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Stores the change notifications of one POST.
     *
     * @throws MalformedNotificationException when the body is not a notification collection
     */
    @Transactional
    public IntakeResult acceptChanges(String body) {
        IntakeResult result = accept(body, false);
        wakeIfStored(result);
        return result;
    }

    /** Stores the lifecycle notifications of one POST. */
    @Transactional
    public IntakeResult acceptLifecycle(String body) {
        IntakeResult result = accept(body, true);
        wakeIfStored(result);
        return result;
    }

    private IntakeResult accept(String body, boolean lifecycle) {
        List<JsonNode> notifications = parse(body);
        Map<String, SubscriptionRecord> known = subscriptions.findByIds(subscriptionIds(notifications));
        IntakeResult result = IntakeResult.empty();
        for (JsonNode notification : notifications) {
            result = result.plus(acceptOne(notification, known, lifecycle));
        }
        LOG.info(
                "event=m365_notifications_received lifecycle={} stored={} duplicates={} ignored={} rejected={}",
                lifecycle,
                result.stored(),
                result.duplicates(),
                result.ignored(),
                result.rejected());
        return result;
    }

    private IntakeResult acceptOne(JsonNode notification, Map<String, SubscriptionRecord> known, boolean lifecycle) {
        String subscriptionId = notification.path("subscriptionId").asString("");
        SubscriptionRecord subscription = known.get(subscriptionId);
        if (subscription == null) {
            LOG.info("event=m365_notification_ignored reason=unknown_subscription subscription={}", subscriptionId);
            return new IntakeResult(0, 0, 1, 0);
        }
        if (!ClientStates.matches(notification.path("clientState").asString(null), subscription.clientStateHash())) {
            LOG.warn(
                    "event=m365_notification_rejected reason=client_state_mismatch tenant={} subscription={}",
                    subscription.tenantId(),
                    subscriptionId);
            return new IntakeResult(0, 0, 0, 1);
        }
        return lifecycle ? storeLifecycle(notification, subscription) : storeChange(notification, subscription);
    }

    private IntakeResult storeChange(JsonNode notification, SubscriptionRecord subscription) {
        String changeType = notification.path("changeType").asString("");
        String messageId = notification.path("resourceData").path("id").asString("");
        if (subscription.mailboxId() == null) {
            return storeChat(notification, subscription, changeType);
        }
        if (!"created".equals(changeType) || messageId.isEmpty()) {
            // Mail updates and deletions need no scan.
            LOG.debug("event=m365_notification_ignored reason=change_type change_type={}", changeType);
            return new IntakeResult(0, 0, 1, 0);
        }
        ObjectNode payload = MessageWork.payload(subscription.mailboxId(), messageId, "notification")
                .put("subscriptionId", subscription.subscriptionId());
        String key = MessageWork.key(subscription.mailboxId(), messageId);
        return enqueue(subscription, MESSAGE_KIND, key, payload);
    }

    private IntakeResult storeChat(JsonNode notification, SubscriptionRecord subscription, String changeType) {
        var target = ChatWork.target(notification.path("resource").asString(""));
        if (target.isEmpty() || !("created".equals(changeType) || "updated".equals(changeType))) {
            LOG.debug("event=m365_notification_ignored reason=chat_change change_type={}", changeType);
            return new IntakeResult(0, 0, 1, 0);
        }
        String key = ChatWork.key(target.get(), changeType, clock.instant());
        return enqueue(subscription, ChatWork.KIND, key, ChatWork.payload(target.get(), changeType));
    }

    private IntakeResult storeLifecycle(JsonNode notification, SubscriptionRecord subscription) {
        String event = notification.path("lifecycleEvent").asString("");
        String expiry = notification.path("subscriptionExpirationDateTime").asString("");
        ObjectNode payload = JSON.createObjectNode()
                .put("subscriptionId", subscription.subscriptionId())
                .put("lifecycleEvent", event)
                .put("subscriptionExpirationDateTime", expiry);
        String key = "lifecycle:" + subscription.subscriptionId() + ":" + event + ":" + expiry;
        return enqueue(subscription, LIFECYCLE_KIND, key, payload);
    }

    private IntakeResult enqueue(SubscriptionRecord subscription, String kind, String key, ObjectNode payload) {
        boolean added = queue.enqueue(subscription.tenantId(), kind, key, payload.toString());
        return added ? new IntakeResult(1, 0, 0, 0) : new IntakeResult(0, 1, 0, 0);
    }

    private void wakeIfStored(IntakeResult result) {
        if (result.stored() > 0) {
            workers.wake();
        }
    }

    private static List<JsonNode> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedNotificationException("notification body is not JSON", e);
        }
        JsonNode value = root == null ? null : root.get("value");
        if (value == null || !value.isArray()) {
            throw new MalformedNotificationException("notification body has no value array", null);
        }
        List<JsonNode> notifications = new ArrayList<>();
        value.forEach(notifications::add);
        return notifications;
    }

    private static List<String> subscriptionIds(List<JsonNode> notifications) {
        return notifications.stream()
                .map(n -> n.path("subscriptionId").asString(""))
                .filter(id -> !id.isEmpty())
                .distinct()
                .toList();
    }
}
