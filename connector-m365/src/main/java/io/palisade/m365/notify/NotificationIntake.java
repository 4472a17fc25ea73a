package io.palisade.m365.notify;

import io.palisade.core.queue.WorkQueue;
import io.palisade.core.work.WorkSignal;
import io.palisade.m365.M365Metrics;
import io.palisade.m365.chat.ChatWork;
import io.palisade.m365.graph.M365Tenants;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes a POST of Graph change or lifecycle notifications: checks each against its subscription's clientState and
 * stores it as durable work, in one transaction, so the endpoint can answer 202 within Graph's 3 seconds and
 * process later. A repeat of a stored notification is a no-op.
 *
 * <p>With rich notifications enabled, a batch's validation tokens are checked first ({@link ValidationTokens}); if
 * one fails, or an encrypted item's tenant has no valid token, the whole batch is refused and nothing is stored.
 * Encrypted content is stored still encrypted, with the work; the worker decrypts and verifies it.
 */
@Service
public class NotificationIntake {

    /** Work-item kind of a message change notification. */
    public static final String MESSAGE_KIND = "m365.notification";

    /** Work-item kind of a lifecycle notification. */
    public static final String LIFECYCLE_KIND = "m365.lifecycle";

    /** Work-item kind of a chat-message notification that carries encrypted content. */
    public static final String RICH_CHAT_KIND = "m365.chat-message.rich";

    /** The outcome of notifications whose batch the database (or a validation key fetch) could not take. */
    private static final String NOT_STORED = "not_stored";

    /**
     * Graph waits 3 seconds for the answer: a lock on the work queue held longer (a migration, a bulk operation) fails
     * the batch, so the endpoint answers 5xx in time and Graph sends it again, instead of Graph giving up on a hung
     * request.
     */
    private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '2s'";

