package io.palisade.simulator.google;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Google Workspace domain: its users' mailboxes and the domain-wide delegation grants its admin made (a service
 * account's client id and the scopes it may use when it impersonates a user).
 */
public final class GoogleDomain {

    private final String domain;
    private final String customerId;
    private final Map<String, GmailMailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> delegation = new ConcurrentHashMap<>();

    GoogleDomain(String domain, String customerId) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.customerId = customerId;
    }

    public String domain() {
        return domain;
    }

    public String customerId() {
        return customerId;
    }

    void addMailbox(GmailMailbox mailbox) {
        mailboxes.put(mailbox.address().toLowerCase(Locale.ROOT), mailbox);
    }

    public Optional<GmailMailbox> mailbox(String address) {
        return Optional.ofNullable(mailboxes.get(address.toLowerCase(Locale.ROOT)));
    }

    public List<GmailMailbox> mailboxes() {
        return mailboxes.values().stream()
                .sorted((a, b) -> a.address().compareTo(b.address()))
                .toList();
    }

    /** Authorizes {@code clientId} for {@code scopes} across the domain, replacing an earlier grant. */
    public void delegate(String clientId, Collection<String> scopes) {
        delegation.put(clientId, Set.copyOf(scopes));
    }

    /** The scopes delegated to {@code clientId}; empty when none. */
    public Set<String> delegatedScopes(String clientId) {
        return delegation.getOrDefault(clientId, Set.of());
    }
}
