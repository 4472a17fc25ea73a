package io.palisade.banners.inject;

import io.palisade.banners.marker.BannerMarker;
import io.palisade.banners.marker.MarkerKey;
import io.palisade.banners.render.RenderedBanner;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One edit applied to every displayed part: remove Palisade's earlier banners for this message, disarm trackers,
 * and insert the new banner (none when stripping).
 *
 * @param banner the banner to insert, or null to strip only
 * @param messageKey the message whose earlier banners are replaced
 * @param keys the tenant's marker keys
 * @param trackers tracking-pixel URLs to disarm
 */
record BannerEdit(RenderedBanner banner, String messageKey, List<MarkerKey> keys, Set<String> trackers) {

    /** Whether a marker found in the message is Palisade's own earlier banner of this message. */
    boolean isOurs(Optional<BannerMarker> marker) {
        return marker.filter(m -> m.messageKey().equals(messageKey))
                .filter(m -> keys.stream().anyMatch(m::verify))
                .isPresent();
    }

    /** The characters the part's charset must hold, for the given form. */
    String inserted(boolean html) {
        if (banner == null) {
            return "";
        }
        return html ? banner.html() : banner.text();
    }

    /** What one part's edit did. */
    record Outcome(String text, int replaced, int disarmed) {}
}
