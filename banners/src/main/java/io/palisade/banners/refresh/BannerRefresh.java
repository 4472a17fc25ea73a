package io.palisade.banners.refresh;

import io.palisade.core.queue.WorkQueue;
import io.palisade.core.verdict.VerdictChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When a message's verdict changes level, queues a refresh of every copy's banner ({@link BannerRefreshWork}) in
 * the verdict's own transaction, so the refresh exists exactly when the verdict does and survives a crash right
 * after the commit. Local changes only: the instance that made the change does the writing.
 */
@Component
public class BannerRefresh {

    private final WorkQueue queue;

    public BannerRefresh(WorkQueue queue) {
        this.queue = queue;
    }

    /** Inside the transaction that records the verdict version. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    public void onVerdictChanged(VerdictChanged change) {
        if (change.remote() || !change.levelChanged() || change.previousLevel() == null) {
            // The first verdict's banner comes from the policy's own actions.
            return;
        }
        String payload = "{\"mailItemId\":\"" + change.mailItemId() + "\",\"version\":" + change.version() + "}";
        queue.enqueue(change.tenantId(), BannerRefreshWork.KIND, change.mailItemId() + ":" + change.version(), payload);
    }
}
