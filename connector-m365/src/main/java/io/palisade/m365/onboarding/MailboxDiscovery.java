package io.palisade.m365.onboarding;

import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.subscription.SubscriptionManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps a tenant's watched mailboxes in step with its users: new users within the selection are added and
 * subscribed, users that left it (or the directory) are set EXCLUDED, returning ones are watched again.
 */
@Service
public class MailboxDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxDiscovery.class);

    /** What one refresh changed. */
    public record Changes(int added, int excluded, int reactivated) {}

    private final MailboxRepository mailboxes;
    private final SubscriptionManager subscriptions;
    private final MailboxSelection selection;
    private final Clock clock;

    public MailboxDiscovery(
            MailboxRepository mailboxes, SubscriptionManager subscriptions, MailboxSelection selection, Clock clock) {
        this.mailboxes = mailboxes;
        this.subscriptions = subscriptions;
        this.selection = selection;
        this.clock = clock;
    }

    /** The tenant's users that have a mail address (User.Read.All), every page. */
    public List<User> users(GraphServiceClient graph) throws ConnectorException {
        List<User> users = new ArrayList<>();
        try {
            UserCollectionResponse page = graph.users()
                    .get(request -> request.queryParameters.select =
                            new String[] {"id", "displayName", "mail", "userPrincipalName"});
            while (page != null) {
                if (page.getValue() != null) {
                    page.getValue().stream().filter(u -> address(u) != null).forEach(users::add);
                }
                String next = page.getOdataNextLink();
                page = next == null ? null : graph.users().withUrl(next).get();
            }
        } catch (RuntimeException e) {
            throw GraphErrors.map("list users", e);
        }
        return users;
    }

    /** Applies the user list to the tenant's mailboxes; a subscription failure leaves that mailbox for next time. */
    public Changes apply(UUID tenantId, UUID connectionId, List<User> users) {
        Map<String, Mailbox> known = new HashMap<>();
        for (MailboxStatus status : MailboxStatus.values()) {
            mailboxes.findByTenantIdAndStatusOrderByAddress(tenantId, status).stream()
                    .filter(m -> m.getProvider() == Provider.M365)
                    .forEach(m -> known.put(m.getProviderMailboxId(), m));
        }
        int added = 0;
        int reactivated = 0;
        for (User user : users) {
            String address = address(user);
            Mailbox mailbox = known.remove(user.getId());
            boolean watched = selection.watches(address);
            if (mailbox == null && watched) {
                added += subscribe(mailboxes.save(new Mailbox(
                        tenantId,
                        connectionId,
                        Provider.M365,
                        user.getId(),
                        address,
                        user.getDisplayName(),
                        clock.instant())));
            } else if (mailbox != null && watched && mailbox.getStatus() != MailboxStatus.ACTIVE) {
                mailbox.setStatus(MailboxStatus.ACTIVE);
                reactivated += subscribe(mailboxes.save(mailbox));
            } else if (mailbox != null && !watched) {
                known.put(user.getId(), mailbox);
            }
        }
        int excluded = 0;
        for (Mailbox gone : known.values()) {
            if (gone.getStatus() == MailboxStatus.ACTIVE) {
                gone.setStatus(MailboxStatus.EXCLUDED);
                mailboxes.save(gone);
                excluded++;
            }
        }
        Changes changes = new Changes(added, excluded, reactivated);
        LOG.info(
                "event=m365_mailboxes_refreshed tenant={} added={} excluded={} reactivated={}",
                tenantId,
                added,
                excluded,
                reactivated);
        return changes;
    }

    private int subscribe(Mailbox mailbox) {
        try {
            subscriptions.subscribeMailbox(mailbox);
        } catch (ConnectorException e) {
            LOG.error(
                    "event=m365_mailbox_not_subscribed tenant={} mailbox={} error={}",
                    mailbox.getTenantId(),
                    mailbox.getId(),
                    e.getMessage());
        }
        return 1;
    }

    static String address(User user) {
        String address = user.getMail() != null ? user.getMail() : user.getUserPrincipalName();
        return address == null ? null : address.toLowerCase(Locale.ROOT);
    }
}
