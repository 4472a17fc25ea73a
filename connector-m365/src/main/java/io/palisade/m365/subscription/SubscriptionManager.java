package io.palisade.m365.subscription;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.m365.M365Properties;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.graph.M365Tenants;
import io.palisade.m365.notify.ClientStates;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creates, renews, reauthorizes and re-creates Graph subscriptions: one per mailbox for its new messages and one
 * per tenant for {@code /chats/getAllMessages}. Each gets a random clientState, kept only as a hash, and a
 * lifecycle notification URL (settable only at creation), so Graph warns before it pauses or drops it. Failures are
 * recorded on the subscription's row, where health reads them.
 */
@Service
public class SubscriptionManager {

    /** The resource of a tenant's chat-message subscription. */
    public static final String CHATS_RESOURCE = "/chats/getAllMessages";

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionManager.class);

    private final M365Tenants tenants;
    private final SubscriptionStore store;
    private final M365Properties properties;
    private final Clock clock;

    public SubscriptionManager(M365Tenants tenants, SubscriptionStore store, M365Properties properties, Clock clock) {
        this.tenants = tenants;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Subscribes to the new messages of a mailbox. Graph validates the notification URLs before it answers, so
     * the webhook endpoints must already be up.
     */
    public SubscriptionRecord subscribeMailbox(Mailbox mailbox) throws ConnectorException {
        return create(mailbox.getTenantId(), mailbox.getId(), "/users/" + mailbox.getProviderMailboxId() + "/messages");
    }

    /** Subscribes to every chat message of the tenant (Chat.Read.All). */
    public SubscriptionRecord subscribeTenantChats(UUID tenantId) throws ConnectorException {
        return create(tenantId, null, CHATS_RESOURCE);
    }

    private SubscriptionRecord create(UUID tenantId, UUID mailboxId, String resource) throws ConnectorException {
        if (properties.notificationUrl() == null) {
            throw ConnectorException.permanent("palisade.m365.notification-url is not configured", null);
        }
        String clientState = ClientStates.generate();
        Instant expires = clock.instant().plus(properties.subscriptionLifetime());
        Subscription request = new Subscription();
        // Chat messages are watched for edits too: a file can be added to a message after it was posted.
        request.setChangeType(mailboxId == null ? "created,updated" : "created");
        request.setResource(resource);
        request.setNotificationUrl(properties.notificationUrl().toString());
        request.setLifecycleNotificationUrl(lifecycleUrl());
        request.setClientState(clientState);
        request.setExpirationDateTime(OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
        Subscription created;
        try {
            created = tenants.graph(tenantId).subscriptions().post(request);
        } catch (RuntimeException e) {
            ConnectorException failure = GraphErrors.map("create subscription", e);
            LOG.error(
                    "event=m365_subscription_create_failed tenant={} mailbox={} quota={} error={}",
                    tenantId,
                    mailboxId,
                    isQuota(e),
                    failure.getMessage());
            throw failure;
        }
        SubscriptionRecord record = new SubscriptionRecord(
                created.getId(),
                tenantId,
                mailboxId,
                resource,
                ClientStates.hash(clientState),
                granted(created, expires),
                SubscriptionRecord.Status.ACTIVE);
        store.save(record);
        LOG.info(
                "event=m365_subscription_created tenant={} mailbox={} subscription={} expires={}",
                tenantId,
                mailboxId,
                created.getId(),
                record.expiresAt());
        return record;
    }

    /**
     * Extends a subscription by the configured lifetime (a PATCH renewal also reauthorizes). A subscription Graph no
     * longer knows is re-created; any other failure marks the row FAILED with the reason.
     *
     * @return the subscription now in force: the same one renewed, or its replacement
     */
    public SubscriptionRecord renew(SubscriptionRecord record) throws ConnectorException {
        Instant expires = clock.instant().plus(properties.subscriptionLifetime());
        Subscription patch = new Subscription();
        patch.setExpirationDateTime(OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
        try {
            Subscription renewed = graph(record)
                    .subscriptions()
                    .bySubscriptionId(record.subscriptionId())
                    .patch(patch);
            Instant granted = granted(renewed, expires);
            store.update(record.tenantId(), record.subscriptionId(), SubscriptionRecord.Status.ACTIVE, granted, null);
            LOG.info(
                    "event=m365_subscription_renewed tenant={} subscription={} expires={}",
                    record.tenantId(),
                    record.subscriptionId(),
                    granted);
            return withExpiry(record, granted);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404) {
                return recreate(record);
            }
            throw failed(record, "renew subscription", e);
        } catch (RuntimeException e) {
            throw failed(record, "renew subscription", e);
        }
    }

    /** Answers reauthorizationRequired: {@code POST /subscriptions/{id}/reauthorize}, else a PATCH renewal. */
    public SubscriptionRecord reauthorize(SubscriptionRecord record) throws ConnectorException {
        try {
            graph(record)
                    .subscriptions()
                    .bySubscriptionId(record.subscriptionId())
                    .reauthorize()
                    .post();
            store.update(
                    record.tenantId(),
                    record.subscriptionId(),
                    SubscriptionRecord.Status.ACTIVE,
                    record.expiresAt(),
                    null);
            LOG.info(
                    "event=m365_subscription_reauthorized tenant={} subscription={}",
                    record.tenantId(),
                    record.subscriptionId());
            return record;
        } catch (RuntimeException e) {
            LOG.warn(
                    "event=m365_subscription_reauthorize_failed tenant={} subscription={} fallback=renew",
                    record.tenantId(),
                    record.subscriptionId());
            return renew(record);
        }
    }

    /** Replaces a subscription Graph removed: the old row is marked REMOVED and a new subscription is created. */
    public SubscriptionRecord recreate(SubscriptionRecord record) throws ConnectorException {
        store.update(
                record.tenantId(),
                record.subscriptionId(),
                SubscriptionRecord.Status.REMOVED,
                record.expiresAt(),
                "removed by Graph");
        SubscriptionRecord replacement;
        try {
            replacement = create(record.tenantId(), record.mailboxId(), record.resource());
        } catch (ConnectorException e) {
            store.update(
                    record.tenantId(),
                    record.subscriptionId(),
                    SubscriptionRecord.Status.FAILED,
                    record.expiresAt(),
                    "re-create failed: " + e.getMessage());
            throw e;
        }
        LOG.info(
                "event=m365_subscription_recreated tenant={} old={} new={}",
                record.tenantId(),
                record.subscriptionId(),
                replacement.subscriptionId());
        return replacement;
    }

    private ConnectorException failed(SubscriptionRecord record, String operation, RuntimeException e) {
        ConnectorException failure = GraphErrors.map(operation, e);
        store.update(
                record.tenantId(),
                record.subscriptionId(),
                SubscriptionRecord.Status.FAILED,
                record.expiresAt(),
                failure.getMessage());
        LOG.error(
                "event=m365_subscription_renew_failed tenant={} subscription={} quota={} error={}",
                record.tenantId(),
                record.subscriptionId(),
                isQuota(e),
                failure.getMessage());
        return failure;
    }

    private static boolean isQuota(RuntimeException e) {
        return e instanceof ApiException api && api.getResponseStatusCode() == 403;
    }

    private GraphServiceClient graph(SubscriptionRecord record) {
        return tenants.graph(record.tenantId());
    }

    private static Instant granted(Subscription answer, Instant asked) {
        return answer == null || answer.getExpirationDateTime() == null
                ? asked
                : answer.getExpirationDateTime().toInstant();
    }

    private static SubscriptionRecord withExpiry(SubscriptionRecord r, Instant expiresAt) {
        return new SubscriptionRecord(
                r.subscriptionId(),
                r.tenantId(),
                r.mailboxId(),
                r.resource(),
                r.clientStateHash(),
                expiresAt,
                SubscriptionRecord.Status.ACTIVE);
    }

    private String lifecycleUrl() {
        return properties.lifecycleNotificationUrl() != null
                ? properties.lifecycleNotificationUrl().toString()
                : properties.notificationUrl().toString().replaceAll("/+$", "") + "/lifecycle";
    }
}
