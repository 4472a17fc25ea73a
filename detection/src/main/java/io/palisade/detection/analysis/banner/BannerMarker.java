package io.palisade.detection.analysis.banner;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed marker that every Palisade banner carries, so that an imitation can be told from the real thing.
 *
 * <p>Text form: {@code PLSD1.<tenant>.<message key>.<signature>}, each part unpadded base64url; the signature is
 * HMAC-SHA256 with the tenant's banner key over {@link #signedBytes()}. The banners module writes it in the
 * {@code data-palisade-marker} attribute of the banner's outermost HTML element and anywhere in the banner's
 * plain-text block.
 *
 * @param tenantId the tenant the banner was made for, never null
 * @param messageKey the key of the message the banner was made for, never null
 * @param signature the HMAC-SHA256 value, never null
 */
public record BannerMarker(String tenantId, String messageKey, byte[] signature) {
    /** The prefix of the text form and the version of the signed layout. */
    public static final String PREFIX = "PLSD1";

    /** The HTML attribute that carries the marker on the banner's outermost element. */
    public static final String HTML_ATTRIBUTE = "data-palisade-marker";

    /** Finds marker text forms in any text. */
    public static final Pattern TEXT_FORM =
            Pattern.compile(PREFIX + "\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)\\.([A-Za-z0-9_-]{43})");

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public BannerMarker {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(messageKey, "messageKey");
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The bytes the signature covers: the version, then tenant id and message key, each preceded by its length in
     * bytes, so that no two (tenant, key) pairs share a layout.
     */
    public byte[] signedBytes() {
        return signedBytes(tenantId, messageKey);
    }

    static byte[] signedBytes(String tenantId, String messageKey) {
        byte[] tenant = tenantId.getBytes(StandardCharsets.UTF_8);
        byte[] key = messageKey.getBytes(StandardCharsets.UTF_8);
        String layout = PREFIX + "\n" + tenant.length + ":" + tenantId + "\n" + key.length + ":" + messageKey;
        return layout.getBytes(StandardCharsets.UTF_8);
    }

    /** The text form, {@code PLSD1.<tenant>.<key>.<signature>}. */
    public String toText() {
        return PREFIX + "." + encode(tenantId) + "." + encode(messageKey) + "." + ENCODER.encodeToString(signature);
    }

    /**
     * Parses a text form.
     *
     * @param text the text form, may be null
     * @return the marker, or empty when the text is not one
     */
    public static Optional<BannerMarker> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = TEXT_FORM.matcher(text.strip());
        return matcher.matches() ? fromMatch(matcher) : Optional.empty();
    }

    static Optional<BannerMarker> fromMatch(Matcher matcher) {
        try {
            return Optional.of(new BannerMarker(
                    decode(matcher.group(1)), decode(matcher.group(2)), DECODER.decode(matcher.group(3))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String encode(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(DECODER.decode(value), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BannerMarker that
                && tenantId.equals(that.tenantId)
                && messageKey.equals(that.messageKey)
                && java.util.Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, messageKey, java.util.Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "BannerMarker[tenantId=" + tenantId + ", messageKey=" + messageKey + "]";
    }
}
