package io.palisade.banners.inject;

import io.palisade.banners.marker.MarkerKey;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to inject.
 *
 * @param markerKeys the tenant's marker keys, the current one first, then keys retired after a rotation; a
 *     previous banner counts as Palisade's (and is replaced) only if its marker verifies under one of them and
 *     names the same message. Never null or empty
 * @param trackingPixelUrls image URLs that detection found to be trackers (its {@code TrackerAnalyzer} pixels, URL
 *     as written); each {@code <img>} whose {@code src} equals one of them, both trimmed, is removed. Never null
 *     (may be empty)
 * @param maxMessageBytes messages larger than this come back untouched ({@link UntouchedReason#TOO_LARGE})
 */
public record InjectionOptions(List<MarkerKey> markerKeys, Set<String> trackingPixelUrls, long maxMessageBytes) {
    /** The default size limit, 25 MiB: past it a message is nearly all attachment, and the work is not worth it. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 25L * 1024 * 1024;

    public InjectionOptions {
        markerKeys = List.copyOf(markerKeys);
        if (markerKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one marker key is needed to recognise earlier banners");
        }
        trackingPixelUrls = trackingPixelUrls.stream().map(String::strip).collect(Collectors.toUnmodifiableSet());
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
    }

    /** One key, no trackers, the default size limit. */
    public static InjectionOptions of(MarkerKey key) {
        return new InjectionOptions(List.of(key), Set.of(), DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** These options with the given tracker URLs. */
    public InjectionOptions withTrackingPixels(Set<String> urls) {
        return new InjectionOptions(markerKeys, urls, maxMessageBytes);
    }

    /** These options with another size limit. */
    public InjectionOptions withMaxMessageBytes(long limit) {
        return new InjectionOptions(markerKeys, trackingPixelUrls, limit);
    }
}
