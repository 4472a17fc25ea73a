package io.palisade.m365.subscription;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.m365.M365Properties;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.graph.M365Tenants;
import io.palisade.m365.notify.ClientStates;
import io.palisade.m365.notify.RichNotificationKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creates, renews, reauthorizes and re-creates Graph subscriptions: one per mailbox for its new messages and one
 * per tenant for {@code /chats/getAllMessages}. Each gets a random clientState, kept only as a hash, and a
 * lifecycle notification URL (settable only at creation), so Graph warns before it pauses or drops it. Failures are
 * recorded on the subscription's row, where health reads them; a creation Graph refuses (a 403 quota error, a 5xx)
 * leaves a CREATE_FAILED row that {@link #retryCreation} tries again.
 *
 * <p>With rich notifications enabled, subscriptions ask for resource data encrypted for the configured certificate;
 * a mail subscription then selects the few properties the worker uses ({@link #RICH_MAIL_SELECT}) and lives at most
 * {@link #RICH_MAIL_LIFETIME}, under Graph's one day. A subscription made under another setting (rich turned on or
 * off, another certificate) is replaced at its next renewal.
 */
@Service
public class SubscriptionManager {

    /** The resource of a tenant's chat-message subscription. */
    public static final String CHATS_RESOURCE = "/chats/getAllMessages";

    /** The message properties a rich mail notification carries: what the worker needs besides the MIME. */
    public static final String RICH_MAIL_SELECT = "id,receivedDateTime,parentFolderId,internetMessageId";

    /** The longest life asked for a rich mail subscription: Graph allows 1,440 minutes; ten are kept for skew. */
    public static final Duration RICH_MAIL_LIFETIME = Duration.ofMinutes(1_430);

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionManager.class);

    private final M365Tenants tenants;
    private final SubscriptionStore store;
    private final M365Properties properties;
    private final RichNotificationKeys richKeys;
    private final RenewalProperties renewal;
    private final Clock clock;

    public SubscriptionManager(
            M365Tenants tenants,
            SubscriptionStore store,
            M365Properties properties,
            RichNotificationKeys richKeys,
            RenewalProperties renewal,
            Clock clock) {
        this.tenants = tenants;
        this.store = store;
        this.properties = properties;
        this.richKeys = richKeys;
        this.renewal = renewal;
        this.clock = clock;
    }

    /** How long a subscription is asked to live, at creation and at each renewal. */
    public Duration lifetime(boolean mail, boolean includesResourceData) {
        Duration configured = properties.subscriptionLifetime();
        return mail && includesResourceData && configured.compareTo(RICH_MAIL_LIFETIME) > 0
                ? RICH_MAIL_LIFETIME
                : configured;
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

    /**
     * Tries again to create a subscription Graph refused before ({@link SubscriptionRecord.Status#CREATE_FAILED}); the
     * row is deleted when it succeeds and carries one more attempt and a later retry when it does not.
     */
    public SubscriptionRecord retryCreation(SubscriptionRecord failed) throws ConnectorException {
        return create(failed.tenantId(), failed.mailboxId(), failed.resource());
    }

    private SubscriptionRecord create(UUID tenantId, UUID mailboxId, String resource) throws ConnectorException {
        if (properties.notificationUrl() == null) {
            throw ConnectorException.permanent("palisade.m365.notification-url is not configured", null);
        }
        String clientState = ClientStates.generate();
        boolean mail = mailboxId != null;
        boolean rich = richKeys.enabled();
        Instant expires = clock.instant().plus(lifetime(mail, rich));
        Subscription request = new Subscription();
        // Chat messages are watched for edits too: a file can be added to a message after it was posted.
        request.setChangeType(mail ? "created" : "created,updated");
        // Outlook needs a $select for resource data; Teams chat messages take none and carry every property.
        request.setResource(rich && mail ? resource + "?$select=" + RICH_MAIL_SELECT : resource);
        if (rich) {
            request.setIncludeResourceData(true);
            request.setEncryptionCertificate(richKeys.certificateBase64());
            request.setEncryptionCertificateId(richKeys.certificateId());
        }
        request.setNotificationUrl(properties.notificationUrl().toString());
        request.setLifecycleNotificationUrl(lifecycleUrl());
        request.setClientState(clientState);
        request.setExpirationDateTime(OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
        Subscription created;
        try {
            created = tenants.graph(tenantId).subscriptions().post(request);
        } catch (RuntimeException e) {
            ConnectorException failure = GraphErrors.map("create subscription", e);
            store.saveFailedCreation(
                    tenantId,
                    mailboxId,
                    resource,
                    withGraphReason(failure, e),
                    renewal.createBackoff(),
                    renewal.createMaxBackoff());
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
                SubscriptionRecord.Status.ACTIVE,
                rich ? richKeys.certificateId() : null);
        store.save(record);
        store.deleteFailedCreations(tenantId, resource);
        LOG.info(
                "event=m365_subscription_created tenant={} mailbox={} subscription={} rich={} expires={}",
                tenantId,
                mailboxId,
                created.getId(),
                rich,
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
        if (!Objects.equals(record.encryptionCertificateId(), richKeys.certificateId())) {
            return replace(record);
        }
        Instant expires = clock.instant().plus(lifetime(record.isMail(), record.includesResourceData()));
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

    /**
     * Replaces a subscription Graph removed: the old row is marked REMOVED and a new subscription is created. When
     * Graph refuses the new one, its CREATE_FAILED row carries the error and the retries.
     */
    public SubscriptionRecord recreate(SubscriptionRecord record) throws ConnectorException {
        store.update(
                record.tenantId(),
                record.subscriptionId(),
                SubscriptionRecord.Status.REMOVED,
                record.expiresAt(),
                "removed by Graph");
        SubscriptionRecord replacement = create(record.tenantId(), record.mailboxId(), record.resource());
        LOG.info(
                "event=m365_subscription_recreated tenant={} old={} new={}",
                record.tenantId(),
                record.subscriptionId(),
                replacement.subscriptionId());
        return replacement;
    }

    /**
     * Replaces a subscription made under another rich-notification setting (on or off, another certificate):
     * deletes it at Graph (one already gone is fine), then creates one under the current setting.
     */
    private SubscriptionRecord replace(SubscriptionRecord record) throws ConnectorException {
        LOG.info(
                "event=m365_subscription_replacing tenant={} subscription={} reason=rich_setting_changed rich={}",
                record.tenantId(),
                record.subscriptionId(),
                richKeys.enabled());
        try {
            graph(record)
                    .subscriptions()
                    .bySubscriptionId(record.subscriptionId())
                    .delete();
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 404) {
                LOG.warn(
                        "event=m365_subscription_delete_failed tenant={} subscription={} status={}",
                        record.tenantId(),
                        record.subscriptionId(),
                        e.getResponseStatusCode());
            }
        } catch (RuntimeException e) {
            // It expires by itself; until then its notifications are duplicates of the new one's and stored once.
            LOG.warn(
                    "event=m365_subscription_delete_failed tenant={} subscription={} error={}",
                    record.tenantId(),
                    record.subscriptionId(),
                    e.toString());
        }
        return recreate(record);
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

    /**
     * The failure with Graph's own error message, which names the limit of a quota refusal (platform-facts 1.3) and
     * so tells it from a missing permission; it names no mail content. Kept for the row, not logged.
     */
    private static String withGraphReason(ConnectorException failure, RuntimeException e) {
        if (e instanceof ODataError odata
                && odata.getError() != null
                && odata.getError().getMessage() != null) {
            String reason = odata.getError().getMessage();
            return failure.getMessage() + ": " + (reason.length() > 300 ? reason.substring(0, 300) : reason);
        }
        return failure.getMessage();
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
                SubscriptionRecord.Status.ACTIVE,
                r.encryptionCertificateId());
    }

    private String lifecycleUrl() {
        return properties.lifecycleNotificationUrl() != null
                ? properties.lifecycleNotificationUrl().toString()
                : properties.notificationUrl().toString().replaceAll("/+$", "") + "/lifecycle";
    }
}
