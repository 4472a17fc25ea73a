package io.palisade.web.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.queue.WorkState;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The work queue's READY and DEAD items per tenant as the gauge {@code palisade.work.items} (tags {@code tenant}, the
 * Palisade tenant id, and {@code state}), counted by one query every {@code palisade.metrics.work-queue-interval}
 * rather than at each scrape. A tenant with neither READY nor DEAD items has no series.
 */
@Component
class WorkQueueMeters {

    static final String WORK_ITEMS = "palisade.work.items";

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueueMeters.class);

    private final WorkQueue queue;
    private final MultiGauge items;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("work-queue-meters").daemon().factory());

    WorkQueueMeters(
            WorkQueue queue,
            MeterRegistry registry,
            @Value("${palisade.metrics.work-queue-interval:PT30S}") Duration interval) {
        this.queue = queue;
        this.items = MultiGauge.builder(WORK_ITEMS)
                .description("READY and DEAD work items per tenant")
                .register(registry);
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Counts the items now and replaces every row of the gauge. */
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Map.Entry<UUID, Map<WorkState, Long>> tenant :
                queue.readyAndDeadByTenant().entrySet()) {
            tenant.getValue()
                    .forEach((state, count) -> rows.add(MultiGauge.Row.of(
                            Tags.of(
                                    "tenant",
                                    tenant.getKey().toString(),
                                    "state",
                                    state.name().toLowerCase(Locale.ROOT)),
                            count)));
        }
        items.register(rows, true);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (DataAccessException e) {
            // The gauge keeps its last values; the next round tries again.
            LOG.warn("event=work_queue_meters_not_refreshed error={}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("event=work_queue_meters_not_refreshed error={}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
