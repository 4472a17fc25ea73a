package io.palisade.simulator.traffic;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a generator's deliveries to a sink as their scheduled time comes: the piece that makes traffic flow at the
 * configured rate. {@link #deliverDue(Instant)} does one step and is what tests call; {@link #start(Clock)} runs the
 * steps once a second on a daemon thread.
 *
 * <p>A delivery the sink refuses (by throwing) is offered again on the next step; after {@value #MAX_ATTEMPTS}
 * refusals it is skipped with an ERROR line, so that one bad delivery cannot stop the stream.
 */
public final class TrafficPump implements AutoCloseable {

    static final int MAX_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(TrafficPump.class);

    private final TrafficGenerator generator;
    private final Consumer<Delivery> sink;
    private final int maxPerStep;
    private long next;
    private int attempts;
    private ScheduledExecutorService scheduler;

    /**
     * @param sink receives each delivery once, in index order, on the pump's thread
     * @param maxPerStep the most deliveries one step hands over, so a late start catches up gradually
     */
    public TrafficPump(TrafficGenerator generator, Consumer<Delivery> sink, int maxPerStep) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (maxPerStep < 1) {
            throw new IllegalArgumentException("maxPerStep must be at least 1, got " + maxPerStep);
        }
        this.maxPerStep = maxPerStep;
    }

    /** Hands over every delivery due by {@code now} that was not handed over yet; returns how many it handed. */
    public synchronized int deliverDue(Instant now) {
        long due = Math.min(generator.dueBy(now), next + maxPerStep);
        int handed = 0;
        while (next < due) {
            Delivery delivery = generator.render(next);
            try {
                sink.accept(delivery);
            } catch (RuntimeException e) {
                if (++attempts < MAX_ATTEMPTS) {
                    LOG.warn(
                            "event=traffic_delivery_refused index={} kind={} attempt={}",
                            next,
                            delivery.kind(),
                            attempts,
                            e);
                    return handed;
                }
                LOG.error(
                        "event=traffic_delivery_skipped index={} kind={} attempts={}",
                        next,
                        delivery.kind(),
                        attempts,
                        e);
            }
            attempts = 0;
            next++;
            handed++;
        }
        return handed;
    }

    /** The index of the next delivery to hand over: how many were handed (or skipped) so far. */
    public synchronized long next() {
        return next;
    }

    /** Runs {@link #deliverDue(Instant)} every second on a daemon thread until {@link #close()}. */
    public synchronized void start(Clock clock) {
        if (scheduler != null) {
            throw new IllegalStateException("the pump is already running");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "traffic-pump");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(() -> step(clock), 0, 1, TimeUnit.SECONDS);
        LOG.info(
                "event=traffic_pump_started perMinute={} seed={}",
                generator.settings().perMinute(),
                generator.settings().seed());
    }

    private void step(Clock clock) {
        try {
            deliverDue(clock.instant());
        } catch (RuntimeException e) {
            // A failed render must not cancel the schedule; the next second tries again.
            LOG.error("event=traffic_pump_step_failed next={}", next(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
