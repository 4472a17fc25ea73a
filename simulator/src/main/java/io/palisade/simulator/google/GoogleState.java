package io.palisade.simulator.google;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the Google half of the simulator knows: Workspace domains and their mailboxes, service accounts, Pub/Sub
 * push subscriptions, issued tokens and quota. Thread-safe.
 */
public final class GoogleState {

    private final Clock clock;
    private final GoogleIds ids;
    private final Map<String, GoogleDomain> domains = new ConcurrentHashMap<>();
    private final Map<String, ServiceAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, PushSubscription> subscriptions = new ConcurrentHashMap<>();
    private final GoogleTokens tokens;
    private final GmailQuota quota;
    private PushSigner signer;
    private volatile PubSubPusher pusher;

    public GoogleState(Clock clock, long seed) {
        this.clock = clock;
        this.ids = new GoogleIds(seed);
        this.tokens = new GoogleTokens(this, clock);
        this.quota = new GmailQuota(clock);
    }

    /** Creates a domain with mailboxes for {@code addresses}; an existing domain of that name is refused. */
    public GoogleDomain createDomain(String domain, List<String> addresses) {
        GoogleDomain created = new GoogleDomain(domain, "C0" + ids.token(7));
        if (domains.putIfAbsent(created.domain(), created) != null) {
            throw new IllegalArgumentException("the domain exists already: " + domain);
        }
        addresses.forEach(address -> addMailbox(created, address));
        return created;
    }

    /** Adds a mailbox to a domain; the address must be in the domain. */
    public GmailMailbox addMailbox(GoogleDomain domain, String address) {
        if (!address.toLowerCase(Locale.ROOT).endsWith("@" + domain.domain())) {
            throw new IllegalArgumentException("the address is not in " + domain.domain());
        }
        GmailMailbox mailbox = new GmailMailbox(address.toLowerCase(Locale.ROOT), ids);
        mailbox.onChange((box, labels) -> {
            PubSubPusher current = pusher;
            if (current != null) {
                current.changed(box, labels);
            }
        });
        domain.addMailbox(mailbox);
        return mailbox;
    }

    /** A new service account with its own key, in {@code projectId}. */
    public ServiceAccount createServiceAccount(String projectId, String name) {
        String email = name + "@" + projectId + ".iam.gserviceaccount.com";
        ServiceAccount account = new ServiceAccount(
                email, String.valueOf(ids.numeric(21)), ids.token(40).toLowerCase(Locale.ROOT), projectId);
        accounts.put(email, account);
        return account;
    }

    /** Registers a push subscription; pushes for its topic go to its endpoint. */
    public PushSubscription subscribe(PushSubscription subscription) {
        subscriptions.put(subscription.name(), subscription);
        return subscription;
    }

    public List<PushSubscription> subscriptionsFor(String topic) {
        return subscriptions.values().stream()
                .filter(s -> s.topic().equals(topic))
                .toList();
    }

    public Optional<GoogleDomain> domain(String name) {
        return Optional.ofNullable(domains.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<GoogleDomain> domains() {
        return domains.values().stream()
                .sorted((a, b) -> a.domain().compareTo(b.domain()))
                .toList();
    }

    /** The domain an address belongs to, when the address is one of its mailboxes. */
    public Optional<GoogleDomain> domainOf(String address) {
        int at = address.indexOf('@');
        return at < 0
                ? Optional.empty()
                : domain(address.substring(at + 1))
                        .filter(d -> d.mailbox(address).isPresent());
    }

    public Optional<GmailMailbox> mailbox(String address) {
        return domainOf(address).flatMap(d -> d.mailbox(address));
    }

    /** The service account holding a delegation grant in {@code domain}, when there is one. */
    public Optional<ServiceAccount> accountFor(GoogleDomain domain) {
        return accounts.values().stream()
                .filter(a -> !domain.delegatedScopes(a.clientId()).isEmpty())
                .findFirst();
    }

    public Optional<ServiceAccount> serviceAccount(String email) {
        return Optional.ofNullable(email == null ? null : accounts.get(email));
    }

    public GoogleTokens tokens() {
        return tokens;
    }

    public GmailQuota quota() {
        return quota;
    }

    /** The push-signing key, made on first use: an RSA key costs up to a second or two on a small machine. */
    public synchronized PushSigner signer() {
        if (signer == null) {
            signer = new PushSigner(ids.token(40).toLowerCase(Locale.ROOT), clock.instant());
        }
        return signer;
    }

    public Clock clock() {
        return clock;
    }

    GoogleIds ids() {
        return ids;
    }

    void pusher(PubSubPusher value) {
        this.pusher = value;
    }

    /** Forgets domains, accounts, subscriptions, tokens and quota (the signing key stays). */
    public void reset() {
        domains.clear();
        accounts.clear();
        subscriptions.clear();
        tokens.clear();
        quota.clear();
    }
}
