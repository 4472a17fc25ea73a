package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.state.ChangeListener;
import io.palisade.simulator.state.Chat;
import io.palisade.simulator.state.ChatMessage;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.MailboxChange;
import io.palisade.simulator.state.StoredMessage;
import io.palisade.simulator.state.Subscription;
import io.palisade.simulator.state.Tenant;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns message changes into change notifications for the subscriptions that watch them, and
 * sends lifecycle events on demand.
 */
final class ChangeNotifier implements ChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final NotificationDispatcher dispatcher;
    private final Clock clock;

    ChangeNotifier(NotificationDispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public void messagesChanged(Tenant tenant, Mailbox mailbox, List<MailboxChange> changes) {
        Instant now = clock.instant();
        for (Subscription subscription : tenant.subscriptionList()) {
            if (!subscription.activeAt(now) || subscription.reauthorizationRequired()) {
                continue;
            }
            for (MailboxChange change : changes) {
                if (watches(subscription, mailbox, change)) {
                    send(subscription, mailbox, change);
                }
            }
        }
    }

    private static boolean watches(Subscription subscription, Mailbox mailbox, MailboxChange change) {
        Subscription.Target target = subscription.target();
        if (!SubscriptionResource.isOutlook(target) || !mailbox.id().equals(target.mailboxId())) {
            return false;
        }
        boolean folderMatches = target.folderId() == null
                || target.folderId().equals(change.message().folderId());
        return folderMatches && subscription.spec().changeTypes().contains(change.type());
    }

    private void send(Subscription subscription, Mailbox mailbox, MailboxChange change) {
        StoredMessage message = change.message();
        String resource = "Users/" + mailbox.id() + "/Messages/" + message.id();
        ObjectNode item = header(subscription);
        item.put("changeType", change.type());
        item.put("resource", resource);
        ObjectNode data = item.putObject("resourceData");
        data.put("@odata.type", "#Microsoft.Graph.Message");
        data.put("@odata.id", resource);
        data.put("@odata.etag", MessageJson.etag(message));
        data.put("id", message.id());
        boolean rich =
                subscription.spec().includeResourceData() && !change.type().equals(MailboxChange.DELETED);
        if (rich) {
            X509Certificate cert = RichContent.certificate(subscription.spec().encryptionCertificate());
            ObjectNode content = MessageJson.render(message, mailbox, selectOf(subscription), true);
            item.set(
                    "encryptedContent",
                    RichContent.encrypt(content, cert, subscription.spec().encryptionCertificateId()));
        }
        dispatcher.enqueue(
                subscription.spec().notificationUrl(),
                item,
                subscription.tenantId(),
                subscription.applicationId(),
                rich);
    }

    @Override
    public void chatMessageChanged(Tenant tenant, Chat chat, ChatMessage message, String changeType) {
        Instant now = clock.instant();
        for (Subscription subscription : tenant.subscriptionList()) {
            Subscription.Target target = subscription.target();
            boolean watches = target.kind() == Subscription.Kind.ALL_CHAT_MESSAGES
                    || (target.kind() == Subscription.Kind.CHAT_MESSAGES
                            && chat.id().equals(target.chatId()))
                    || (target.kind() == Subscription.Kind.USER_CHAT_MESSAGES
                            && chat.memberIds().contains(target.mailboxId()));
            if (watches
                    && subscription.activeAt(now)
                    && !subscription.reauthorizationRequired()
                    && subscription.spec().changeTypes().contains(changeType)) {
                sendChat(subscription, message, changeType);
            }
        }
    }

    private void sendChat(Subscription subscription, ChatMessage message, String changeType) {
        String resource = "chats('" + message.chatId() + "')/messages('" + message.id() + "')";
        ObjectNode item = header(subscription);
        item.put("changeType", changeType);
        item.put("resource", resource);
        ObjectNode data = item.putObject("resourceData");
        data.put("id", message.id());
        data.put("@odata.type", "#Microsoft.Graph.chatMessage");
        data.put("@odata.id", resource);
        boolean rich = subscription.spec().includeResourceData();
        if (rich) {
            // Teams rich notifications carry every property; $select is not supported for chatMessage.
            X509Certificate cert = RichContent.certificate(subscription.spec().encryptionCertificate());
            item.set(
                    "encryptedContent",
                    RichContent.encrypt(
                            ChatJson.message(message), cert, subscription.spec().encryptionCertificateId()));
        }
        dispatcher.enqueue(
                subscription.spec().notificationUrl(),
                item,
                subscription.tenantId(),
                subscription.applicationId(),
                rich);
    }

    /** Sends a lifecycle event to the subscription's lifecycle URL; false when it has none. */
    boolean lifecycle(Subscription subscription, String event) {
        String url = subscription.spec().lifecycleNotificationUrl();
        if (url == null) {
            return false;
        }
        ObjectNode item = header(subscription);
        item.put("lifecycleEvent", event);
        LOG.info("event=lifecycle_notification tenant={} kind={}", subscription.tenantId(), event);
        dispatcher.enqueue(url, item, subscription.tenantId(), subscription.applicationId(), false);
        return true;
    }

    private static ObjectNode header(Subscription subscription) {
        ObjectNode item = Json.object();
        item.put("id", UUID.randomUUID().toString());
        item.put("subscriptionId", subscription.id());
        item.put(
                "subscriptionExpirationDateTime",
                subscription.expiration().atOffset(ZoneOffset.UTC).toString());
        item.put("clientState", subscription.spec().clientState());
        item.put("tenantId", subscription.tenantId());
        return item;
    }

    /** The {@code $select} of the subscription's resource, which shapes rich content. */
    private static ODataQuery selectOf(Subscription subscription) {
        String resource = subscription.spec().resource();
        int q = resource.indexOf('?');
        String query = q < 0 ? null : resource.substring(q + 1);
        return ODataQuery.of(new Request("GET", "/", query, Map.of(), new byte[0], ""), 1, 1);
    }
}
