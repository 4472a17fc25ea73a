package io.palisade.detection.api;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a scan. The same input and context always give the same verdict.
 *
 * @param score 0 to 100
 * @param level the risk level the score and forcing signals decided
 * @param signals the signals that decided it, highest weight first, never null
 * @param engineVersion the versions of the engine, rule pack and configuration that produced it, never null
 */
public record Verdict(int score, RiskLevel level, List<Signal> signals, String engineVersion) {
    public Verdict {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score out of range: " + score);
        }
        Objects.requireNonNull(level, "level");
        signals = List.copyOf(signals);
        Objects.requireNonNull(engineVersion, "engineVersion");
    }

    /** Whether a signal of this name is present. */
    public boolean has(String signalName) {
        return signals.stream().anyMatch(s -> s.name().equals(signalName));
    }
}
