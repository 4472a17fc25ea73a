package io.palisade.m365.graph;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Palisade stays inside Graph's limits ({@code platform-facts.md} section 2).
 *
 * @param perMailbox requests in flight per mailbox (Outlook allows 4 per app and mailbox)
 * @param global requests in flight for the whole installation
 * @param permitWait how long a request waits for a permit before it fails as retryable
 * @param inlineRetryAfter the longest Retry-After waited for inside a call; longer waits go back to the work queue,
 *     so a worker thread is not held
 * @param breakerFailures consecutive 5xx or network failures of one tenant's client that open its circuit
 * @param breakerOpen how long an open circuit refuses calls before one is let through to test Graph
 * @param parallelBatches how many {@code $batch} requests a search across many mailboxes (one item per mailbox)
 *     has in flight at once; Outlook runs at most 4 items of each batch at a time, so one batch after another would
 *     bound a tenant-wide search to about 4 mailboxes per Graph round trip
 */
@ConfigurationProperties("palisade.m365.throttle")
public record ThrottleProperties(
        Integer perMailbox,
        Integer global,
        Duration permitWait,
        Duration inlineRetryAfter,
        Integer breakerFailures,
        Duration breakerOpen,
        Integer parallelBatches) {

    public ThrottleProperties {
        perMailbox = perMailbox == null ? 4 : perMailbox;
        global = global == null ? 64 : global;
        permitWait = permitWait == null ? Duration.ofSeconds(30) : permitWait;
        inlineRetryAfter = inlineRetryAfter == null ? Duration.ofSeconds(5) : inlineRetryAfter;
        breakerFailures = breakerFailures == null ? 10 : breakerFailures;
        breakerOpen = breakerOpen == null ? Duration.ofSeconds(30) : breakerOpen;
        parallelBatches = parallelBatches == null ? 8 : parallelBatches;
        if (parallelBatches < 1) {
            throw new IllegalArgumentException("palisade.m365.throttle.parallel-batches must be at least 1");
        }
    }
}
