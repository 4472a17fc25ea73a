package io.palisade.m365.subscription;

import com.microsoft.graph.models.Subscription;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creates Graph subscriptions for mailboxes: one per mailbox for its new messages, with a random clientState kept
 * only as a hash and a lifecycle notification URL, so that Graph can warn before it drops the subscription.
 */
@Service
public class SubscriptionManager {

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
        if (properties.notificationUrl() == null) {
            throw ConnectorException.permanent("palisade.m365.notification-url is not configured", null);
        }
        String clientState = ClientStates.generate();
        String resource = "/users/" + mailbox.getProviderMailboxId() + "/messages";
        Instant expires = clock.instant().plus(properties.subscriptionLifetime());
        Subscription request = new Subscription();
        request.setChangeType("created");
        request.setResource(resource);
        request.setNotificationUrl(properties.notificationUrl().toString());
        request.setLifecycleNotificationUrl(lifecycleUrl());
        request.setClientState(clientState);
        request.setExpirationDateTime(OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
        Subscription created;
        try {
            created = tenants.graph(mailbox.getTenantId()).subscriptions().post(request);
        } catch (RuntimeException e) {
            throw GraphErrors.map("create subscription", e);
        }
        Instant grantedExpiry = created.getExpirationDateTime() == null
                ? expires
                : created.getExpirationDateTime().toInstant();
        SubscriptionRecord record = new SubscriptionRecord(
                created.getId(),
                mailbox.getTenantId(),
                mailbox.getId(),
                resource,
                ClientStates.hash(clientState),
                grantedExpiry,
                SubscriptionRecord.Status.ACTIVE);
        store.save(record);
        LOG.info(
                "event=m365_subscription_created tenant={} mailbox={} subscription={} expires={}",
                mailbox.getTenantId(),
                mailbox.getId(),
                created.getId(),
                grantedExpiry);
        return record;
    }

    private String lifecycleUrl() {
        return properties.lifecycleNotificationUrl() != null
                ? properties.lifecycleNotificationUrl().toString()
                : properties.notificationUrl().toString().replaceAll("/+$", "") + "/lifecycle";
    }
}
