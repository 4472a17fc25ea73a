package io.palisade.m365.graph;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.springframework.stereotype.Component;

/**
 * Keeps Palisade's Graph traffic inside Outlook's limits: at most {@link ThrottleProperties#perMailbox()} requests
 * in flight per mailbox (Graph's MailboxConcurrency), at most {@link ThrottleProperties#global()} in all. It sits
 * below the SDK's retry handler in the OkHttp chain, so every attempt takes a permit and a retry's wait holds none.
 */
@Component
public class GraphThrottle {

    private final ThrottleProperties properties;
    private final Semaphore global;
    private final Map<String, Semaphore> perMailbox = new ConcurrentHashMap<>();

    public GraphThrottle(ThrottleProperties properties) {
        this.properties = properties;
        this.global = new Semaphore(properties.global(), true);
    }

    /** The interceptor to add to a Graph client's OkHttp chain. */
    public Interceptor interceptor() {
        return this::limit;
    }

    private Response limit(Interceptor.Chain chain) throws IOException {
        String mailbox = mailboxOf(chain.request().url().pathSegments());
        Semaphore mailboxPermits = mailbox == null
                ? null
                : perMailbox.computeIfAbsent(mailbox, m -> new Semaphore(properties.perMailbox(), true));
        acquire(global, "global");
        try {
            if (mailboxPermits != null) {
                acquire(mailboxPermits, "mailbox");
            }
            try {
                return chain.proceed(chain.request());
            } finally {
                if (mailboxPermits != null) {
                    mailboxPermits.release();
                }
            }
        } finally {
            global.release();
        }
    }

    /** Requests in flight for the whole installation now; for metrics. */
    public int inFlight() {
        return properties.global() - global.availablePermits();
    }

    /** Requests in flight for a mailbox now; for tests and metrics. */
    public int inFlight(String userId) {
        Semaphore permits = perMailbox.get(userId.toLowerCase(Locale.ROOT));
        return permits == null ? 0 : properties.perMailbox() - permits.availablePermits();
    }

    private void acquire(Semaphore permits, String which) throws IOException {
        try {
            if (!permits.tryAcquire(properties.permitWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GraphUnavailableException("no " + which + " Graph permit in time", properties.permitWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphUnavailableException("interrupted waiting for a Graph permit", null);
        }
    }

    /** The user id or principal name after {@code users}, which names the mailbox; null for tenant-wide calls. */
    static String mailboxOf(List<String> segments) {
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i).equalsIgnoreCase("users")
                    && !segments.get(i + 1).isEmpty()) {
                return segments.get(i + 1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
