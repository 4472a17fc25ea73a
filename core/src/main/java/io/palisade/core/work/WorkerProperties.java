package io.palisade.core.work;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the workers run.
 *
 * @param enabled whether this instance takes work at all (an instance may serve webhooks only)
 * @param threads how many items this instance works on at once
 * @param lease how long a claim holds before another worker may take the item
 * @param idlePoll how long an idle worker waits before it asks the queue again
 * @param shutdownGrace how long a stopping instance lets items in hand finish before it interrupts them; an
 *     interrupted item is not lost: its lease runs out and a worker takes it again
 */
@ConfigurationProperties("palisade.workers")
public record WorkerProperties(
        Boolean enabled, Integer threads, Duration lease, Duration idlePoll, Duration shutdownGrace) {

    public WorkerProperties {
        enabled = enabled == null || enabled;
        threads = threads == null ? 4 : threads;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        idlePoll = idlePoll == null ? Duration.ofMillis(200) : idlePoll;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(10) : shutdownGrace;
        if (threads < 1) {
            throw new IllegalArgumentException("palisade.workers.threads must be at least 1, got " + threads);
        }
    }
}
