package io.palisade.simulator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimClockTest {

    private static final Instant START = Instant.parse("2026-12-04T09:00:00Z");

    /** A base clock the test moves by hand, standing for the system clock. */
    private static final class HandClock extends Clock {
        private Instant now = START;

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void followsTheSystemClockPlusWhatTestsAdvanced() {
        HandClock base = new HandClock();
        SimClock clock = new SimClock(base);

        clock.advance(Duration.ofHours(1));
        base.pass(Duration.ofSeconds(5));

        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(1)).plusSeconds(5));
    }

    @Test
    void aFrozenClockMovesOnlyWhenAdvanced() {
        HandClock base = new HandClock();
        SimClock clock = new SimClock(base);

        clock.freeze();
        base.pass(Duration.ofSeconds(30));
        Instant held = clock.instant();
        clock.advance(Duration.ofMillis(1001));

        assertThat(held).isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START.plusMillis(1001));
    }

    @Test
    void resumingContinuesFromTheFrozenInstantWithoutJumping() {
        HandClock base = new HandClock();
        SimClock clock = new SimClock(base);
        clock.freeze();
        base.pass(Duration.ofMinutes(10));
        clock.advance(Duration.ofSeconds(2));

        clock.resume();
        Instant resumed = clock.instant();
        base.pass(Duration.ofSeconds(3));

        assertThat(resumed).isEqualTo(START.plusSeconds(2));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void timeNeverMovesBack() {
        SimClock clock = new SimClock(new HandClock());

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
