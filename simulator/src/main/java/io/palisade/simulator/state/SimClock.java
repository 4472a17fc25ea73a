package io.palisade.simulator.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's clock: the system clock plus an offset that tests move forward through the
 * control API, to expire subscriptions and tokens without waiting. A test that counts what happens within a
 * second can {@link #freeze()} it, so that only {@link #advance(Duration)} moves it.
 */
public final class SimClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();
    private volatile Instant frozenAt;

    public SimClock(Clock base) {
        this.base = base;
    }

    /** Moves simulated time forward; negative durations are refused. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        synchronized (this) {
            offsetMillis.addAndGet(duration.toMillis());
            if (frozenAt != null) {
                frozenAt = frozenAt.plus(duration);
            }
        }
    }

    /** Stops the clock where it is; it then moves only by {@link #advance(Duration)}. */
    public synchronized void freeze() {
        frozenAt = instant();
    }

    /** Lets the clock run again from where it stands, neither jumping back nor ahead. */
    public synchronized void resume() {
        Instant stoppedAt = frozenAt;
        if (stoppedAt == null) {
            return;
        }
        frozenAt = null;
        offsetMillis.set(stoppedAt.toEpochMilli() - base.millis());
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
        Instant stoppedAt = frozenAt;
        if (stoppedAt != null) {
            return stoppedAt;
        }
        return base.instant().plusMillis(offsetMillis.get());
    }
}
