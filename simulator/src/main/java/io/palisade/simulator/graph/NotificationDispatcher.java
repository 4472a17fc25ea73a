package io.palisade.simulator.graph;

import io.palisade.simulator.identity.TokenService;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.state.FaultPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends change and lifecycle notifications. Each endpoint URL has a lane: notifications queue there
 * and go out several per POST; a failed or slow POST is retried with exponential backoff for up to
 * 4 hours (simulated time), after which the notifications are dropped, as Graph does. The fault
 * plan can drop, repeat, reorder or block them.
 */
public final class NotificationDispatcher implements AutoCloseable {

    static final int MAX_PER_POST = 100;
    static final Duration GIVE_UP_AFTER = Duration.ofHours(4);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final WebhookClient client;
    private final TokenService tokens;
    private final FaultPlan faults;
    private final Clock clock;
    private final Map<String, NotificationLane> lanes = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Duration retryBase = Duration.ofSeconds(1);
    private volatile Duration retryMax = Duration.ofSeconds(30);

    NotificationDispatcher(WebhookClient client, TokenService tokens, FaultPlan faults, Clock clock) {
        this.client = client;
        this.tokens = tokens;
        this.faults = faults;
        this.clock = clock;
    }

    /**
     * One notification waiting to go out.
     *
     * @param rich whether it carries encrypted content, so the POST needs validation tokens
     */
    record Pending(ObjectNode item, String tenantId, String appId, boolean rich, Instant firstTry, int attempts) {

        Pending retried() {
            return new Pending(item, tenantId, appId, rich, firstTry, attempts + 1);
        }
    }

    /** Queues a notification for {@code url}, applying the drop, duplicate and reorder faults. */
    void enqueue(String url, ObjectNode item, String tenantId, String appId, boolean rich) {
        if (faults.takeDrop()) {
            dropped.incrementAndGet();
            LOG.info("event=notification_dropped reason=fault tenant={}", tenantId);
            return;
        }
        Pending pending = new Pending(item, tenantId, appId, rich, clock.instant(), 0);
        NotificationLane lane = lanes.computeIfAbsent(url, u -> new NotificationLane(u, this));
        lane.add(pending, faults.takeReorder());
        if (faults.takeDuplicate()) {
            lane.add(pending, false);
        }
    }

    /** Sets the retry backoff: the first wait and the longest. */
    public void retryPolicy(Duration base, Duration max) {
        retryBase = base;
        retryMax = max;
    }

    /** Makes every lane retry now instead of waiting out its backoff. */
    public void retryNow() {
        lanes.values().forEach(NotificationLane::wake);
    }

    /** Notifications that reached an endpoint. */
    public long deliveredCount() {
        return delivered.get();
    }

    /** Notifications dropped by a fault or after retrying for too long. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Notifications still waiting in some lane. */
    public int pendingCount() {
        return lanes.values().stream().mapToInt(NotificationLane::size).sum();
    }

    /**
     * Sends one batch; returns true when it was delivered. Called by a lane's thread. Not yet: Graph's flagging of
     * slow endpoints (10% of answers over 2.9 s delays delivery, 15% drops it) is not simulated; slow answers are
     * only retried.
     */
    boolean send(String url, List<Pending> batch) {
        if (faults.endpointUnreachable()) {
            LOG.info("event=notification_failed reason=unreachable_fault count={}", batch.size());
            return false;
        }
        WebhookClient.Delivery result = client.post(url, body(batch));
        if (result.delivered()) {
            delivered.addAndGet(batch.size());
            LOG.debug("event=notifications_delivered count={} status={}", batch.size(), result.status());
            return true;
        }
        LOG.info(
                "event=notification_failed status={} millis={} error={} count={}",
                result.status(),
                result.took().toMillis(),
                result.error(),
                batch.size());
        return false;
    }

    private String body(List<Pending> batch) {
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        Set<String> richPairs = new LinkedHashSet<>();
        for (Pending p : batch) {
            value.add(p.item());
            if (p.rich()) {
                richPairs.add(p.tenantId() + "|" + p.appId());
            }
        }
        if (!richPairs.isEmpty()) {
            ArrayNode validation = body.putArray("validationTokens");
            for (String pair : richPairs) {
                String[] parts = pair.split("\\|", 2);
                validation.add(tokens.issueValidationToken(parts[0], parts[1]));
            }
        }
        return Json.write(body);
    }

    /** Splits a failed batch into the ones to retry and counts those past the 4-hour limit. */
    List<Pending> afterFailure(List<Pending> batch) {
        List<Pending> retry = new ArrayList<>();
        Instant now = clock.instant();
        for (Pending p : batch) {
            if (now.isAfter(p.firstTry().plus(GIVE_UP_AFTER))) {
                dropped.incrementAndGet();
                LOG.warn("event=notification_dropped reason=retries_exhausted tenant={}", p.tenantId());
            } else {
                retry.add(p.retried());
            }
        }
        return retry;
    }

    /** How long to wait before the next try of a batch tried {@code attempts} times. */
    Duration backoff(int attempts) {
        long millis = retryBase.toMillis() << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(millis, retryMax.toMillis()));
    }

    @Override
    public void close() {
        lanes.values().forEach(NotificationLane::close);
    }
}
