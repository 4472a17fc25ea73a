package io.palisade.banners.marker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The marker that proves Palisade wrote a banner: an HMAC-SHA256, under the tenant's {@link MarkerKey}, over the
 * format version, the tenant id and the message key. The bytes are those that detection's
 * {@code HmacBannerMarkers} verifies (rule BANNER_FORGED); {@code docs/banners.md} gives them exactly.
 *
 * @param tenantId the tenant whose key signed it, never null, 1 to 256 characters
 * @param messageKey Palisade's stable key of the message (not the provider id, which changes when a banner is
 *     written back); never null, 1 to 256 characters
 * @param mac the HMAC, base64url without padding (43 characters for a genuine marker); never null
 */
public record BannerMarker(String tenantId, String messageKey, String mac) {
    /** The version prefix of the text form and of the signed bytes. */
    public static final String VERSION = "PLSD1";

    private static final int MAX_FIELD_CHARS = 256;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public BannerMarker {
        requireField("tenantId", tenantId);
        requireField("messageKey", messageKey);
        Objects.requireNonNull(mac, "mac");
    }

    /**
     * Signs the marker of one message's banner. Every banner of the message, whatever its level, carries the same
     * marker: the MAC does not cover the level, which is never read back from a banner as truth.
     *
     * @throws IllegalArgumentException if the message key is empty or longer than 256 characters
     */
    public static BannerMarker sign(MarkerKey key, String messageKey) {
        requireField("messageKey", messageKey);
        byte[] mac = hmac(key, signedBytes(key.tenantId(), messageKey));
        return new BannerMarker(key.tenantId(), messageKey, ENCODER.encodeToString(mac));
    }

    /**
     * Whether this marker was signed with {@code key}: same tenant and a MAC that matches in constant time. Never
     * throws on a malformed MAC; it is simply not genuine.
     */
    public boolean verify(MarkerKey key) {
        if (!key.tenantId().equals(tenantId)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(mac);
        } catch (IllegalArgumentException notBase64url) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, signedBytes(tenantId, messageKey)), given);
    }

    /**
     * The exact bytes the MAC covers: {@code PLSD1\n<n>:<tenant>\n<m>:<message key>}, UTF-8, where n and m are the
     * UTF-8 byte lengths in decimal. The lengths keep any two (tenant, message) pairs apart.
     */
    static byte[] signedBytes(String tenantId, String messageKey) {
        int tenantBytes = tenantId.getBytes(StandardCharsets.UTF_8).length;
        int keyBytes = messageKey.getBytes(StandardCharsets.UTF_8).length;
        String layout = VERSION + "\n" + tenantBytes + ":" + tenantId + "\n" + keyBytes + ":" + messageKey;
        return layout.getBytes(StandardCharsets.UTF_8);
    }

    static void requireField(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_FIELD_CHARS) {
            throw new IllegalArgumentException(
                    what + " must be 1 to " + MAX_FIELD_CHARS + " characters, has " + value.length());
        }
    }

    private static byte[] hmac(MarkerKey key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256, so this is a broken runtime, not bad input.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
