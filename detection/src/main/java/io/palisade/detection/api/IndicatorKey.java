package io.palisade.detection.api;

import java.util.Objects;

/**
 * One value a message was looked up by in the tenant's threat-intelligence indicators: the sender's address, a
 * domain, a URL, an IP or a file's SHA-256, normalised as the lookup saw it. The caller keeps them so that an
 * indicator added later finds the stored message by the same values that would have matched it on arrival.
 *
 * @param kind never null
 * @param value never null or blank
 */
public record IndicatorKey(ScanContext.IndicatorKind kind, String value) {
    public IndicatorKey {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an indicator key of kind " + kind + " needs a value");
        }
    }
}
