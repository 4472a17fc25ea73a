package io.palisade.detection.analysis;

import io.palisade.detection.api.IndicatorKey;
import java.util.List;
import java.util.Objects;

/** Collects what the analyzers found during one scan. Not thread-safe: one instance per scan. */
public interface Findings {

    /**
     * Reports a signal.
     *
     * @param signal the signal's UPPER_SNAKE name, which must be in the signal catalogue
     * @param detail fills the {@code {detail}} slot of the signal's reason (a domain, a file name), never null
     */
    void add(String signal, String detail);

    /** The findings so far, in the order reported. */
    List<Finding> all();

    /**
     * Notes a value the message was looked up by in the threat-intelligence indicators, so the caller can find the
     * message again when an indicator is added later. Collectors that keep no such list ignore it.
     */
    default void carries(IndicatorKey key) {}

    /** The keys noted by {@link #carries} so far, in the order first noted, without duplicates; never null. */
    default List<IndicatorKey> carried() {
        return List.of();
    }

    /** Whether a signal was reported so far. */
    default boolean has(String signal) {
        return all().stream().anyMatch(f -> f.signal().equals(signal));
    }

    /**
     * One finding.
     *
     * @param signal the signal name
     * @param detail the detail for the reason text, never null
     */
    record Finding(String signal, String detail) {
        public Finding {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
