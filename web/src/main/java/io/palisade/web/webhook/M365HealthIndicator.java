package io.palisade.web.webhook;

import io.palisade.m365.subscription.SubscriptionStore;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Microsoft 365 in {@code /actuator/health}: subscriptions by status. A FAILED subscription (a refused renewal or
 * re-creation, such as a 403 quota error) means that mailbox's notifications stop; it is shown as
 * {@code failedSubscriptions} with {@code degraded=true} until the renewal job repairs it. The component stays UP:
 * the instance still serves, and delta catch-up keeps the mailbox scanned meanwhile, so a probe must not restart it.
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
        int failed = counts.getOrDefault("FAILED", 0);
        return Health.up()
                .withDetail("degraded", failed > 0)
                .withDetail("subscriptions", counts)
                .withDetail("failedSubscriptions", failed)
                .build();
    }
}
