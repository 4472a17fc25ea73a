package io.palisade.core.mail;

import java.util.Locale;
import java.util.Objects;

/**
 * An indicator value as the index stores it: domains, senders and file hashes lower-case and trimmed; URLs trimmed
 * only, since their paths are case-sensitive (callers normalise URLs before).
 *
 * @param kind never null
 * @param value never null or blank
 */
public record Indicator(IndicatorKind kind, String value) {
    public Indicator {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an indicator of kind " + kind + " needs a value");
        }
        value = kind == IndicatorKind.URL ? value.strip() : value.strip().toLowerCase(Locale.ROOT);
    }
}
