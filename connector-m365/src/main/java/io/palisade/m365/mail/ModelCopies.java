package io.palisade.m365.mail;

import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.FollowupFlag;
import com.microsoft.graph.models.Recipient;
import java.util.List;

/**
 * Fresh copies of SDK models read from Graph, for sending back. A model the SDK parsed serialises only the values
 * changed since parsing (its backing store), so sending a parsed recipient or flag as it is would send it empty.
 */
final class ModelCopies {

    private ModelCopies() {}

    static Recipient recipient(Recipient parsed) {
        if (parsed == null || parsed.getEmailAddress() == null) {
            return null;
        }
        EmailAddress address = new EmailAddress();
        address.setName(parsed.getEmailAddress().getName());
        address.setAddress(parsed.getEmailAddress().getAddress());
        Recipient copy = new Recipient();
        copy.setEmailAddress(address);
        return copy;
    }

    static List<Recipient> recipients(List<Recipient> parsed) {
        return parsed == null
                ? null
                : parsed.stream()
                        .map(ModelCopies::recipient)
                        .filter(r -> r != null)
                        .toList();
    }

    /** The flag's status. */
    // Not yet: a flag's start and due dates are not carried over, so a re-created banner copy loses its reminder.
    static FollowupFlag flag(FollowupFlag parsed) {
        if (parsed == null || parsed.getFlagStatus() == null) {
            return null;
        }
        FollowupFlag copy = new FollowupFlag();
        copy.setFlagStatus(parsed.getFlagStatus());
        return copy;
    }
}
