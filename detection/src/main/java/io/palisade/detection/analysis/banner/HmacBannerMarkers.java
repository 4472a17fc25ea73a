package io.palisade.detection.analysis.banner;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies banner markers with HMAC-SHA256 and a per-tenant key. The banners module signs with
 * {@link #sign}; detection verifies with {@link #verify}. Thread-safe: a {@link Mac} is made per call.
 */
public final class HmacBannerMarkers implements BannerMarkerVerifier {
    private static final String ALGORITHM = "HmacSHA256";

    /** Keys shorter than this are refused: the HMAC is only as strong as its key. */
    static final int MIN_KEY_BYTES = 32;

    private final Function<String, Optional<byte[]>> keyForTenant;

    /**
     * @param keyForTenant the banner key of a tenant (at least 32 bytes), or empty when the tenant has none; never
     *     null
     */
    public HmacBannerMarkers(Function<String, Optional<byte[]>> keyForTenant) {
        this.keyForTenant = Objects.requireNonNull(keyForTenant, "keyForTenant");
    }

    /**
     * Makes the marker for a banner.
     *
     * @throws IllegalStateException when the tenant has no key or a key under 32 bytes
     */
    public BannerMarker sign(String tenantId, String messageKey) {
        byte[] key = keyForTenant
                .apply(tenantId)
                .filter(k -> k.length >= MIN_KEY_BYTES)
                .orElseThrow(() -> new IllegalStateException(
                        "no banner key of at least " + MIN_KEY_BYTES + " bytes for tenant " + tenantId));
        return new BannerMarker(tenantId, messageKey, mac(key, BannerMarker.signedBytes(tenantId, messageKey)));
    }

    @Override
    public boolean verify(Optional<String> scanningTenant, BannerMarker marker) {
        if (scanningTenant.isPresent() && !scanningTenant.get().equals(marker.tenantId())) {
            return false;
        }
        Optional<byte[]> key = keyForTenant.apply(marker.tenantId()).filter(k -> k.length >= MIN_KEY_BYTES);
        return key.isPresent() && MessageDigest.isEqual(mac(key.get(), marker.signedBytes()), marker.signature());
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
        }
    }
}
