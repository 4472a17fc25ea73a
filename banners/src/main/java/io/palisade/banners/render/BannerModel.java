package io.palisade.banners.render;

import io.palisade.banners.marker.BannerMarker;
import io.palisade.detection.api.RiskLevel;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a banner says, from server state.
 *
 * @param level the level shown, never null; CLEAN is rejected because a clean message has no banner
 * @param reasons plain sentences from the verdict's signals, highest weight first, never null (may be empty);
 *     they may contain attacker-chosen text (domains, names) and are escaped when rendered
 * @param livePageUrl the banner's live page ({@code http} or {@code https}), or null when there is none
 * @param branding the tenant's branding, never null
 * @param locale the recipient's locale, or null for English
 * @param marker the signed marker of the message, never null
 */
public record BannerModel(
        RiskLevel level, List<String> reasons, URI livePageUrl, Branding branding, Locale locale, BannerMarker marker) {

    public BannerModel {
        Objects.requireNonNull(level, "level");
        if (level == RiskLevel.CLEAN) {
            throw new IllegalArgumentException("a CLEAN message has no banner; strip the old one instead");
        }
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(branding, "branding");
        Objects.requireNonNull(marker, "marker");
        if (livePageUrl != null && !isWebUrl(livePageUrl)) {
            throw new IllegalArgumentException("live page URL must be absolute http(s): " + livePageUrl);
        }
    }

    /** The locale to render in: the recipient's, or English when unknown. */
    public Locale effectiveLocale() {
        return locale == null ? Locale.ENGLISH : locale;
    }

    private static boolean isWebUrl(URI uri) {
        String scheme = uri.getScheme();
        return uri.isAbsolute()
                && uri.getHost() != null
                && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme));
    }
}
