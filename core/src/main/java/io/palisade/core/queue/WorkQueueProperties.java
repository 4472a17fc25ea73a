package io.palisade.core.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retry settings of the work queue ({@code palisade.queue.*}).
 *
 * @param backoffBase the delay after the first failed attempt; it doubles with every further attempt
 * @param backoffCap the longest delay between two attempts
 * @param maxAttempts how many attempts an item gets before it is dead-lettered
 */
@ConfigurationProperties("palisade.queue")
public record WorkQueueProperties(
        @DefaultValue("10s") Duration backoffBase,
        @DefaultValue("1h") Duration backoffCap,
        @DefaultValue("8") int maxAttempts) {

    public WorkQueueProperties {
        if (backoffBase.isNegative() || backoffBase.isZero()) {
            throw new IllegalArgumentException("palisade.queue.backoff-base must be positive, got " + backoffBase);
        }
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("palisade.queue.backoff-cap (" + backoffCap
                    + ") must not be shorter than palisade.queue.backoff-base (" + backoffBase + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("palisade.queue.max-attempts must be at least 1, got " + maxAttempts);
        }
    }

    /** The delay before the next attempt after {@code attempts} attempts have failed: base × 2^(attempts−1), capped. */
    public Duration backoffAfter(int attempts) {
        int doublings = Math.max(0, attempts - 1);
        if (doublings >= 62 || backoffBase.toMillis() > (backoffCap.toMillis() >> doublings)) {
            return backoffCap;
        }
        return backoffBase.multipliedBy(1L << doublings);
    }
}
