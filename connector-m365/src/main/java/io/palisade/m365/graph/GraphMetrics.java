package io.palisade.m365.graph;

import io.micrometer.core.instrument.Gauge;
import io.palisade.m365.M365Metrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.stereotype.Component;

/**
 * Meters every Graph request at the one place all of them pass: an interceptor in each tenant's OkHttp chain, inside
 * the SDK's retry handler (so each attempt counts) and outside the circuit breaker and the throttle (so a request
 * they refuse counts as {@code not_sent}). Also the circuit breakers' state and openings, and the requests in flight.
 *
 * <p>A Graph client belongs to a Microsoft tenant; its meters carry the Palisade tenant connected to it, looked up
 * once it exists (the first calls of an onboarding are made before, and count under {@link M365Metrics#NO_TENANT}).
 */
@Component
public class GraphMetrics {

    /** Outcome of a request answered 2xx or 3xx. */
    static final String OK = "ok";

    /** Outcome of a 429. */
    static final String THROTTLED = "throttled";

    /** Outcome of a 5xx. */
    static final String SERVER_ERROR = "server_error";

    /** Outcome of another 4xx (a message gone, a missing permission) or a network failure. */
    static final String OTHER_ERROR = "other_error";

    /** Outcome of a request the circuit breaker or the throttle did not let through. */
    static final String NOT_SENT = "not_sent";

    private final M365Metrics metrics;
    private final ConnectedTenantLookup tenants;
    private final Map<String, String> tenantTags = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public GraphMetrics(M365Metrics metrics, ConnectedTenantLookup tenants, GraphThrottle throttle) {
        this.metrics = metrics;
        this.tenants = tenants;
        Gauge.builder(M365Metrics.IN_FLIGHT, throttle, GraphThrottle::inFlight)
                .description("Microsoft Graph requests in flight for the whole installation")
                .register(metrics.registry());
    }

    /** The interceptor that counts the requests of one Microsoft tenant's client. */
    Interceptor interceptor(String externalTenantId) {
        return chain -> count(externalTenantId, chain);
    }

    /** Shows a tenant's circuit breaker as a gauge, and counts its openings. */
    void watch(String externalTenantId, CircuitBreaker breaker) {
        breakers.put(externalTenantId, breaker);
        String tag = tenantTags.get(externalTenantId);
        if (tag != null) {
            registerCircuitGauge(tag, breaker);
        }
    }

    /** Counts an opening of a tenant's circuit breaker. */
    void circuitOpened(String externalTenantId) {
        metrics.circuitOpened(tenantTag(externalTenantId));
    }

    private Response count(String externalTenantId, Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        String operation = GraphOperation.of(request.method(), request.url().pathSegments())
                .tag();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (GraphUnavailableException e) {
            metrics.graphCall(tenantTag(externalTenantId), operation, NOT_SENT);
            throw e;
        } catch (IOException | RuntimeException e) {
            metrics.graphCall(tenantTag(externalTenantId), operation, OTHER_ERROR);
            throw e;
        }
        String tenant = tenantTag(externalTenantId);
        // Not yet: a $batch counts once with its POST's status; items throttled or failed inside it are not counted.
        metrics.graphCall(tenant, operation, outcome(response.code()));
        long retryAfter = GraphClients.retryAfterSeconds(response);
        if (retryAfter > 0 && (response.code() == 429 || response.code() >= 500)) {
            metrics.retryAfter(tenant, Duration.ofSeconds(retryAfter));
        }
        return response;
    }

    static String outcome(int status) {
        if (status == 429) {
            return THROTTLED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        return status >= 400 ? OTHER_ERROR : OK;
    }

    /** The Palisade tenant id of a Microsoft tenant, kept once found; {@link M365Metrics#NO_TENANT} before. */
    private String tenantTag(String externalTenantId) {
        String tag = tenantTags.get(externalTenantId);
        if (tag != null) {
            return tag;
        }
        Optional<UUID> connected = tenants.palisadeTenant(externalTenantId);
        if (connected.isEmpty()) {
            return M365Metrics.NO_TENANT;
        }
        String found = connected.get().toString();
        if (tenantTags.putIfAbsent(externalTenantId, found) == null) {
            CircuitBreaker breaker = breakers.get(externalTenantId);
            if (breaker != null) {
                registerCircuitGauge(found, breaker);
            }
        }
        return found;
    }

    private void registerCircuitGauge(String tenant, CircuitBreaker breaker) {
        Gauge.builder(M365Metrics.CIRCUIT_OPEN, breaker, b -> b.isOpen() ? 1 : 0)
                .description("1 while the tenant's Graph circuit breaker is open")
                .tag("tenant", tenant)
                .register(metrics.registry());
    }
}
