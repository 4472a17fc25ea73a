package io.palisade.lifecycle;

import io.palisade.core.chat.ChatVerdictChanged;
import io.palisade.core.verdict.VerdictChanged;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Collects the remote verdict changes the test context republishes, and every chat item's verdict change as a view
 * hears it: a local one after its commit, a remote one at once.
 */
public class RemoteVerdicts {

    private final List<VerdictChanged> remote = new CopyOnWriteArrayList<>();
    private final List<ChatVerdictChanged> chats = new CopyOnWriteArrayList<>();

    @EventListener
    void on(VerdictChanged change) {
        if (change.remote()) {
            remote.add(change);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ChatVerdictChanged change) {
        chats.add(change);
    }

    public List<VerdictChanged> remote() {
        return remote;
    }

    /** The chat item's changes heard so far, in the order they came. */
    public List<ChatVerdictChanged> chats(UUID chatItemId) {
        return chats.stream().filter(c -> c.chatItemId().equals(chatItemId)).toList();
    }
}
