package io.palisade.core.work;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells this instance's idle workers that new work may be due, so they claim it at once instead of at their next
 * poll. Producers (the webhook intake, the pipeline) call {@link #wake()}; the {@link WorkerPool} waits on it.
 * Other instances find the work at their next poll.
 */
@Component
public class WorkSignal {

    private final Object monitor = new Object();

    /**
     * Wakes every idle worker of this instance; called inside a transaction, once it has ended, since workers
     * woken before the commit find nothing to claim and sleep until their next poll.
     */
    public void wake() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    wakeNow();
                }
            });
            return;
        }
        wakeNow();
    }

    /** Wakes every idle worker at once, whatever transaction is open. */
    void wakeNow() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Waits until woken or until {@code millis} have passed; returns early when interrupted. */
    void await(long millis) throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(Math.max(1, millis));
        }
    }
}
