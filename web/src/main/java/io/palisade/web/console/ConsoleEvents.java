package io.palisade.web.console;

import io.palisade.core.chat.ChatVerdictChanged;
import io.palisade.core.verdict.VerdictChanged;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's live feed: every verdict change, made on this instance (after its commit) or on another (through
 * the LISTEN/NOTIFY bridge), is sent to each open console page as a server-sent event, {@code verdict} for a mail
 * item and {@code chat-verdict} for a chat item, so the message and chat lists and a message's or chat message's page
 * show a new level without a reload. The console has one administrator account, who sees every tenant, so every
 * change goes to every console stream; the event names ids and levels only, never a sender, subject or body.
 * Streams are capped ({@code palisade.console.live.max-streams}) and ended before the web server's graceful shutdown.
 */
@Component
public class ConsoleEvents implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleEvents.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("console-heartbeat").daemon().factory());
    private final long timeoutMillis;
    private final int maxStreams;

    public ConsoleEvents(
            @Value("${palisade.console.live.stream-timeout:PT30M}") Duration timeout,
            @Value("${palisade.console.live.max-streams:200}") int maxStreams) {
        this.timeoutMillis = timeout.toMillis();
        this.maxStreams = maxStreams;
    }

    /** A new console stream, or empty when the cap is reached (the page then falls back to its periodic reload). */
    public Optional<SseEmitter> open() {
        if (!running.get() || streams.size() >= maxStreams) {
            LOG.warn("event=console_stream_refused open={} max={}", streams.size(), maxStreams);
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        streams.add(emitter);
        emitter.onCompletion(() -> streams.remove(emitter));
        emitter.onTimeout(() -> streams.remove(emitter));
        emitter.onError(error -> streams.remove(emitter));
        return Optional.of(emitter);
    }

    /** How many console pages are listening. */
    public int openStreams() {
        return streams.size();
    }

    /** A verdict version was recorded: after its commit here, or at once when it comes from another instance. */
    @TransactionalEventListener(fallbackExecution = true)
    public void onVerdictChanged(VerdictChanged change) {
        if (streams.isEmpty()) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("tenantId", change.tenantId());
        event.put("mailItemId", change.mailItemId());
        event.put("version", change.version());
        event.put("level", change.level());
        event.put("previousLevel", change.previousLevel());
        event.put("score", change.score());
        event.put("cause", change.cause());
        broadcast("verdict", event);
    }

    /** A chat item's verdict version was recorded: after its commit here, or at once from another instance. */
    @TransactionalEventListener(fallbackExecution = true)
    public void onChatVerdictChanged(ChatVerdictChanged change) {
        if (streams.isEmpty()) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("tenantId", change.tenantId());
        event.put("chatItemId", change.chatItemId());
        event.put("version", change.version());
        event.put("level", change.level());
        event.put("previousLevel", change.previousLevel());
        event.put("cause", change.cause());
        broadcast("chat-verdict", event);
    }

    private void broadcast(String name, Map<String, Object> event) {
        String json = JSON.writeValueAsString(event);
        for (SseEmitter stream : streams) {
            senders.execute(() -> send(stream, SseEmitter.event().name(name).data(json)));
        }
    }

    private void send(SseEmitter stream, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (stream) {
                stream.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            // The page went away; the container completes the request and onCompletion forgets the stream.
            streams.remove(stream);
        }
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            heartbeat.scheduleAtFixedRate(
                    () -> streams.forEach(s ->
                            senders.execute(() -> send(s, SseEmitter.event().comment("keep-alive")))),
                    HEARTBEAT.toSeconds(),
                    HEARTBEAT.toSeconds(),
                    TimeUnit.SECONDS);
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            streams.forEach(SseEmitter::complete);
            streams.clear();
            heartbeat.shutdownNow();
            senders.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Stops before the web server (whose graceful shutdown runs in a lower phase and would wait for the streams). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
