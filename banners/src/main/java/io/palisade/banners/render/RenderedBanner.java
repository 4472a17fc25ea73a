package io.palisade.banners.render;

import io.palisade.banners.marker.BannerMarker;
import java.util.Objects;

/**
 * A banner ready to inject.
 *
 * @param html one root {@code <div>} carrying the marker attribute, inline styles only; never null
 * @param text the plain-text form, lines separated by {@code \n}, ending with the marker line and a rule; never
 *     null
 * @param marker the marker both forms carry, never null
 */
public record RenderedBanner(String html, String text, BannerMarker marker) {
    public RenderedBanner {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(marker, "marker");
    }
}
