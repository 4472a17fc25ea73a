package io.palisade.banners.marker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@link BannerMarker} is written into a banner and read back. The text form is
 * {@code PLSD1.<tenant>.<message key>.<mac>}, each part base64url without padding; the HTML banner carries it in
 * the {@value #ATTRIBUTE} attribute of its root element, the plain-text banner on its marker line. Reading never
 * throws; what does not parse is absent.
 */
public final class MarkerCodec {
    /** The attribute of the HTML banner's root element that carries the text form. */
    public static final String ATTRIBUTE = "data-palisade-marker";

    /** The line that opens and closes a plain-text banner; the marker line is the last line before the closing one. */
    public static final String TEXT_RULE = "-".repeat(60);

    /** The start of the marker line in a plain-text banner; the text form follows. */
    public static final String TEXT_PREFIX = "Palisade-Banner: ";

    private static final Pattern TEXT_FORM =
            Pattern.compile("PLSD1\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private MarkerCodec() {}

    /** The text form, {@code PLSD1.<tenant>.<message key>.<mac>}. */
    public static String toText(BannerMarker marker) {
        return BannerMarker.VERSION + "." + encode(marker.tenantId()) + "." + encode(marker.messageKey()) + "."
                + marker.mac();
    }

    /** Reads a text form (surrounding whitespace allowed); empty if the value is not exactly one. */
    public static Optional<BannerMarker> fromText(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = TEXT_FORM.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BannerMarker(decode(m.group(1)), decode(m.group(2)), m.group(3)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The marker line of the plain-text banner, without a line ending. */
    public static String textLine(BannerMarker marker) {
        return TEXT_PREFIX + toText(marker);
    }

    /** Reads a marker line (without its line ending); empty if the line is not one. A quoted line is not. */
    public static Optional<BannerMarker> fromTextLine(String line) {
        if (line == null || !line.startsWith(TEXT_PREFIX)) {
            return Optional.empty();
        }
        return fromText(line.substring(TEXT_PREFIX.length()));
    }

    private static String encode(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
