package io.palisade.core.intel;

import io.palisade.detection.analysis.auth.SendingIp;
import io.palisade.detection.analysis.url.Urls;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An indicator to add. The compact constructor normalises the value and refuses a malformed one with an
 * {@link IllegalArgumentException} that quotes it.
 *
 * @param expiresAt null when it never expires
 */
public record NewIndicator(IntelKind kind, String value, String source, int confidence, Instant expiresAt) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9-]{1,63}\\.)+[a-z0-9-]{2,63}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");

    public NewIndicator {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an indicator needs a value");
        }
        if (source == null || source.isBlank() || source.length() > 200) {
            throw new IllegalArgumentException("an indicator needs a source of at most 200 characters");
        }
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be between 0 and 100, got " + confidence);
        }
        value = normalise(kind, value.strip());
    }

    private static String normalise(IntelKind kind, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        String normalised = switch (kind) {
            case SENDER -> lower.matches("[^@\\s]+@[^@\\s]+") ? lower : null;
            case DOMAIN -> DOMAIN.matcher(lower).matches() ? lower : null;
            case URL -> Urls.parse(value).map(Object::toString).orElse(null);
            case SHA256 -> SHA256.matcher(lower).matches() ? lower : null;
            case IP -> SendingIp.canonical(lower).orElse(null);
        };
        if (normalised == null || normalised.length() > 2048) {
            throw new IllegalArgumentException("not a valid " + kind + " indicator: '" + shorten(value) + "'");
        }
        return normalised;
    }

    private static boolean isIpv6(String value) {
        return value.contains(":") && value.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
    }

    private static String shorten(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }

    /** Guesses the kind of a bare value from a plain list; null when it fits none. */
    static IntelKind guessKind(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (SHA256.matcher(lower).matches()) {
            return IntelKind.SHA256;
        }
        if (IPV4.matcher(lower).matches()
                || isIpv6(lower) && lower.chars().filter(c -> c == ':').count() >= 2) {
            return IntelKind.IP;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return IntelKind.URL;
        }
        if (lower.contains("@")) {
            return IntelKind.SENDER;
        }
        return DOMAIN.matcher(lower).matches() ? IntelKind.DOMAIN : null;
    }
}
