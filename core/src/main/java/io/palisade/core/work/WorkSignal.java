package io.palisade.core.work;

import org.springframework.stereotype.Component;

/**
 * Tells this instance's idle workers that new work may be due, so they claim it at once instead of at their next
 * poll. Producers (the webhook intake, the pipeline) call {@link #wake()}; the {@link WorkerPool} waits on it.
 * Other instances find the work at their next poll.
 */
@Component
public class WorkSignal {

    private final Object monitor = new Object();

    /** Wakes every idle worker of this instance. */
    public void wake() {
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
