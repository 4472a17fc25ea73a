package io.palisade.web.ops;

import io.palisade.core.queue.WorkQueue;
import io.palisade.core.queue.WorkState;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The work queue in {@code /actuator/health}: the number of items in each state across tenants. Dead letters do
 * not make the service unhealthy (they wait for an operator), so the status stays UP while the queue answers.
 */
@Component("workQueueHealthIndicator")
class WorkQueueHealth implements HealthIndicator {

    private final WorkQueue queue;

    WorkQueueHealth(WorkQueue queue) {
        this.queue = queue;
    }

    @Override
    public Health health() {
        Map<WorkState, Long> counts = queue.countsByState();
        Health.Builder health = Health.up();
        counts.forEach((state, count) -> health.withDetail(state.name().toLowerCase(Locale.ROOT), count));
        return health.build();
    }
}
