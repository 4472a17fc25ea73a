package io.palisade.core.intel;

import io.palisade.core.mail.IndicatorKind;
import java.util.Optional;

/** The kinds of threat-intelligence indicator, named as detection's prefilter names them. */
public enum IntelKind {
    SENDER,
    DOMAIN,
    URL,
    SHA256,
    IP;

    /** The kind of the stored mail indicator that carries it; empty for IP (found inside URLs instead). */
    Optional<IndicatorKind> carriedAs() {
        return switch (this) {
            case SENDER -> Optional.of(IndicatorKind.SENDER);
            case DOMAIN -> Optional.of(IndicatorKind.DOMAIN);
            case URL -> Optional.of(IndicatorKind.URL);
            case SHA256 -> Optional.of(IndicatorKind.FILE_HASH);
            case IP -> Optional.empty();
        };
    }
}