    private static final Logger LOG = LoggerFactory.getLogger(NotificationIntake.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern SUBSCRIPTION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final SubscriptionStore subscriptions;
    private final WorkQueue queue;
    private final WorkSignal workers;
    private final Clock clock;
    private final RichNotificationKeys richKeys;
    private final ValidationTokens validationTokens;
    private final M365Tenants tenants;
    private final TransactionTemplate transaction;
    private final M365Metrics metrics;
    private final JdbcTemplate jdbc;

    public NotificationIntake(
            SubscriptionStore subscriptions,
            WorkQueue queue,
            WorkSignal workers,
            Clock clock,
            RichNotificationKeys richKeys,
            ValidationTokens validationTokens,
            M365Tenants tenants,
            TransactionTemplate transaction,
            M365Metrics metrics,
            JdbcTemplate jdbc) {
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.workers = workers;
        this.clock = clock;
        this.richKeys = richKeys;
        this.validationTokens = validationTokens;
        this.tenants = tenants;
        this.transaction = transaction;
        this.metrics = metrics;
        this.jdbc = jdbc;
    }

    /**
     * Stores the change notifications of one POST. A batch refused for its validation tokens stores nothing and
     * counts every notification as rejected.
     *
     * @throws MalformedNotificationException when the body is not a notification collection
     * @throws ValidationKeysUnavailableException when the tokens could not be checked; nothing is stored, and the
     *     endpoint answers 5xx so that Graph retries
     */
    public IntakeResult acceptChanges(String body) {
        return accept(body, false);
    }

    /** Stores the lifecycle notifications of one POST. */
    public IntakeResult acceptLifecycle(String body) {
        return accept(body, true);
    }

    private IntakeResult accept(String body, boolean lifecycle) {
        JsonNode root = parse(body);
        List<JsonNode> notifications = notifications(root);
        Map<String, SubscriptionRecord> known = subscriptions.findByIds(subscriptionIds(notifications));
        String endpoint = lifecycle ? "lifecycle" : "changes";
        Map<UUID, Integer> received = countByTenant(notifications, known);
        received.forEach((tenant, count) -> metrics.notificationsReceived(tenant, endpoint, count));
        Map<UUID, IntakeResult> results;
        try {
            results = checkAndStore(root, notifications, known, lifecycle);
        } catch (MalformedNotificationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Nothing of the batch is stored: the endpoint answers 5xx and Graph sends it again.
            received.forEach((tenant, count) -> metrics.notifications(tenant, endpoint, NOT_STORED, count));
            throw e;
        }
        results.forEach((tenant, result) -> count(tenant, endpoint, result));
        IntakeResult total = results.values().stream().reduce(IntakeResult.empty(), IntakeResult::plus);
        wakeIfStored(total);
        return total;
    }

    private Map<UUID, IntakeResult> checkAndStore(
            JsonNode root, List<JsonNode> notifications, Map<String, SubscriptionRecord> known, boolean lifecycle) {
        if (!lifecycle && richKeys.enabled()) {
            // Checked before the transaction: a key-set fetch must not hold a database connection.
            String refusal = refusal(root, notifications, known);
            if (refusal != null) {
                LOG.warn("event=m365_notifications_refused reason={} notifications={}", refusal, notifications.size());
                Map<UUID, IntakeResult> refused = new HashMap<>();
                countByTenant(notifications, known)
                        .forEach((tenant, count) -> refused.put(tenant, new IntakeResult(0, 0, 0, count)));
                return refused;
            }
        }
        return transaction.execute(status -> {
            jdbc.execute(LOCK_TIMEOUT);
            return store(notifications, known, lifecycle);
        });
    }

    /** How many of the notifications belong to each tenant; the null key counts unknown subscriptions. */
    private static Map<UUID, Integer> countByTenant(
            List<JsonNode> notifications, Map<String, SubscriptionRecord> known) {
        Map<UUID, Integer> counts = new HashMap<>();
        for (JsonNode notification : notifications) {
            counts.merge(tenantOf(notification, known), 1, Integer::sum);
        }
        return counts;
    }

    private static UUID tenantOf(JsonNode notification, Map<String, SubscriptionRecord> known) {
        SubscriptionRecord subscription =
                known.get(notification.path("subscriptionId").asString(""));
        return subscription == null ? null : subscription.tenantId();
    }

    private void count(UUID tenant, String endpoint, IntakeResult result) {
        metrics.notifications(tenant, endpoint, "stored", result.stored());
        metrics.notifications(tenant, endpoint, "duplicate", result.duplicates());
        metrics.notifications(tenant, endpoint, "ignored", result.ignored());
        metrics.notifications(tenant, endpoint, "rejected", result.rejected());
    }

    /** Why a rich batch must be refused, or null when every token is valid and covers its encrypted items. */
    private String refusal(JsonNode root, List<JsonNode> notifications, Map<String, SubscriptionRecord> known) {
        List<String> tokens = tokens(root);
        boolean encrypted = notifications.stream().anyMatch(n -> n.has("encryptedContent"));
        if (tokens.isEmpty()) {
            return encrypted ? "validation_tokens_missing" : null;
        }
        Set<String> tokenTenants;
        try {
            tokenTenants = validationTokens.verify(tokens);
        } catch (InvalidValidationTokenException e) {
            return e.getMessage();
        } catch (ValidationKeysUnavailableException e) {
            LOG.error(
                    "event=m365_notifications_not_stored reason=validation_keys_unavailable error={}", e.getMessage());
            throw e;
        }
        for (JsonNode notification : notifications) {
            SubscriptionRecord subscription =
                    known.get(notification.path("subscriptionId").asString(""));
            if (notification.has("encryptedContent")
                    && subscription != null
                    && !tokenTenants.contains(externalTenant(subscription))) {
                return "no_token_for_tenant tenant=" + subscription.tenantId();
            }
        }
        return null;
    }

    private String externalTenant(SubscriptionRecord subscription) {
        try {
            return tenants.externalTenantId(subscription.tenantId());
        } catch (IllegalStateException e) {
            return "";
        }
    }

    private Map<UUID, IntakeResult> store(
            List<JsonNode> notifications, Map<String, SubscriptionRecord> known, boolean lifecycle) {
        Map<UUID, IntakeResult> results = new HashMap<>();
        Map<String, Integer> unknown = new LinkedHashMap<>();
        for (JsonNode notification : notifications) {
            String subscriptionId = notification.path("subscriptionId").asString("");
            if (!known.containsKey(subscriptionId)) {
                unknown.merge(subscriptionId, 1, Integer::sum);
                results.merge(null, new IntakeResult(0, 0, 1, 0), IntakeResult::plus);
                continue;
            }
            results.merge(tenantOf(notification, known), acceptOne(notification, known, lifecycle), IntakeResult::plus);
        }
        logUnknown(unknown);
        IntakeResult result = results.values().stream().reduce(IntakeResult.empty(), IntakeResult::plus);
        LOG.debug(
                "event=m365_notifications_received lifecycle={} stored={} duplicates={} ignored={} rejected={}",
                lifecycle,
                result.stored(),
                result.duplicates(),
                result.ignored(),
                result.rejected());
        return results;
    }

    private IntakeResult acceptOne(JsonNode notification, Map<String, SubscriptionRecord> known, boolean lifecycle) {
        String subscriptionId = notification.path("subscriptionId").asString("");
        SubscriptionRecord subscription = known.get(subscriptionId);
        if (!ClientStates.matches(notification.path("clientState").asString(null), subscription.clientStateHash())) {
            LOG.warn(
                    "event=m365_notification_rejected reason=client_state_mismatch tenant={} subscription={}",
                    subscription.tenantId(),
                    subscriptionId);
            return new IntakeResult(0, 0, 0, 1);
        }
        return lifecycle ? storeLifecycle(notification, subscription) : storeChange(notification, subscription);
    }

    /** One line per unknown subscription (a removed or another app's), however many of its notifications came. */
    private static void logUnknown(Map<String, Integer> notificationsBySubscription) {
        // Not yet: the lines of one POST are not capped, so a sender naming many made-up subscriptions fills the log.
        notificationsBySubscription.forEach((subscriptionId, count) -> LOG.info(
                "event=m365_notification_ignored reason=unknown_subscription subscription={} notifications={}",
                loggable(subscriptionId),
                count));
    }

    /**
     * A subscription id as it may be logged: anyone can post to the webhook, so an id that is not shaped like
     * Graph's (a GUID) is not written out, keeping the line one line.
     */
    static String loggable(String subscriptionId) {
        return SUBSCRIPTION_ID.matcher(subscriptionId).matches() ? subscriptionId : "not_a_subscription_id";
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
        withEncryptedContent(payload, notification);
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
        ObjectNode payload = ChatWork.payload(target.get(), changeType);
        String kind = withEncryptedContent(payload, notification) ? RICH_CHAT_KIND : ChatWork.KIND;
        return enqueue(subscription, kind, key, payload);
    }

    /**
     * Adds the item's encrypted content, still encrypted, to its work; with rich notifications disabled it is left
     * out and the worker reads the resource from Graph as for a plain notification.
     */
    private boolean withEncryptedContent(ObjectNode payload, JsonNode notification) {
        JsonNode content = notification.get("encryptedContent");
        if (!richKeys.enabled() || content == null || !content.isObject()) {
            return false;
        }
        payload.set(RichWork.ENCRYPTED_CONTENT, content);
        return true;
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

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedNotificationException("notification body is not JSON", e);
        }
    }

    private static List<String> tokens(JsonNode root) {
        JsonNode tokens = root.get("validationTokens");
        if (tokens == null || tokens.isNull()) {
            return List.of();
        }
        if (!tokens.isArray()) {
            throw new MalformedNotificationException("validationTokens is not an array", null);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode token : tokens) {
            if (!token.isString()) {
                throw new MalformedNotificationException("a validation token is not a string", null);
            }
            out.add(token.asString());
        }
        return out;
    }

    private static List<JsonNode> notifications(JsonNode root) {
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
