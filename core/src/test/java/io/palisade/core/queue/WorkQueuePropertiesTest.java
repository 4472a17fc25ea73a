package io.palisade.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkQueuePropertiesTest {

    private final WorkQueueProperties properties =
            new WorkQueueProperties(Duration.ofSeconds(10), Duration.ofMinutes(5), 8);

    @Test
    void backoffDoublesWithEveryFailedAttempt() {
        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void backoffStopsGrowingAtTheCap() {
        assertThat(properties.backoffAfter(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.backoffAfter(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void rejectsACapShorterThanTheBase() {
        assertThatThrownBy(() -> new WorkQueueProperties(Duration.ofMinutes(1), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("palisade.queue.backoff-cap");
    }

    @Test
    void rejectsZeroAttempts() {
        assertThatThrownBy(() -> new WorkQueueProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-attempts");
    }
}
