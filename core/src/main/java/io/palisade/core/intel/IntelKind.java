package io.palisade.core.intel;

import io.palisade.core.mail.IndicatorKind;

/** The kinds of threat-intelligence indicator, named as detection's prefilter names them. */
public enum IntelKind {
    SENDER,
    DOMAIN,
    URL,
    SHA256,
    IP;

    /** The kind of the stored mail indicator that carries it. */
    IndicatorKind carriedAs() {
        return switch (this) {
            case SENDER -> IndicatorKind.SENDER;
            case DOMAIN -> IndicatorKind.DOMAIN;
            case URL -> IndicatorKind.URL;
            case SHA256 -> IndicatorKind.FILE_HASH;
            case IP -> IndicatorKind.IP;
        };
    }
}
