package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.queue.WorkQueue;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes actions and the work that runs them in the caller's transaction, so an action exists exactly when the
 * verdict that caused it does.
 */
@Component
public class ActionOutbox {

    /** Work-item kind that runs one action. */
    public static final String KIND = "core.action";

    private final MailActionRepository actions;
    private final WorkQueue queue;
    private final Clock clock;

    public ActionOutbox(MailActionRepository actions, WorkQueue queue, Clock clock) {
        this.actions = actions;
        this.queue = queue;
        this.clock = clock;
    }

    /** Adds the actions for one mail item; returns them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<MailAction> add(
            UUID tenantId, UUID mailItemId, UUID verdictId, List<ActionKind> kinds, String requestedBy) {
        return kinds.stream()
                .map(kind -> add(tenantId, mailItemId, verdictId, kind, requestedBy))
                .toList();
    }

    private MailAction add(UUID tenantId, UUID mailItemId, UUID verdictId, ActionKind kind, String requestedBy) {
        MailAction action =
                actions.save(new MailAction(tenantId, mailItemId, verdictId, kind, requestedBy, clock.instant()));
        String payload = "{\"actionId\":\"" + action.getId() + "\"}";
        queue.enqueue(tenantId, KIND, action.getId().toString(), payload);
        return action;
    }
}
