package io.palisade.simulator.state;

import java.util.List;

/** Told of every message change in every mailbox (the notification engine listens). */
@FunctionalInterface
public interface ChangeListener {

    /** Called outside the mailbox lock, in change order for one mailbox. Must not block for long. */
    void messagesChanged(Tenant tenant, Mailbox mailbox, List<MailboxChange> changes);

    /** Called after a Teams chat message was posted ({@code created}) or changed ({@code updated}). */
    default void chatMessageChanged(Tenant tenant, Chat chat, ChatMessage message, String changeType) {}
}
