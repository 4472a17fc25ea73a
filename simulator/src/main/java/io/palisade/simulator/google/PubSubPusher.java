package io.palisade.simulator.google;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gmail's push: when a watched mailbox changes, POSTs the Pub/Sub envelope to each push subscription of the watch's
 * topic, with an OIDC token whose audience is the endpoint. At most one notification a second a user, as Gmail
 * sends; the rest are dropped (clients catch up with history.list). A failed push is retried with backoff.
 */
public final class PubSubPusher implements AutoCloseable {

    static final int MAX_ATTEMPTS = 5;
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(PubSubPusher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GoogleState state;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Instant> lastPush = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** Starts pushing for {@code state}'s watched mailboxes. */
    public PubSubPusher(GoogleState state, HttpClient http) {
        this.state = state;
        this.http = http;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "gmail-push");
            thread.setDaemon(true);
            return thread;
        });
        state.pusher(this);
    }

    /** A watched mailbox changed; {@code labelIds} are the labels the change touched. */
    void changed(GmailMailbox mailbox, Set<String> labelIds) {
        GmailWatch watch = mailbox.watch();
        Instant now = state.clock().instant();
        if (watch == null || !watch.expiration().isAfter(now) || !matches(watch, labelIds)) {
            return;
        }
        publish(mailbox, watch, now);
    }

    /** "A successful watch immediately sends one notification." */
    void watchStarted(GmailMailbox mailbox, GmailWatch watch) {
        publish(mailbox, watch, state.clock().instant());
    }

    private void publish(GmailMailbox mailbox, GmailWatch watch, Instant now) {
        Instant previous = lastPush.get(mailbox.address());
        if (previous != null && now.isBefore(previous.plus(MIN_INTERVAL))) {
            dropped.incrementAndGet();
            return;
        }
        lastPush.put(mailbox.address(), now);
        String data = envelopeData(mailbox.address(), mailbox.historyId());
        for (PushSubscription subscription : state.subscriptionsFor(watch.topicName())) {
            String body = envelope(subscription, data, now);
            published.incrementAndGet();
            scheduler.execute(() -> send(subscription, body, 1));
        }
    }

    private static boolean matches(GmailWatch watch, Set<String> labelIds) {
        if (watch.labelIds().isEmpty()) {
            return true;
        }
        boolean touchesListed = labelIds.stream().anyMatch(watch.labelIds()::contains);
        return watch.include() ? touchesListed : !watch.labelIds().containsAll(labelIds) || labelIds.isEmpty();
    }

    private static String envelopeData(String address, long historyId) {
        String json = JSON.writeValueAsString(Map.of("emailAddress", address, "historyId", String.valueOf(historyId)));
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private String envelope(PushSubscription subscription, String data, Instant now) {
        String messageId = String.valueOf(state.ids().numeric(16));
        String published = now.truncatedTo(ChronoUnit.MILLIS).toString();
        Map<String, Object> message = Map.of(
                "data", data,
                "messageId", messageId,
                "message_id", messageId,
                "publishTime", published,
                "publish_time", published);
        return JSON.writeValueAsString(Map.of("message", message, "subscription", subscription.name()));
    }

    private void send(PushSubscription subscription, String body, int attempt) {
        Instant now = state.clock().instant();
        String token = state.signer()
                .idToken(subscription.audience(), subscription.serviceAccountEmail(), pushSubject(subscription), now);
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.endpoint()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            int status = response == null ? 0 : response.statusCode();
            if (error == null && status >= 200 && status < 300) {
                delivered.incrementAndGet();
            } else {
                retry(subscription, body, attempt, status, error);
            }
        });
    }

    private void retry(PushSubscription subscription, String body, int attempt, int status, Throwable error) {
        if (attempt >= MAX_ATTEMPTS) {
            failed.incrementAndGet();
            LOG.error(
                    "event=gmail_push_failed subscription={} attempts={} status={} error={}",
                    subscription.name(),
                    attempt,
                    status,
                    error == null ? "-" : error.getClass().getSimpleName());
            return;
        }
        long delay = 1L << (attempt - 1);
        LOG.warn(
                "event=gmail_push_retry subscription={} attempt={} status={} delay_s={}",
                subscription.name(),
                attempt,
                status,
                delay);
        scheduler.schedule(() -> send(subscription, body, attempt + 1), delay, TimeUnit.SECONDS);
    }

    private static String pushSubject(PushSubscription subscription) {
        // Google puts the service account's numeric id in sub and azp; a stable number per account stands in.
        return String.valueOf(Math.abs((long) subscription.serviceAccountEmail().hashCode()) + 100_000_000_000L);
    }

    /**
     * Push envelopes handed to the sender, counted when the change happens (before the POST, which runs on another
     * thread): a test can tell at once that a change made no push.
     */
    public long published() {
        return published.get();
    }

    public long delivered() {
        return delivered.get();
    }

    /** Notifications not sent because the user had one less than a second before. */
    public long dropped() {
        return dropped.get();
    }

    /** Pushes given up after {@value #MAX_ATTEMPTS} attempts. */
    public long failed() {
        return failed.get();
    }

    void reset() {
        lastPush.clear();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
