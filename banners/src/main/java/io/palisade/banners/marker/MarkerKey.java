package io.palisade.banners.marker;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tenant's secret for signing banner markers. The secret never appears in {@link #toString()}.
 *
 * @param tenantId the tenant the key belongs to, never null; 1 to 256 characters
 * @param secret the HMAC key, at least 32 bytes, never null; copied on the way in and out
 */
public record MarkerKey(String tenantId, byte[] secret) {
    /** The shortest secret accepted: HMAC-SHA256 gains nothing from keys longer than its block, loses below 32. */
    public static final int MIN_SECRET_BYTES = 32;

    public MarkerKey {
        BannerMarker.requireField("tenantId", tenantId);
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "marker secret too short: " + secret.length + " bytes, need " + MIN_SECRET_BYTES);
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MarkerKey k && k.tenantId.equals(tenantId) && Arrays.equals(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return tenantId.hashCode();
    }

    @Override
    public String toString() {
        return "MarkerKey[tenantId=" + tenantId + ", secret=<redacted>]";
    }
}
