package io.palisade.simulator.graph;

import io.palisade.simulator.identity.AccessToken;
import io.palisade.simulator.server.Handler;
import io.palisade.simulator.server.HttpError;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outlook's limits per app and mailbox: at most 4 requests in flight and 10,000 requests per 10
 * minutes; past either, 429 with Retry-After. Calls that name no mailbox are not limited here.
 */
final class Throttle {

    static final int CONCURRENCY = 4;
    static final int REQUESTS_PER_WINDOW = 10_000;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);

    private final Clock clock;
    private final Faults faults;
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    Throttle(Clock clock, Faults faults) {
        this.clock = clock;
        this.faults = faults;
    }

    Response run(Request request, AccessToken token, Handler handler) throws Exception {
        String user = request.paramOrNull("user");
        if (user == null) {
            faults.beforeCall(request, token);
            return handler.handle(request);
        }
        String key = token.tenantId() + "|" + token.appId() + "|" + user.toLowerCase(Locale.ROOT);
        countRequest(key, token);
        Semaphore slots = inFlight.computeIfAbsent(key, k -> new Semaphore(CONCURRENCY));
        if (!slots.tryAcquire()) {
            LOG.info("event=throttled reason=concurrency tenant={} app={}", token.tenantId(), token.appId());
            throw tooMany("Application is over its MailboxConcurrency limit.", 1);
        }
        try {
            // Faults apply inside the slot: an injected latency keeps the request in flight, as a slow one would.
            faults.beforeCall(request, token);
            return handler.handle(request);
        } finally {
            slots.release();
        }
    }

    private void countRequest(String key, AccessToken token) {
        Instant now = clock.instant();
        Window window = windows.compute(
                key,
                (k, w) -> w == null || !now.isBefore(w.start.plus(WINDOW))
                        ? new Window(now, 1)
                        : new Window(w.start, w.count + 1));
        if (window.count > REQUESTS_PER_WINDOW) {
            long wait =
                    Math.max(1, Duration.between(now, window.start.plus(WINDOW)).toSeconds());
            LOG.info("event=throttled reason=rate tenant={} app={}", token.tenantId(), token.appId());
            throw tooMany("Application is over its MailboxRequestRate limit.", wait);
        }
    }

    /** A 429 as Graph sends it. */
    static HttpError tooMany(String message, long retryAfterSeconds) {
        Response response = GraphErrors.response(429, "ApplicationThrottled", message)
                .header("Retry-After", Long.toString(retryAfterSeconds));
        return new HttpError(response, "throttled");
    }

    private record Window(Instant start, int count) {}
}
