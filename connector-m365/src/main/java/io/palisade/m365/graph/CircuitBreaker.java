package io.palisade.m365.graph;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's circuit: after {@code failures} consecutive 5xx answers or network failures, calls fail at once for
 * {@code open}, so a Graph outage does not become a storm of retries; then one call is let through, and a success
 * closes the circuit. 429 is not a failure here: the retry handler and the work queue honour its Retry-After.
 */
final class CircuitBreaker implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String tenant;
    private final int failures;
    private final Duration open;
    private final Clock clock;
    private final Runnable onOpen;
    private final AtomicInteger consecutive = new AtomicInteger();
    private final AtomicReference<Instant> openUntil = new AtomicReference<>(Instant.MIN);

    /**
     * @param tenant the Microsoft tenant id, for logs
     * @param onOpen run each time the circuit opens (a metric), never null
     */
    CircuitBreaker(String tenant, int failures, Duration open, Clock clock, Runnable onOpen) {
        this.tenant = tenant;
        this.failures = failures;
        this.open = open;
        this.clock = clock;
        this.onOpen = onOpen;
    }

    /** Whether calls are refused now. */
    boolean isOpen() {
        return clock.instant().isBefore(openUntil.get());
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Instant until = openUntil.get();
        Instant now = clock.instant();
        if (now.isBefore(until)) {
            throw new GraphUnavailableException("Graph circuit open", Duration.between(now, until));
        }
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            failed();
            throw e;
        }
        if (response.code() >= 500) {
            failed();
        } else {
            consecutive.set(0);
        }
        return response;
    }

    private void failed() {
        if (consecutive.incrementAndGet() >= failures) {
            openUntil.set(clock.instant().plus(open));
            consecutive.set(0);
            LOG.warn("event=m365_circuit_opened graph_tenant={} seconds={}", tenant, open.toSeconds());
            onOpen.run();
        }
    }
}
