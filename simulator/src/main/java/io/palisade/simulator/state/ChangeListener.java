package io.palisade.simulator.state;

import java.util.List;

/** Told of every message change in every mailbox (the notification engine listens). */
@FunctionalInterface
public interface ChangeListener {

    /** Called outside the mailbox lock, in change order for one mailbox. Must not block for long. */
    void messagesChanged(Tenant tenant, Mailbox mailbox, List<MailboxChange> changes);
}
