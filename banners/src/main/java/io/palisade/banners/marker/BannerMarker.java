package io.palisade.banners.marker;

import io.palisade.detection.api.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The marker that proves Palisade wrote a banner: an HMAC-SHA256, under the tenant's {@link MarkerKey}, over the
 * marker version, the tenant id, the message key and the level. {@code docs/banners.md} gives the exact bytes.
 *
 * @param version the marker format, {@value #VERSION} for every marker this class signs; never null
 * @param tenantId the tenant whose key signed it, never null
 * @param messageKey Palisade's stable key of the message (not the provider id, which changes on rewrite); never null
 * @param level the level the banner shows, never null and never {@link RiskLevel#CLEAN}
 * @param mac the HMAC, base64url without padding (43 characters for a genuine marker); never null
 */
public record BannerMarker(String version, String tenantId, String messageKey, RiskLevel level, String mac) {
    /** The only marker format so far. */
    public static final String VERSION = "v1";

    private static final String DOMAIN = "palisade-banner";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~:@+=/-]{1,256}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public BannerMarker {
        Objects.requireNonNull(version, "version");
        requireToken("tenantId", tenantId);
        requireToken("messageKey", messageKey);
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(mac, "mac");
    }

    /**
     * Signs a marker for one banner.
     *
     * @throws IllegalArgumentException if the message key breaks the character rules or the level is CLEAN
     */
    public static BannerMarker sign(MarkerKey key, String messageKey, RiskLevel level) {
        if (level == RiskLevel.CLEAN) {
            throw new IllegalArgumentException("a CLEAN message has no banner, so no marker");
        }
        requireToken("messageKey", messageKey);
        byte[] mac = hmac(key, payload(VERSION, key.tenantId(), messageKey, level));
        return new BannerMarker(VERSION, key.tenantId(), messageKey, level, ENCODER.encodeToString(mac));
    }

    /**
     * Whether this marker was signed with {@code key}: same tenant, known version, and a MAC that matches in
     * constant time. Never throws on a malformed MAC; it is simply not genuine.
     */
    public boolean verify(MarkerKey key) {
        if (!VERSION.equals(version) || !key.tenantId().equals(tenantId)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(mac);
        } catch (IllegalArgumentException notBase64url) {
            return false;
        }
        byte[] expected = hmac(key, payload(version, tenantId, messageKey, level));
        return MessageDigest.isEqual(expected, given);
    }

    /** The exact bytes the MAC covers: {@code palisade-banner\nv1\n<tenant>\n<message key>\n<LEVEL>}, UTF-8. */
    static byte[] payload(String version, String tenantId, String messageKey, RiskLevel level) {
        String text = String.join("\n", DOMAIN, version, tenantId, messageKey, level.name());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void requireToken(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 256 characters of [A-Za-z0-9._~:@+=/-]: "
                    + value.substring(0, Math.min(value.length(), 64)));
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
