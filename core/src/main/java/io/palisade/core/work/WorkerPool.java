package io.palisade.core.work;

import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the registered {@link WorkHandler}s: each worker claims one due item of a known kind, runs its handler and
 * completes or fails it. Sets the logging context (tenant, kind, item) once per item. When the queue has nothing
 * due, one idle worker polls it and the others rest until that one, or a producer's {@link WorkSignal}, wakes them.
 */
@Component
public class WorkerPool implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    // How long a resting worker waits when no wake-up comes; the poller wakes it as soon as it finds work.
    private static final Duration RESTING = Duration.ofSeconds(5);

    private final WorkQueue queue;
    private final Map<String, WorkHandler> handlers;
    private final WorkerProperties properties;
    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean poller = new AtomicBoolean();
    private final WorkSignal signal;
    private ExecutorService executor;

    public WorkerPool(WorkQueue queue, List<WorkHandler> handlers, WorkerProperties properties, WorkSignal signal) {
        this.queue = queue;
        this.handlers = handlers.stream().collect(Collectors.toMap(WorkHandler::kind, Function.identity()));
        this.properties = properties;
        this.signal = signal;
    }

    @Override
    public void start() {
        if (!properties.enabled() || handlers.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("palisade-worker-", 0).factory());
        for (int i = 0; i < properties.threads(); i++) {
            String workerId = instanceId + "#" + i;
            executor.submit(() -> loop(workerId));
        }
        LOG.info("event=workers_started threads={} kinds={}", properties.threads(), handlers.keySet());
    }

    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        signal.wake();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "event=workers_interrupted grace_ms={} reason=items_still_running",
                        properties.shutdownGrace().toMillis());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("event=workers_stopped");
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void loop(String workerId) {
        boolean idle = false;
        while (running.get()) {
            try {
                List<WorkItem> claimed = queue.claim(handlers.keySet(), workerId, properties.lease(), 1);
                if (claimed.isEmpty()) {
                    idle = true;
                    rest();
                } else {
                    if (idle) {
                        // The first item after a quiet spell: there may be more, so the resting workers join in.
                        signal.wakeNow();
                        idle = false;
                    }
                    claimed.forEach(this::run);
                }
            } catch (RuntimeException e) {
                // The queue itself failed (the database is down): back off instead of spinning.
                LOG.error("event=worker_claim_failed worker={} error={}", workerId, e.toString());
                waitIdle(Duration.ofSeconds(2));
            }
        }
    }

    private void run(WorkItem item) {
        MDC.put("tenant", item.tenantId().toString());
        MDC.put("kind", item.kind());
        MDC.put("item", item.id().toString());
        try {
            handlers.get(item.kind()).handle(item);
            queue.complete(item.id(), item.leaseToken());
        } catch (PermanentWorkException e) {
            LOG.error("event=work_failed_permanently error={}", e.getMessage());
            queue.failPermanently(item.id(), item.leaseToken(), e.getMessage());
        } catch (RetryableWorkException e) {
            LOG.warn(
                    "event=work_failed retry_after_ms={} error={}",
                    e.retryAfter().toMillis(),
                    e.getMessage());
            queue.fail(item.id(), item.leaseToken(), e.getMessage(), e.retryAfter());
        } catch (Exception e) {
            LOG.warn("event=work_failed error={}", e.toString(), e);
            queue.fail(item.id(), item.leaseToken(), e.toString());
        } finally {
            MDC.remove("tenant");
            MDC.remove("kind");
            MDC.remove("item");
        }
    }

    /**
     * An idle worker waits: one of them (the poller) asks the queue again after the idle poll, the others rest
     * until a wake-up, so an idle instance asks the database a few times a second rather than once per worker.
     */
    private void rest() {
        if (poller.compareAndSet(false, true)) {
            try {
                waitIdle(properties.idlePoll());
            } finally {
                poller.set(false);
            }
        } else {
            waitIdle(RESTING);
        }
    }

    private void waitIdle(Duration duration) {
        try {
            signal.await(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }
}
