package io.palisade.simulator.graph;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The queue of one notification URL and the virtual thread that empties it. Notifications keep
 * their order, except those the reorder fault holds back until the next one has been queued.
 */
final class NotificationLane {

    private final String url;
    private final NotificationDispatcher dispatcher;
    private final Deque<NotificationDispatcher.Pending> queue = new ArrayDeque<>();
    private final List<NotificationDispatcher.Pending> heldBack = new ArrayList<>();
    private boolean running;
    private boolean closed;
    private boolean wakeUp;

    NotificationLane(String url, NotificationDispatcher dispatcher) {
        this.url = url;
        this.dispatcher = dispatcher;
    }

    synchronized void add(NotificationDispatcher.Pending pending, boolean holdBack) {
        if (holdBack) {
            heldBack.add(pending);
            return;
        }
        queue.addLast(pending);
        queue.addAll(heldBack);
        heldBack.clear();
        if (!running && !closed) {
            running = true;
            Thread.ofVirtual().name("sim-notify").start(this::drain);
        }
        notifyAll();
    }

    synchronized int size() {
        return queue.size() + heldBack.size();
    }

    synchronized void wake() {
        wakeUp = true;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void drain() {
        while (true) {
            List<NotificationDispatcher.Pending> batch = take();
            if (batch.isEmpty()) {
                return;
            }
            if (!dispatcher.send(url, batch)) {
                List<NotificationDispatcher.Pending> retry = dispatcher.afterFailure(batch);
                requeueFirst(retry);
                if (!retry.isEmpty()) {
                    pause(dispatcher.backoff(retry.get(0).attempts()));
                }
            }
        }
    }

    private synchronized List<NotificationDispatcher.Pending> take() {
        List<NotificationDispatcher.Pending> batch = new ArrayList<>();
        while (!closed && !queue.isEmpty() && batch.size() < NotificationDispatcher.MAX_PER_POST) {
            batch.add(queue.pollFirst());
        }
        if (batch.isEmpty()) {
            running = false;
        }
        return batch;
    }

    private synchronized void requeueFirst(List<NotificationDispatcher.Pending> retry) {
        for (int i = retry.size() - 1; i >= 0; i--) {
            queue.addFirst(retry.get(i));
        }
    }

    private synchronized void pause(Duration wait) {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        wakeUp = false;
        try {
            while (!closed && !wakeUp && System.currentTimeMillis() < deadline) {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
