package io.palisade.web.banner;

import io.palisade.banners.live.BannerState;
import io.palisade.banners.live.BannerStates;
import io.palisade.banners.live.LiveLink;
import io.palisade.banners.render.Wording;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictChanged;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds the open live pages' server-sent event streams and pushes a message's new state to every page of every
 * copy of it when its verdict changes, here or (through the LISTEN/NOTIFY bridge) on another instance.
 *
 * <p>Streams are keyed by tenant and mail item, so an event reaches only pages of its own tenant's message. An idle
 * stream costs no thread (the servlet request is asynchronous); sends run on virtual threads, one per page, so a
 * slow reader never holds up the others. Each event costs one state lookup per copy that has open pages, and one
 * rendering per language among them, however many pages are open.
 */
@Component
public class LiveEventHub implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEventHub.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);
    private static final int FAN_OUT_CONCURRENCY = 4;

    private final Map<Key, Set<Page>> pages = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<UUID, AtomicInteger> openByTenant = new ConcurrentHashMap<>();
    // Each fan-out holds a database connection for its state lookup; bursts of verdicts (a campaign re-scan) queue
    // here instead of starving the pool that new page connections need.
    private final Semaphore fanOuts = new Semaphore(FAN_OUT_CONCURRENCY);
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-heartbeat").daemon().factory());
    private final BannerStates states;
    private final LiveViews views;
    private final long streamTimeoutMillis;
    private final int maxStreams;
    private final int maxStreamsPerItem;

    public LiveEventHub(
            BannerStates states,
            LiveViews views,
            @Value("${palisade.banners.live.stream-timeout:PT30M}") Duration streamTimeout,
            @Value("${palisade.banners.live.max-streams:50000}") int maxStreams,
            @Value("${palisade.banners.live.max-streams-per-message:50}") int maxStreamsPerItem) {
        this.states = states;
        this.views = views;
        this.streamTimeoutMillis = streamTimeout.toMillis();
        this.maxStreams = maxStreams;
        this.maxStreamsPerItem = maxStreamsPerItem;
        long period = HEARTBEAT.toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /** How many streams are open on this instance. */
    public int openStreams() {
        return open.get();
    }

    /**
     * Opens a stream for a verified link and sends the current state at once (so a reconnecting page catches up).
     *
     * @return the stream, or empty when this instance or this message has too many open streams
     */
    public Optional<SseEmitter> subscribe(LiveLink link, Locale locale) {
        Key key = new Key(link.tenantId(), link.mailItemId());
        SseEmitter emitter = new SseEmitter(streamTimeoutMillis);
        Page page = new Page(emitter, locale);
        if (!add(key, page)) {
            LOG.warn("event=live_stream_refused tenant={} mail_item={} open={}", key.tenant(), key.item(), open.get());
            return Optional.empty();
        }
        Runnable remove = () -> remove(key, page);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        states.current(link.tenantId(), link.mailItemId())
                .ifPresent(state -> send(key, page, render(state, locale, new HashMap<>())));
        return Optional.of(emitter);
    }

    /** A verdict version was recorded: after its commit here, or at once when it comes from another instance. */
    @TransactionalEventListener(fallbackExecution = true)
    public void onVerdictChanged(VerdictChanged change) {
        AtomicInteger pagesOfTenant = openByTenant.get(change.tenantId());
        if (pagesOfTenant == null || pagesOfTenant.get() == 0) {
            return; // nobody of this tenant is looking: no lookup at all
        }
        senders.execute(() -> {
            fanOuts.acquireUninterruptibly();
            try {
                fanOut(change);
            } finally {
                fanOuts.release();
            }
        });
    }

    private void fanOut(VerdictChanged change) {
        try {
            // Every copy shows the same state (the newest verdict of any copy), so it is read once per event; a
            // recipient's trust changes their own copy only.
            Optional<BannerState> state = states.current(change.tenantId(), change.mailItemId());
            if (state.isEmpty()) {
                return;
            }
            List<UUID> copies = change.cause() == VerdictCause.RECIPIENT_TRUST
                    ? List.of(change.mailItemId())
                    : states.copyIds(change.tenantId(), change.mailItemId());
            Map<Locale, String> rendered = new HashMap<>();
            int pushed = 0;
            for (UUID copy : copies) {
                pushed += push(new Key(change.tenantId(), copy), state.get(), rendered);
            }
            LOG.debug(
                    "event=live_pushed tenant={} mail_item={} level={} remote={} pages={}",
                    change.tenantId(),
                    change.mailItemId(),
                    change.level(),
                    change.remote(),
                    pushed);
        } catch (RuntimeException e) {
            // Pages keep their last state and get the current one on their next reconnect.
            LOG.error("event=live_push_failed tenant={} mail_item={}", change.tenantId(), change.mailItemId(), e);
        }
    }

    private int push(Key key, BannerState state, Map<Locale, String> rendered) {
        Set<Page> forItem = pages.get(key);
        if (forItem == null || forItem.isEmpty()) {
            return 0;
        }
        for (Page page : forItem) {
            String json = render(state, page.locale(), rendered);
            senders.execute(() -> send(key, page, json));
        }
        return forItem.size();
    }

    private String render(BannerState state, Locale locale, Map<Locale, String> cache) {
        return cache.computeIfAbsent(locale, l -> {
            Wording wording = views.wording(state.tenantId(), l);
            return JSON.writeValueAsString(views.view(state, wording));
        });
    }

    private void send(Key key, Page page, String json) {
        try {
            synchronized (page) {
                page.emitter().send(SseEmitter.event().name("state").data(json));
            }
        } catch (IOException | IllegalStateException e) {
            // The reader went away; the container completes the request and onCompletion forgets the page.
            remove(key, page);
        }
    }

    private void beat() {
        pages.forEach((key, forItem) -> forItem.forEach(page -> senders.execute(() -> {
            try {
                synchronized (page) {
                    page.emitter().send(SseEmitter.event().comment("keep-alive"));
                }
            } catch (IOException | IllegalStateException e) {
                remove(key, page);
            }
        })));
    }

    // Adding and removing run inside the map's per-key compute, so a page added while the last one of its message
    // leaves is never dropped with the emptied set.
    private boolean add(Key key, Page page) {
        boolean[] added = {false};
        pages.compute(key, (k, forItem) -> {
            Set<Page> set = forItem == null ? ConcurrentHashMap.newKeySet() : forItem;
            if (open.get() < maxStreams && set.size() < maxStreamsPerItem) {
                added[0] = set.add(page);
                open.incrementAndGet();
                openByTenant
                        .computeIfAbsent(k.tenant(), t -> new AtomicInteger())
                        .incrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
        return added[0];
    }

    private void remove(Key key, Page page) {
        pages.computeIfPresent(key, (k, forItem) -> {
            if (forItem.remove(page)) {
                open.decrementAndGet();
                openByTenant.get(k.tenant()).decrementAndGet();
            }
            return forItem.isEmpty() ? null : forItem;
        });
    }

    @Override
    public void start() {
        running.set(true);
    }

    /**
     * Ends every open stream when the instance stops, before the web server's graceful shutdown: an open stream is a
     * request in progress, which that shutdown would otherwise wait for until its timeout. Pages reconnect to another
     * instance by themselves.
     */
    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            int closed = open.get();
            pages.values()
                    .forEach(forItem -> forItem.forEach(page -> page.emitter().complete()));
            LOG.info("event=live_streams_closed reason=shutdown streams={}", closed);
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Stops before the web server (whose graceful shutdown runs in a lower phase). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @PreDestroy
    void close() {
        heartbeat.shutdownNow();
        pages.values().forEach(forItem -> forItem.forEach(page -> page.emitter().complete()));
        senders.shutdown();
    }

    private record Key(UUID tenant, UUID item) {}

    private static final class Page {
        private final SseEmitter emitter;
        private final Locale locale;

        Page(SseEmitter emitter, Locale locale) {
            this.emitter = emitter;
            this.locale = locale;
        }

        SseEmitter emitter() {
            return emitter;
        }

        Locale locale() {
            return locale;
        }
    }
}
