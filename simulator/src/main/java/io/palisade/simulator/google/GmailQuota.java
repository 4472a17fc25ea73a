package io.palisade.simulator.google;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gmail's per-user quota: 15,000 units a user a minute, each method costing its documented units; past the limit a
 * call is answered 429 {@code userRateLimitExceeded} until the minute is over.
 */
public final class GmailQuota {

    /** Units a user may spend a minute. */
    public static final int UNITS_PER_MINUTE = 15_000;

    /** Method costs from the Gmail quota reference. */
    public enum Cost {
        GET_PROFILE(1),
        LABELS(1),
        HISTORY(2),
        GET(5),
        LIST(5),
        MODIFY(5),
        TRASH(5),
        DELETE(10),
        INSERT(25),
        BATCH_MODIFY(50),
        WATCH(100);

        private final int units;

        Cost(int units) {
            this.units = units;
        }

        public int units() {
            return units;
        }
    }

    private final Clock clock;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    GmailQuota(Clock clock) {
        this.clock = clock;
    }

    /**
     * Charges {@code cost} to {@code user}.
     *
     * @throws GmailException 429 when the user's minute is spent
     */
    public void charge(String user, Cost cost) {
        long minute = clock.millis() / 60_000;
        long[] window = windows.computeIfAbsent(user.toLowerCase(Locale.ROOT), u -> new long[2]);
        synchronized (window) {
            if (window[0] != minute) {
                window[0] = minute;
                window[1] = 0;
            }
            if (window[1] + cost.units() > UNITS_PER_MINUTE) {
                throw new GmailException(
                        429,
                        "userRateLimitExceeded",
                        "User-rate limit exceeded.  Retry after "
                                + java.time.Instant.ofEpochMilli((minute + 1) * 60_000));
            }
            window[1] += cost.units();
        }
    }

    /** Seconds until the current minute ends, for Retry-After. */
    long secondsToNextWindow() {
        return 60 - (clock.millis() / 1000) % 60;
    }

    void clear() {
        windows.clear();
    }
}
