package io.palisade.simulator.state;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Microsoft 365 tenant: its directory of mailboxes and groups, the applications consented in it with the
 * roles granted, and the Graph subscriptions apps made in it.
 */
public final class Tenant {

    private final String id;
    private final String domain;
    private final String displayName;
    private final SimState state;
    private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, String> mailboxByName = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final TeamsData teams;

    Tenant(String id, String domain, String displayName, SimState state) {
        this.id = id;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.displayName = displayName;
        this.state = state;
        this.teams = new TeamsData(state.ids());
    }

    /** The tenant's Teams chats, messages and shared files. */
    public TeamsData teams() {
        return teams;
    }

    /** The tenant id, a GUID. */
    public String id() {
        return id;
    }

    /** The initial domain, e.g. {@code contoso.onmicrosoft.com}. */
    public String domain() {
        return domain;
    }

    public String displayName() {
        return displayName;
    }

    /** Records an admin's consent: the app now holds {@code roles} in this tenant. */
    public void grant(String clientId, Set<String> roles) {
        grants.put(clientId, Set.copyOf(roles));
    }

    /** The roles an app holds here, or empty when it was never consented. */
    public Optional<Set<String>> rolesOf(String clientId) {
        return Optional.ofNullable(grants.get(clientId));
    }

    /** Adds a mailbox; refuses a second one with the same principal name. */
    public Mailbox addMailbox(String userPrincipalName, String displayName) {
        String upn = userPrincipalName.toLowerCase(Locale.ROOT);
        synchronized (mailboxByName) {
            if (mailboxByName.containsKey(upn)) {
                throw new IllegalStateException("a mailbox with this principal name exists already");
            }
            Mailbox mailbox = new Mailbox(
                    state.ids().guid(),
                    upn,
                    displayName,
                    state.ids(),
                    state.clock(),
                    (mb, changes) -> state.publish(this, mb, changes));
            mailboxes.put(mailbox.id(), mailbox);
            mailboxByName.put(upn, mailbox.id());
            return mailbox;
        }
    }

    /** A mailbox by its id or principal name (case-insensitive). */
    public Optional<Mailbox> mailbox(String idOrName) {
        String byName = mailboxByName.get(idOrName.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(mailboxes.get(byName != null ? byName : idOrName));
    }

    /** Every mailbox, sorted by principal name so paging is stable. */
    public List<Mailbox> mailboxes() {
        return mailboxes.values().stream()
                .sorted(Comparator.comparing(Mailbox::userPrincipalName))
                .toList();
    }

    public int mailboxCount() {
        return mailboxes.size();
    }

    public Map<String, Subscription> subscriptions() {
        return subscriptions;
    }

    public Collection<Subscription> subscriptionList() {
        return subscriptions.values();
    }

    /** Adds a group; {@code mailNickname} null makes one from the name. */
    public Group addGroup(String displayName, String mailNickname) {
        String alias = mailNickname != null
                ? mailNickname
                : displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Group group = new Group(state.ids().guid(), displayName, alias);
        groups.put(group.id(), group);
        return group;
    }

    public Optional<Group> group(String id) {
        return Optional.ofNullable(id == null ? null : groups.get(id.toLowerCase(Locale.ROOT)));
    }

    /** Every group, by name and then id, so paging is stable. */
    public List<Group> groups() {
        return groups.values().stream()
                .sorted(Comparator.comparing(Group::displayName).thenComparing(Group::id))
                .toList();
    }

    /**
     * The ids of every member of a group, its nested groups' members included, each once: direct members first, then
     * those of nested groups level by level. A group that contains itself through a cycle is followed once.
     */
    public List<String> transitiveMembers(Group group) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> visited = new LinkedHashSet<>(List.of(group.id()));
        Deque<Group> pending = new ArrayDeque<>(List.of(group));
        while (!pending.isEmpty()) {
            for (String member : pending.poll().memberIds()) {
                if (member.equals(group.id()) || !seen.add(member)) {
                    continue;
                }
                group(member).filter(g -> visited.add(g.id())).ifPresent(pending::add);
            }
        }
        return List.copyOf(seen);
    }
}
