package io.palisade.web.webhook;

import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Microsoft 365 in {@code /actuator/health}: subscriptions by status. A subscription in a problem state (FAILED: a
 * refused renewal; CREATE_FAILED: a creation Graph refused, such as a 403 quota error; REAUTHORIZE) means that
 * mailbox's notifications stop; it is counted in {@code failedSubscriptions} (refused creations also in
 * {@code failedCreations}) with {@code degraded=true} until the renewal job repairs it. The component stays UP: the
 * instance still serves, and delta catch-up keeps the mailbox scanned meanwhile, so a probe must not restart it.
 */
@Component("m365")
public class M365HealthIndicator implements HealthIndicator {

    private final SubscriptionStore subscriptions;

    public M365HealthIndicator(SubscriptionStore subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public Health health() {
        Map<String, Integer> counts = subscriptions.countByStatus();
        int failed = Arrays.stream(SubscriptionRecord.Status.values())
                .filter(SubscriptionRecord.Status::isProblem)
                .mapToInt(status -> counts.getOrDefault(status.name(), 0))
                .sum();
        return Health.up()
                .withDetail("degraded", failed > 0)
                .withDetail("subscriptions", counts)
                .withDetail("failedSubscriptions", failed)
                .withDetail("failedCreations", counts.getOrDefault(SubscriptionRecord.Status.CREATE_FAILED.name(), 0))
                .build();
    }
}
