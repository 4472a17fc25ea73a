package io.palisade.detection.analysis.banner;

import java.util.Optional;

/**
 * Checks that a banner marker was signed by Palisade: HMAC-SHA256 over the tenant id and message key
 * ({@link BannerMarker#signedBytes()}) with the tenant's banner key. Implementations are thread-safe and answer from
 * memory; {@link HmacBannerMarkers} is the standard one, given a lookup of tenant keys.
 */
public interface BannerMarkerVerifier {

    /**
     * Whether a marker is genuine for the tenant being scanned.
     *
     * @param scanningTenant the tenant whose mail is scanned, when the caller knows it; the marker must then name
     *     the same tenant
     * @param marker the marker found in the message, never null
     * @return whether the signature is valid (and the tenant matches)
     */
    boolean verify(Optional<String> scanningTenant, BannerMarker marker);

    /** A verifier that accepts no marker, for deployments without banner keys: every marker counts as forged. */
    static BannerMarkerVerifier rejectingAll() {
        return (tenant, marker) -> false;
    }
}
