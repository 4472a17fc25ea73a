package io.palisade.simulator.state;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An Entra group: a name and its direct members, each a user (mailbox) id or another group's id, in the order they
 * were added so that paging is stable. Nested groups are followed by {@link Tenant#transitiveMembers}.
 */
public final class Group {

    private final String id;
    private final String displayName;
    private final String mailNickname;
    private final Set<String> members = new LinkedHashSet<>();

    Group(String id, String displayName, String mailNickname) {
        this.id = id;
        this.displayName = displayName;
        this.mailNickname = mailNickname;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The alias, made from the name when none was given. */
    public String mailNickname() {
        return mailNickname;
    }

    /** Adds a direct member by id; false when it is one already. */
    public synchronized boolean addMember(String memberId) {
        return members.add(memberId);
    }

    /** Removes a direct member by id; false when it was none. */
    public synchronized boolean removeMember(String memberId) {
        return members.remove(memberId);
    }

    /** The direct members' ids, in the order they were added. */
    public synchronized List<String> memberIds() {
        return new ArrayList<>(members);
    }
}
