package io.palisade.simulator.traffic;

import java.time.Instant;
import java.util.Objects;

/**
 * How a traffic stream is made.
 *
 * @param seed the seed; the same seed and directory always give the same stream
 * @param attackShare the share of deliveries that are attacks, 0 to 1
 * @param teamsShare the share of deliveries that are Teams chat messages with a file, 0 to 1
 * @param perMinute the delivery rate, more than 0
 * @param start the time of the first delivery, never null
 */
public record TrafficSettings(long seed, double attackShare, double teamsShare, double perMinute, Instant start) {

    /** A fixed start, so that a stream made without a clock is reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T08:00:00Z");

    public TrafficSettings {
        Objects.requireNonNull(start, "start");
        requireShare("attackShare", attackShare);
        requireShare("teamsShare", teamsShare);
        if (!(perMinute > 0)) {
            throw new IllegalArgumentException("perMinute must be more than 0, got " + perMinute);
        }
    }

    /** A fifth attacks, one in twenty-five a Teams message, 60 a minute, from {@link #DEFAULT_START}. */
    public static TrafficSettings withSeed(long seed) {
        return new TrafficSettings(seed, 0.2, 0.04, 60, DEFAULT_START);
    }

    public TrafficSettings withAttackShare(double share) {
        return new TrafficSettings(seed, share, teamsShare, perMinute, start);
    }

    public TrafficSettings withTeamsShare(double share) {
        return new TrafficSettings(seed, attackShare, share, perMinute, start);
    }

    public TrafficSettings withRate(double messagesPerMinute) {
        return new TrafficSettings(seed, attackShare, teamsShare, messagesPerMinute, start);
    }

    public TrafficSettings startingAt(Instant first) {
        return new TrafficSettings(seed, attackShare, teamsShare, perMinute, first);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
