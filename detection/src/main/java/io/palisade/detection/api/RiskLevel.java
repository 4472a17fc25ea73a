package io.palisade.detection.api;

/** The risk levels of a verdict, in rising order. */
public enum RiskLevel {
    CLEAN,
    LOW,
    SUSPICIOUS,
    HIGH,
    MALICIOUS;

    /** Whether this level is at least as high as {@code other}. */
    public boolean atLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }
}
