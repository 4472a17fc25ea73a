package io.palisade.m365;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The connector's meters ({@code docs/m365.md} lists them). Every per-tenant meter is tagged {@code tenant} with the
 * Palisade tenant id (a UUID, never a name, domain or address), or {@link #NO_TENANT}; every other tag takes its
 * values from a fixed set, so the number of series grows only with the number of tenants.
 *
 * <p>Meters go to the application's registry (Prometheus in the service); without one, to Micrometer's global
 * registry, which drops them unless someone adds a registry to it.
 */
@Component
public class M365Metrics {

    /** Graph requests sent, by tenant, operation ({@code GraphOperation}) and outcome. */
    public static final String GRAPH_CALLS = "palisade.m365.graph.calls";

    /** The Retry-After waits Graph asked for with a 429 or 503, by tenant. */
    public static final String GRAPH_RETRY_AFTER = "palisade.m365.graph.retry.after";

    /** 1 while a tenant's circuit breaker is open, else 0. */
    public static final String CIRCUIT_OPEN = "palisade.m365.graph.circuit.open";

    /** How often a tenant's circuit breaker opened. */
    public static final String CIRCUIT_OPENINGS = "palisade.m365.graph.circuit.openings";

    /** Graph requests in flight for the whole installation (no tenant tag). */
    public static final String IN_FLIGHT = "palisade.m365.graph.in.flight";

    /** Notifications received at the webhooks, by tenant and endpoint ({@code changes}, {@code lifecycle}). */
    public static final String NOTIFICATIONS_RECEIVED = "palisade.m365.notifications.received";

    /**
     * What became of the notifications received, by tenant, endpoint and outcome: {@code stored}, {@code duplicate},
     * {@code rejected}, {@code ignored}, or {@code not_stored} when the database refused the batch.
     */
    public static final String NOTIFICATIONS = "palisade.m365.notifications";

    /** Messages a delta catch-up found that Palisade had neither scanned nor listed before, by tenant. */
    public static final String CATCH_UP_FOUND = "palisade.m365.catchup.found";

    /**
     * The tenant tag of what no Palisade tenant owns (yet): Graph calls while a tenant is being onboarded,
     * notifications for unknown subscriptions.
     */
    public static final String NO_TENANT = "none";

    private final MeterRegistry registry;

    public M365Metrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
    }

    /** The registry the meters are in, for gauges registered by their owners. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The tag value of a tenant id; {@link #NO_TENANT} for null. */
    public static String tenantTag(UUID tenantId) {
        return tenantId == null ? NO_TENANT : tenantId.toString();
    }

    /** Counts one Graph request. */
    public void graphCall(String tenant, String operation, String outcome) {
        Counter.builder(GRAPH_CALLS)
                .description("Microsoft Graph requests by operation and outcome")
                .tags("tenant", tenant, "operation", operation, "outcome", outcome)
                .register(registry)
                .increment();
    }

    /** Records a Retry-After that Graph sent. */
    public void retryAfter(String tenant, Duration wait) {
        Timer.builder(GRAPH_RETRY_AFTER)
                .description("Retry-After waits asked for by Microsoft Graph")
                .tag("tenant", tenant)
                .register(registry)
                .record(wait);
    }

    /** Counts one opening of a tenant's circuit breaker. */
    public void circuitOpened(String tenant) {
        Counter.builder(CIRCUIT_OPENINGS)
                .description("Openings of the tenant's Graph circuit breaker")
                .tag("tenant", tenant)
                .register(registry)
                .increment();
    }

    /** Counts notifications received at one endpoint for one tenant. */
    public void notificationsReceived(UUID tenantId, String endpoint, int count) {
        if (count > 0) {
            Counter.builder(NOTIFICATIONS_RECEIVED)
                    .description("Microsoft Graph notifications received at the webhooks")
                    .tags("tenant", tenantTag(tenantId), "endpoint", endpoint)
                    .register(registry)
                    .increment(count);
        }
    }

    /** Counts notifications of one outcome at one endpoint for one tenant. */
    public void notifications(UUID tenantId, String endpoint, String outcome, int count) {
        if (count > 0) {
            Counter.builder(NOTIFICATIONS)
                    .description("What became of the Microsoft Graph notifications received")
                    .tags("tenant", tenantTag(tenantId), "endpoint", endpoint, "outcome", outcome)
                    .register(registry)
                    .increment(count);
        }
    }

    /** Counts messages a catch-up found and queued. */
    public void catchUpFound(UUID tenantId, int count) {
        Counter counter = Counter.builder(CATCH_UP_FOUND)
                .description("Messages found by delta catch-up that were neither scanned nor listed before")
                .tag("tenant", tenantTag(tenantId))
                .register(registry);
        counter.increment(count);
    }
}
