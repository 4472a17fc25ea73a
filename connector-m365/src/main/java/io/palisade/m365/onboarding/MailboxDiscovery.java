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
import io.palisade.m365.mail.QuarantinePreparation;
import io.palisade.m365.subscription.SubscriptionManager;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Keeps a tenant's watched mailboxes in step with its users and its selection: new users within the selection are
 * added and subscribed, users that left it (or the directory) are set EXCLUDED and unsubscribed (their mail stays),
 * returning ones are watched again. Each watched user's preferred language is published as
 * {@link MailboxLanguageRead}.
 */
@Service
public class MailboxDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxDiscovery.class);

    /** What one refresh changed. */
    public record Changes(int added, int excluded, int reactivated) {}

    private final MailboxRepository mailboxes;
    private final SubscriptionManager subscriptions;
    private final SubscriptionStore subscriptionStore;
    private final MailboxUnsubscriber unsubscriber;
    private final TenantSelections selections;
    private final GroupMembers groups;
    private final ApplicationEventPublisher events;
    private final QuarantinePreparation quarantine;
    private final Clock clock;

    public MailboxDiscovery(
            MailboxRepository mailboxes,
            SubscriptionManager subscriptions,
            SubscriptionStore subscriptionStore,
            MailboxUnsubscriber unsubscriber,
            TenantSelections selections,
            GroupMembers groups,
            ApplicationEventPublisher events,
            QuarantinePreparation quarantine,
            Clock clock) {
        this.mailboxes = mailboxes;
        this.subscriptions = subscriptions;
        this.subscriptionStore = subscriptionStore;
        this.unsubscriber = unsubscriber;
        this.selections = selections;
        this.groups = groups;
        this.events = events;
        this.quarantine = quarantine;
        this.clock = clock;
    }

    /** The tenant's users that have a mail address (User.Read.All), every page. */
    public List<User> users(GraphServiceClient graph) throws ConnectorException {
        List<User> users = new ArrayList<>();
        try {
            UserCollectionResponse page = graph.users()
                    .get(request -> request.queryParameters.select =
                            new String[] {"id", "displayName", "mail", "userPrincipalName", "preferredLanguage"});
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

    /**
     * The selection in force for the tenant (its own, else the installation's), with its groups' members read.
     *
     * @param tenantId the Palisade tenant; null for one not stored yet, which has the installation's selection
     * @throws ConnectorException when a group cannot be read; nothing should be applied then
     */
    public AppliedSelection selection(UUID tenantId, GraphServiceClient graph) throws ConnectorException {
        TenantSelection selection = tenantId == null ? selections.installation() : selections.inForce(tenantId);
        if (!selection.usesGroups()) {
            return new AppliedSelection(selection, Set.of(), Set.of());
        }
        return new AppliedSelection(
                selection,
                groups.users(graph, selection.includeGroups()),
                groups.users(graph, selection.excludeGroups()));
    }

    /** Applies the user list to the tenant's mailboxes; a subscription failure leaves that mailbox for next time. */
    public Changes apply(UUID tenantId, UUID connectionId, List<User> users, AppliedSelection selection) {
        Map<String, Mailbox> known = new HashMap<>();
        for (MailboxStatus status : MailboxStatus.values()) {
            mailboxes.findByTenantIdAndStatusOrderByAddress(tenantId, status).stream()
                    .filter(m -> m.getProvider() == Provider.M365)
                    .forEach(m -> known.put(m.getProviderMailboxId(), m));
        }
        int added = 0;
        int reactivated = 0;
        List<UUID> watchedMailboxes = new ArrayList<>();
        for (User user : users) {
            Mailbox mailbox = known.remove(user.getId());
            boolean watched = selection.watches(user);
            if (mailbox == null && watched) {
                mailbox = mailboxes.save(new Mailbox(
                        tenantId,
                        connectionId,
                        Provider.M365,
                        user.getId(),
                        address(user),
                        user.getDisplayName(),
                        clock.instant()));
                added += subscribe(mailbox);
            } else if (mailbox != null && watched && mailbox.getStatus() != MailboxStatus.ACTIVE) {
                mailbox.setStatus(MailboxStatus.ACTIVE);
                mailbox = mailboxes.save(mailbox);
                reactivated += subscribe(mailbox);
            } else if (mailbox != null && !watched) {
                known.put(user.getId(), mailbox);
            }
            if (watched) {
                publishLanguage(mailbox, user);
                watchedMailboxes.add(mailbox.getId());
            }
        }
        // Made now rather than on a campaign's first clawback; a mailbox that has its folder is not asked again.
        quarantine.request(tenantId, watchedMailboxes);
        int excluded = exclude(tenantId, known.values());
        Changes changes = new Changes(added, excluded, reactivated);
        LOG.info(
                "event=m365_mailboxes_refreshed tenant={} added={} excluded={} reactivated={}",
                tenantId,
                added,
                excluded,
                reactivated);
        return changes;
    }

    /** Sets the mailboxes EXCLUDED and ends their subscriptions (again, for any whose deletion failed before). */
    private int exclude(UUID tenantId, Iterable<Mailbox> unwatched) {
        List<SubscriptionRecord> records = subscriptionStore.findByTenant(tenantId);
        int excluded = 0;
        for (Mailbox gone : unwatched) {
            if (gone.getStatus() == MailboxStatus.ACTIVE) {
                gone.setStatus(MailboxStatus.EXCLUDED);
                mailboxes.save(gone);
                excluded++;
            }
            unsubscriber.unsubscribe(gone, records);
        }
        return excluded;
    }

    // Not yet: only preferredLanguage is read; a language chosen in Outlook (mailboxSettings/language) needs
    // MailboxSettings.Read and one request a user, so it is not.
    private void publishLanguage(Mailbox mailbox, User user) {
        language(user.getPreferredLanguage())
                .ifPresent(locale ->
                        events.publishEvent(new MailboxLanguageRead(mailbox.getTenantId(), mailbox.getId(), locale)));
    }

    /** The language of a {@code preferredLanguage} value ({@code fr-FR}, {@code de}); empty when absent or invalid. */
    static Optional<Locale> language(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.trim()).build();
            return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale);
        } catch (IllformedLocaleException e) {
            LOG.warn("event=m365_language_invalid length={}", tag.length());
            return Optional.empty();
        }
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
