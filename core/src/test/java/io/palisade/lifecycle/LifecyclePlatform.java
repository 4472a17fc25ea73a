package io.palisade.lifecycle;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MailboxConnector;
import io.palisade.core.connector.MessageCopy;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.Provider;
import io.palisade.core.connector.QuarantineResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail platform in memory that behaves as Graph does where clawbacks care: a move gives the message a new id
 * (the old one is gone), search by internet message id finds every copy of the tenant, and it can throttle with a
 * Retry-After. It counts the moves of each delivered message, so a test can prove no copy moved twice.
 */
public class LifecyclePlatform implements MailboxConnector {

    /** A message as the platform holds it; {@code key} stays the same across moves. */
    public record Stored(
            UUID tenantId, String mailbox, String folder, String internetMessageId, String key, byte[] mime) {}

    private final Map<String, Stored> messages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> moves = new ConcurrentHashMap<>();
    private final Map<String, String> idByKey = new ConcurrentHashMap<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Duration retryAfter = Duration.ofSeconds(1);
    private volatile long latencyMillis;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger dieAfterMove = new AtomicInteger();

    /** Delivers a message; returns its id. */
    public String deliver(UUID tenantId, String mailbox, String folder, String internetMessageId, byte[] mime) {
        String id = UUID.randomUUID().toString();
        messages.put(id, new Stored(tenantId, mailbox, folder, internetMessageId, id, mime));
        idByKey.put(id, id);
        return id;
    }

    /** Where the message delivered as {@code key} is now; null when it is gone. */
    public Stored byKey(String key) {
        String id = idByKey.get(key);
        return id == null ? null : messages.get(id);
    }

    /** How often the message delivered as {@code key} was moved. */
    public int movesOf(String key) {
        AtomicInteger count = moves.get(key);
        return count == null ? 0 : count.get();
    }

    /** The next {@code count} mutating calls fail with a throttling error asking to wait {@code wait}. */
    public void throttleNext(int count, Duration wait) {
        retryAfter = wait;
        throttled.set(count);
    }

    /**
     * The next {@code count} moves happen on the platform, but the caller then dies before it hears the answer, as a
     * worker killed mid-call does.
     */
    public void dieAfterNextMoves(int count) {
        dieAfterMove.set(count);
    }

    /** Every call takes this long (the benchmark's Graph latency). */
    public void latency(long millis) {
        latencyMillis = millis;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public Provider provider() {
        return Provider.M365;
    }

    @Override
    public byte[] fetchMime(MessageRef message) throws ConnectorException {
        return require(message).mime();
    }

    @Override
    public QuarantineResult quarantine(MessageRef message) throws ConnectorException {
        Stored stored = mutate(message);
        return new QuarantineResult(move(message, stored, "quarantine"), stored.folder());
    }

    @Override
    public String release(MessageRef message, String originalFolderId) throws ConnectorException {
        return move(message, mutate(message), originalFolderId);
    }

    @Override
    public void softDelete(MessageRef message) throws ConnectorException {
        move(message, mutate(message), "deleteditems");
    }

    @Override
    public void hardDelete(MessageRef message) throws ConnectorException {
        Stored stored = mutate(message);
        messages.remove(message.providerMessageId());
        idByKey.remove(stored.key());
    }

    @Override
    public List<MessageCopy> findCopies(UUID tenantId, String internetMessageId) throws ConnectorException {
        pause();
        return messages.entrySet().stream()
                .filter(e -> e.getValue().tenantId().equals(tenantId))
                .filter(e -> Objects.equals(e.getValue().internetMessageId(), internetMessageId))
                .map(e -> new MessageCopy(
                        e.getValue().mailbox(), e.getKey(), e.getValue().folder()))
                .toList();
    }

    @Override
    public String replaceContent(MessageRef message, byte[] newMime) throws ConnectorException {
        Stored stored = mutate(message);
        messages.put(
                message.providerMessageId(),
                new Stored(
                        stored.tenantId(),
                        stored.mailbox(),
                        stored.folder(),
                        stored.internetMessageId(),
                        stored.key(),
                        newMime));
        return message.providerMessageId();
    }

    private Stored mutate(MessageRef message) throws ConnectorException {
        pause();
        if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw ConnectorException.retryable("throttled (429)", retryAfter, null);
        }
        return require(message);
    }

    private synchronized String move(MessageRef message, Stored stored, String folder) throws ConnectorException {
        if (messages.remove(message.providerMessageId()) == null) {
            throw new MessageNotFoundException("no message " + message.providerMessageId(), null);
        }
        String id = UUID.randomUUID().toString();
        messages.put(
                id,
                new Stored(
                        stored.tenantId(),
                        stored.mailbox(),
                        folder,
                        stored.internetMessageId(),
                        stored.key(),
                        stored.mime()));
        idByKey.put(stored.key(), id);
        moves.computeIfAbsent(stored.key(), k -> new AtomicInteger()).incrementAndGet();
        if (dieAfterMove.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new WorkerDied();
        }
        return id;
    }

    private Stored require(MessageRef message) throws ConnectorException {
        Stored stored = messages.get(message.providerMessageId());
        if (stored == null || !stored.tenantId().equals(message.tenantId())) {
            throw new MessageNotFoundException("no message " + message.providerMessageId(), null);
        }
        return stored;
    }

    private void pause() {
        calls.incrementAndGet();
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The worker "died": the platform did the work, the caller never saw the result. */
    static final class WorkerDied extends RuntimeException {
        WorkerDied() {
            super("the worker died mid-call");
        }
    }
}
