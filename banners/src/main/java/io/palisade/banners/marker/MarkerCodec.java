package io.palisade.banners.marker;

import io.palisade.detection.api.RiskLevel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@link BannerMarker} is written into a banner and read back: as attributes of the HTML banner's root
 * element and as one line of the plain-text banner. Reading never throws; what does not parse is absent.
 */
public final class MarkerCodec {
    /** Attribute carrying the marker version; its presence identifies a (genuine or imitated) Palisade banner. */
    public static final String ATTR_VERSION = "data-palisade-banner";

    public static final String ATTR_TENANT = "data-palisade-tenant";
    public static final String ATTR_MESSAGE = "data-palisade-msg";
    public static final String ATTR_LEVEL = "data-palisade-level";
    public static final String ATTR_MAC = "data-palisade-mac";

    /** The line that opens and closes a plain-text banner; the marker line is the last line before the closing one. */
    public static final String TEXT_RULE = "-".repeat(60);

    /** The start of the marker line in a plain-text banner. */
    public static final String TEXT_PREFIX = "Palisade-Banner: ";

    private static final Pattern TEXT_LINE = Pattern.compile(
            "^Palisade-Banner: (\\S+); tenant=(\\S+); msg=(\\S+); level=([A-Z]+); mac=([A-Za-z0-9_-]+)\\s*$");

    private MarkerCodec() {}

    /** The marker as HTML attributes, in a stable order; values are not escaped here. */
    public static Map<String, String> attributes(BannerMarker marker) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ATTR_VERSION, marker.version());
        attributes.put(ATTR_TENANT, marker.tenantId());
        attributes.put(ATTR_MESSAGE, marker.messageKey());
        attributes.put(ATTR_LEVEL, marker.level().name());
        attributes.put(ATTR_MAC, marker.mac());
        return attributes;
    }

    /** Reads a marker from an element's attributes ({@code attribute} returns null or "" for a missing one). */
    public static Optional<BannerMarker> fromAttributes(Function<String, String> attribute) {
        return build(
                attribute.apply(ATTR_VERSION),
                attribute.apply(ATTR_TENANT),
                attribute.apply(ATTR_MESSAGE),
                attribute.apply(ATTR_LEVEL),
                attribute.apply(ATTR_MAC));
    }

    /** The marker line of the plain-text banner, without a line ending. */
    public static String textLine(BannerMarker marker) {
        return TEXT_PREFIX + marker.version() + "; tenant=" + marker.tenantId() + "; msg=" + marker.messageKey()
                + "; level=" + marker.level().name() + "; mac=" + marker.mac();
    }

    /** Reads a marker line (without its line ending); empty if the line is not one. */
    public static Optional<BannerMarker> fromTextLine(String line) {
        if (line == null || !line.startsWith(TEXT_PREFIX)) {
            return Optional.empty();
        }
        Matcher m = TEXT_LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return build(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    private static Optional<BannerMarker> build(
            String version, String tenant, String message, String level, String mac) {
        if (isBlank(version) || isBlank(tenant) || isBlank(message) || isBlank(level) || isBlank(mac)) {
            return Optional.empty();
        }
        try {
            RiskLevel parsed = RiskLevel.valueOf(level);
            return Optional.of(new BannerMarker(version, tenant, message, parsed, mac));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
