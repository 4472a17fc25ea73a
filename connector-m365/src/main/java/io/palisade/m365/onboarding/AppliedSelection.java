package io.palisade.m365.onboarding;

import com.microsoft.graph.models.User;
import java.util.Set;

/**
 * A tenant's {@link TenantSelection} with the members of its groups read from Graph, ready to judge each user.
 *
 * @param selection the rules, never null
 * @param includedMembers user ids in an included group (transitively); empty when no group is included
 * @param excludedMembers user ids in an excluded group (transitively); empty when no group is excluded
 */
public record AppliedSelection(TenantSelection selection, Set<String> includedMembers, Set<String> excludedMembers) {

    public AppliedSelection {
        includedMembers = Set.copyOf(includedMembers);
        excludedMembers = Set.copyOf(excludedMembers);
    }

    /** Whether the user's mailbox is watched: included by some rule (or no include rule exists), excluded by none. */
    public boolean watches(User user) {
        String address = MailboxDiscovery.address(user);
        MailboxSelection addresses = selection.addresses();
        boolean anyInclude = !selection.includeGroups().isEmpty()
                || !selection.includeAddresses().isEmpty();
        boolean included = !anyInclude || includedMembers.contains(user.getId()) || addresses.includes(address);
        boolean excluded = excludedMembers.contains(user.getId()) || addresses.excludes(address);
        return included && !excluded;
    }
}
