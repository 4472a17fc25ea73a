package io.palisade.detection.parse;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The moment one scan must stop working; checked between stages and parsing steps. Immutable. */
public final class Deadline {

    private final LongSupplier nanoClock;
    private final long endNanos;

    private Deadline(LongSupplier nanoClock, long endNanos) {
        this.nanoClock = nanoClock;
        this.endNanos = endNanos;
    }

    /** A deadline {@code budget} from now on the monotonic clock. */
    public static Deadline after(Duration budget) {
        return after(budget, System::nanoTime);
    }

    /** A deadline {@code budget} from now on the given nanosecond clock (tests pass a fake clock). */
    public static Deadline after(Duration budget, LongSupplier nanoClock) {
        return new Deadline(nanoClock, nanoClock.getAsLong() + budget.toNanos());
    }

    /** A deadline that never passes. */
    public static Deadline none() {
        return new Deadline(() -> 0L, Long.MAX_VALUE);
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return nanoClock.getAsLong() - endNanos >= 0;
    }
}
