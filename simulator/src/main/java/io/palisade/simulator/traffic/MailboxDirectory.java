package io.palisade.simulator.traffic;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The mailboxes of one simulated tenant and its mail domain.
 *
 * <p>The first mailbox plays the chief executive and the second the head of finance: impersonation and payment
 * fraud scenarios borrow their names. A directory needs at least one mailbox.
 *
 * @param domain the tenant's mail domain, never null
 * @param platform the platform that receives the mail, never null
 * @param mailboxes the users, never null or empty
 */
public record MailboxDirectory(String domain, ReceivingPlatform platform, List<Mailbox> mailboxes) {

    public MailboxDirectory {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(platform, "platform");
        mailboxes = List.copyOf(mailboxes);
        if (mailboxes.isEmpty()) {
            throw new IllegalArgumentException("a directory needs at least one mailbox, domain=" + domain);
        }
    }

    /**
     * A directory of {@code count} people with generated, partly non-ASCII names at {@code domain}; the same
     * arguments always give the same people.
     */
    public static MailboxDirectory generated(String domain, ReceivingPlatform platform, int count) {
        return new MailboxDirectory(domain, platform, PeopleNames.mailboxes(domain.toLowerCase(Locale.ROOT), count));
    }

    /** The mailbox cast as the chief executive. */
    public Mailbox executive() {
        return mailboxes.getFirst();
    }

    /** The mailbox cast as the head of finance (the executive again when there is only one mailbox). */
    public Mailbox finance() {
        return mailboxes.size() > 1 ? mailboxes.get(1) : mailboxes.getFirst();
    }

    public int size() {
        return mailboxes.size();
    }
}
